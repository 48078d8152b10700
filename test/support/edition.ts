// Editions for exporter tests: real seeds normalized, then grouped as the build groups them.
import { readFileSync } from 'node:fs';
import { SiteConfig } from '../../src/model/config.js';
import type { Article } from '../../src/model/article.js';
import type { Edition } from '../../src/model/edition.js';
import { normalize } from '../../src/normalize/index.js';
import { makeEdition } from '../../src/pipeline/editions/edition.js';
import { periodOf } from '../../src/pipeline/editions/period.js';

/** A seed normalized with `config`, published at `published` and tagged `tags` (its own front matter else). */
export function seedArticle(path: string, config: SiteConfig, published: string, tags?: readonly string[]): Article {
  const { article } = normalize(readFileSync(path), path, { config, fallbackDate: { iso: published, source: 'option' } });
  return { ...article, published, tags: tags === undefined ? article.tags : [...tags] };
}

/**
 * An edition of 2024-11-18 (UTC) from the given seeds, each `[path, tags]`, published an hour apart (the
 * first the newest): sections by first tag, or as `sections` says.
 */
export function sampleEdition(seeds: readonly (readonly [string, readonly string[]])[], options: {
  config?: Partial<SiteConfig>; number?: number; sections?: { name: string; tags: string[] }[];
} = {}): Edition {
  const config = SiteConfig.parse({ title: 'The Daily Galley', url: 'https://news.example', ...options.config,
    editions: { period: 'day', timeZone: 'UTC', sections: options.sections ?? null, max: 50 } });
  const articles = seeds.map(([path, tags], i) => seedArticle(path, config, new Date(Date.UTC(2024, 10, 18, 20 - i)).toISOString(), tags));
  return makeEdition(articles, periodOf(articles[0]!.published, 'day', 'UTC'), options.number ?? 7, config, config.editions!);
}

/** Five articles in three sections, in English, Arabic, Japanese, Russian and Hindi. */
export const WORLD_EDITION: readonly (readonly [string, readonly string[]])[] = [
  ['seeds/putin-north-korea.txt', ['World', 'Korea']],
  ['test/fixtures/scripts/ar-floods.txt', ['Weather']],
  ['test/fixtures/scripts/ja-sakura.txt', ['Culture']],
  ['test/fixtures/scripts/ru-snowfall.txt', ['Weather']],
  ['test/fixtures/scripts/hi-mumbai-rain.txt', ['World']],
];

/** Four Arabic and Hebrew articles: an edition of a right-to-left site. */
export const RTL_EDITION: readonly (readonly [string, readonly string[]])[] = [
  ['test/fixtures/scripts/ar-floods.txt', ['أخبار محلية']],
  ['test/fixtures/scripts/fa-book-fair.txt', ['فرهنگ']],
  ['test/fixtures/scripts/he-cycling.txt', ['ספורט']],
  ['test/fixtures/scripts/ur-smog.txt', ['أخبار محلية']],
];
