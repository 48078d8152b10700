// Shared helpers for the normalizer tests: run a seed, catch its SeedError, flatten the model's text.
import { expect } from 'vitest';
import type { Article, Block } from '../../../src/model/article.js';
import { DEFAULT_CONFIG, SiteConfig } from '../../../src/model/config.js';
import { SeedError } from '../../../src/model/diagnostic.js';
import { normalize } from '../../../src/normalize/index.js';
import type { NormalizeResult } from '../../../src/normalize/index.js';

export const FIXED_DATE = { iso: '2024-06-19T00:00:00.000Z', source: 'git' as const };

/** Normalize `text` as seeds/test.txt with the default config (or `config` over it) and a fixed fallback date. */
export function run(text: string | Uint8Array, config: Partial<SiteConfig> = {}, path = 'seeds/test.txt'): NormalizeResult {
  return normalize(text, path, { config: SiteConfig.parse({ ...DEFAULT_CONFIG, ...config }), fallbackDate: FIXED_DATE });
}

/** Just the article. */
export function article(text: string | Uint8Array, config: Partial<SiteConfig> = {}, path?: string): Article {
  return run(text, config, path).article;
}

/** The SeedError `text` throws, as plain data; fails the test when it does not throw one. */
export function seedError(text: string | Uint8Array, config: Partial<SiteConfig> = {}, path = 'seeds/test.txt') {
  try {
    run(text, config, path);
  } catch (e) {
    expect(e).toBeInstanceOf(SeedError);
    const { file, line, column, rule, message } = (e as SeedError).diagnostic;
    return { file, line, column, rule, message };
  }
  throw new Error(`expected a SeedError for ${JSON.stringify(String(text).slice(0, 80))}`);
}

/** All blocks of all sections, in order. */
export function blocks(a: Article): Block[] {
  return a.sections.flatMap((s) => s.blocks);
}

/** The paragraphs' texts, in order. */
export function paragraphs(a: Article): string[] {
  return blocks(a).flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
}

/** Every text of the model a reader sees, for "nothing is lost" checks. */
export function modelTexts(a: Article): string[] {
  const texts = [a.title, a.summary, ...a.related.map((r) => r.text)];
  for (const s of a.sections) {
    if (s.kicker !== null) texts.push(s.kicker);
    if (s.heading !== null) texts.push(s.heading);
    for (const b of s.blocks) texts.push(...(b.type === 'paragraph' ? [b.text] : b.type === 'list' ? [b.title ?? '', ...b.items] : [b.image.caption ?? '']));
  }
  return texts;
}

/** A seed with a fixed date so no fallback warning appears. */
export function dated(body: string): string {
  return `---\ndate: 2024-06-19\n---\n${body}`;
}
