// Articles for edition tests: a seed with its pictures probed and made as the build makes them, and an
// edition of 50 articles, big enough to span pages of contents.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Article } from '../../src/model/article.js';
import type { SiteConfig } from '../../src/model/config.js';
import type { Edition } from '../../src/model/edition.js';
import type { PictureFacts } from '../../src/model/picture.js';
import { normalize, pictureRefs } from '../../src/normalize/index.js';
import { encodePicture, probePicture } from '../../src/render/pictures.js';
import { sampleArticle } from './article.js';
import { sampleEdition } from './edition.js';

/** The article of `seed`, published at `published`, and the bytes of every rendition of its pictures, by path. */
export async function articleWithPictures(seed: string, config: SiteConfig, published: string, tags: readonly string[]): Promise<{
  article: Article; pictures: Record<string, Uint8Array>;
}> {
  const text = readFileSync(seed);
  const probed = new Map<string, PictureFacts>();
  const sources = new Map<string, Uint8Array>();
  for (const ref of pictureRefs(text, seed)) {
    const source = readFileSync(join(dirname(seed), ref.path));
    const { format: _, ...facts } = await probePicture(source);
    probed.set(ref.path, facts);
    sources.set(facts.sha256, source);
  }
  const { article } = normalize(text, seed, { config, fallbackDate: { iso: published, source: 'option' }, pictures: (ref) => probed.get(ref.path)! });
  const pictures: Record<string, Uint8Array> = {};
  const shown = [...(article.image === undefined ? [] : [article.image]), ...article.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'figure' ? [b.image] : [])))];
  for (const p of shown) for (const made of await encodePicture(sources.get(p.sha256)!, p.renditions)) pictures[made.src] = made.bytes;
  return { article: { ...article, published, tags: [...tags] }, pictures };
}

/** `edition` with `article` as the first story of a new first section, and the cover. */
export function withLeadArticle(edition: Edition, article: Article, section: string): Edition {
  return { ...edition, sections: [{ name: section, articles: [article] }, ...edition.sections], cover: article.slug };
}

const WORDS = 'the council said officials in the port city and the capital expected an agreement on transport energy and housing while residents warned of delays along the northern line after the storm'.split(' ');

/** A paragraph of `words` words, different for every `seed`. */
function prose(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13 + ((i * i + seed) % 5)) % WORDS.length]!);
  return `${out.join(' ').replace(/^./, (c) => c.toUpperCase())} (${seed}).`;
}

/** An English article of a page or two, its text unlike any other's. */
function madeArticle(n: number, published: string, tag: string): Article {
  return sampleArticle({
    slug: `made-${n}`, title: `Report number ${n} on the northern line`, tags: [tag], published, related: [],
    summary: prose(n * 100, 20), source: { path: `seeds/made-${n}.txt`, sha256: '0'.repeat(64) },
    sections: [0, 1].map((s) => ({
      id: s === 0 ? 'lead' : `part-${s}`, kicker: null, heading: s === 0 ? null : `Part ${s} of report ${n}`,
      blocks: Array.from({ length: 3 + (n % 4) }, (_, p) => ({ type: 'paragraph' as const, text: prose(n * 100 + s * 10 + p, 40 + ((n * 31 + p * 17) % 80)) })),
    })),
  });
}

/** Every script fixture and the sample seed, and English articles made to reach 50 articles in 6 sections. */
export function largeEdition(): Edition {
  const scripts = readdirSync('test/fixtures/scripts').filter((f) => f.endsWith('.txt')).sort().map((f) => `test/fixtures/scripts/${f}`);
  const tags = ['World', 'Weather', 'Culture', 'Transport', 'Business', 'Science'];
  const seeds = ['seeds/putin-north-korea.txt', ...scripts].map((path, i) => [path, [tags[i % tags.length]!]] as const);
  const edition = sampleEdition(seeds);
  const made = Array.from({ length: 50 - seeds.length }, (_, i) => madeArticle(i + 1, new Date(Date.UTC(2024, 10, 18, 2, 50 - i)).toISOString(), tags[i % tags.length]!));
  return {
    ...edition,
    sections: edition.sections.map((section) => ({ ...section, articles: [...section.articles, ...made.filter((a) => a.tags[0] === section.name)] })),
  };
}
