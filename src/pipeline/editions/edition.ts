// An edition from its period's articles: sections in the configured order, at most `max` articles, the
// cover's picture, and the words that name it in the site's language.
import type { Article } from '../../model/article.js';
import type { SiteConfig } from '../../model/config.js';
import type { Edition } from '../../model/edition.js';
import { itemDate, newestItemDate } from '../../markup/listing.js';
import { siteBase } from '../../model/layout.js';
import { siteMessages } from '../../messages/site.js';
import { uuidV5 } from '../../normalize/uuid.js';
import type { Period } from './period.js';

export type EditionsConfig = NonNullable<SiteConfig['editions']>;

/**
 * The edition of `period` from its articles, newest first (the site's order), numbered `number` among the
 * site's editions. Articles past `max` (the oldest) are left out.
 */
export function makeEdition(articles: readonly Article[], period: Period, number: number, config: SiteConfig, editions: EditionsConfig): Edition {
  const kept = articles.slice(0, editions.max);
  const words = siteMessages(config);
  const other = words.text('edition.otherSection');
  const sections = new Map<string, Article[]>();
  // Configured sections first, in their order, then the rest by first appearance (the newest news first).
  for (const s of editions.sections ?? []) sections.set(s.name, []);
  for (const article of kept) {
    const name = sectionOf(article, editions) ?? other;
    if (!sections.has(name)) sections.set(name, []);
    sections.get(name)!.push(article);
  }
  // "More news" last, whatever came first.
  const otherArticles = sections.get(other);
  if (otherArticles !== undefined && editions.sections !== null) {
    sections.delete(other);
    sections.set(other, otherArticles);
  }
  const ordered = [...sections].filter(([, list]) => list.length > 0).map(([name, list]) => ({ name, articles: list }));
  const label = period.week === undefined
    ? words.text('edition.day', { date: words.day(period.start) })
    : words.text('edition.week', { week: period.week.week, year: words.year(period.week.year) });
  // Its articles are models the build validated; parsing fifty of them again cost more than rendering the lists.
  return {
    id: `urn:uuid:${uuidV5(`${siteBase(config.url) ?? ''}editions/${period.key}`)}`,
    key: period.key,
    period: editions.period,
    start: period.start,
    end: period.end,
    timeZone: editions.timeZone,
    number,
    language: config.language,
    title: words.text('edition.title', { site: config.title, edition: label }),
    label,
    modified: newestItemDate(kept) ?? itemDate(kept[0]!),
    sections: ordered,
    cover: ordered.flatMap((s) => s.articles).find((a) => a.image !== undefined)?.slug ?? null,
  };
}

/** The section an article goes to: the first configured one that has one of its tags, else (unconfigured) its first tag. */
function sectionOf(article: Article, editions: EditionsConfig): string | null {
  if (editions.sections === null) return article.tags[0] ?? null;
  const tags = new Set(article.tags.map((t) => t.toLowerCase()));
  return editions.sections.find((s) => s.tags.some((t) => tags.has(t.toLowerCase())))?.name ?? null;
}
