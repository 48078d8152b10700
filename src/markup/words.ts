// Galley's own words in a page: the messages of the page's language, marked English where they fall back.
import { messagesFor, type Messages } from '../messages/messages.js';
import type { MessageId } from '../messages/ids.js';
import type { SiteConfig } from '../model/config.js';
import type { EditionEntry } from '../model/edition.js';

/**
 * ` lang="en"` on Galley's own words where they are English in a page of another language (neither the site
 * nor Galley has them in its language), so a screen reader reads them with the right voice; else nothing.
 */
export function wordsLang(words: Messages, id: MessageId, pageLanguage: string): string {
  return words.lang(id) === 'en' && pageLanguage.split('-')[0]!.toLowerCase() !== 'en' ? ' lang="en"' : '';
}

/** The words of a page in `language`: Galley's catalog for it, with the site's overrides. */
export function pageWords(config: Pick<SiteConfig, 'messages'>, language: string): Messages {
  return messagesFor(language, config.messages);
}

/** An edition as a feed or catalog sums it up: how many articles, then its top headlines. */
export function editionSummary(words: Messages, edition: Pick<EditionEntry, 'articles' | 'headlines'>): string {
  return [words.text('edition.articles', { count: edition.articles }), ...edition.headlines.map((h) => h.title)].join(' · ');
}
