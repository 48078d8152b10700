// The message ids and, for each, the arguments it takes with a sample value: what a translation may use,
// and what the tests render every catalog's messages with.
import { en } from './catalogs/en.js';

export type MessageId = keyof typeof en;

/** A catalog: a message for some or all ids, in ICU MessageFormat. */
export type Catalog = Readonly<Partial<Record<MessageId, string>>>;

export type MessageValues = Readonly<Record<string, string | number>>;

const DAY = 'Friday, March 13, 2026';

/** Every message's arguments, with sample values (a message takes no other). */
export const SAMPLES: Readonly<Record<MessageId, MessageValues>> = {
  'article.staff': {},
  'article.download': {},
  'article.related': {},
  'pdf.folio': { page: 3, pages: 7 },
  'ninjs.webPage': {},
  'ninjs.model': {},
  'ninjs.print': {},
  'ninjs.ebook': {},
  'epub.summary': {},
  'epub.summaryPictures': {},
  'site.description': { site: 'The Daily Galley' },
  'site.feeds': { links: 'RSS · JSON Feed' },
  'site.opds': {},
  'site.editions': {},
  'site.search': {},
  'site.searchNoScript': {},
  'list.empty': {},
  'list.page': { page: 2, pages: 14 },
  'list.pageTitle': { title: 'The Daily Galley', page: 2, pages: 14 },
  'list.pages': {},
  'list.newer': {},
  'list.older': {},
  'opds.latest': {},
  'opds.latestSummary': {},
  'opds.editions': {},
  'opds.editionsSummary': {},
  'edition.day': { date: DAY },
  'edition.week': { week: 11, year: '2026' },
  'edition.title': { site: 'The Daily Galley', edition: DAY },
  'edition.number': { number: 412 },
  'edition.articles': { count: 21 },
  'edition.sections': { count: 5 },
  'edition.contents': {},
  'edition.topStories': {},
  'edition.otherSection': {},
  'edition.download': {},
  'edition.list': {},
  'edition.empty': {},
  'edition.newer': {},
  'edition.older': {},
  'edition.pages': {},
  'edition.feedTitle': { site: 'The Daily Galley' },
  'edition.feedDescription': { site: 'The Daily Galley' },
  'edition.summary': {},
  'edition.summaryPictures': {},
};

export const MESSAGE_IDS = Object.keys(en) as MessageId[];

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(en, id);
}
