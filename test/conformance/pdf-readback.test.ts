// The PDF exporter's files read back by qpdf, poppler and xmllint: structure, fonts, text layer, outline, XMP.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { exportPdf } from '../../src/exporters/pdf.js';
import { shortTitle } from '../../src/exporters/pdf/flow.js';
import type { Article } from '../../src/model/article.js';
import { DEFAULT_CONFIG, type SiteConfig } from '../../src/model/config.js';
import { standfirst } from '../../src/markup/standfirst.js';
import { xmp } from '../support/pdf.js';
import { sampleArticle } from '../support/article.js';
import { normalize } from '../../src/normalize/index.js';
import { describeWithTools, run } from '../support/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'galley-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(article: Article, config: Partial<SiteConfig> = {}) {
  return exportPdf(article, { config: { ...DEFAULT_CONFIG, ...config } });
}

let files = 0;
async function renderToFile(article: Article, config: Partial<SiteConfig> = {}): Promise<string> {
  const path = join(dir, `${++files}.pdf`);
  writeFileSync(path, (await render(article, config)).bytes);
  return path;
}


/** Comparison form, as the publisher's check does it: no white space, hyphens or soft hyphens. */
const squash = (text: string): string =>
  text.normalize('NFKC').replace(/[\u00ad\u200b-\u200d\u2060\ufe0e\ufe0f]/g, '').replace(/[-\u2010\u2011]/g, '').replace(/\s+/g, '');

/** pdftotext output without the running footer, so a paragraph split over pages reads as one again. */
function bodyText(path: string, article: Article): string {
  const footer = shortTitle(article.title, 60);
  return run('pdftotext', ['-enc', 'UTF-8', path, '-'])
    .split(/\n/)
    .filter((line) => !isFooter(line, footer))
    .join('\n');
}

// pdftotext may print the folio "1 / 3" as "1/3": the spaces are narrow at footer size.
const isFooter = (line: string, footer: string): boolean =>
  /^\s*\d+\s?\/\s?\d+\s*$/.test(line) || line.trim() === footer || line.trim().startsWith(`${footer} `);

/** Everything of the model that must be readable in the PDF. */
function modelTexts(article: Article): string[] {
  // A summary that only repeats the lead is not printed as a standfirst (src/exporters/shared/standfirst.ts).
  const texts = [article.title, ...(standfirst(article) === null ? [] : [article.summary])];
  for (const section of article.sections) {
    if (section.heading !== null) texts.push(section.heading);
    for (const block of section.blocks) {
      if (block.type === 'paragraph') texts.push(block.text);
      else if (block.type === 'list') texts.push(...(block.title === null ? [] : [block.title]), ...block.items);
    }
  }
  texts.push(...article.related.map((r) => r.text));
  return texts;
}

const WORDS = 'the delegation reported that officials in Pyongyang and Moscow expected an agreement on energy trade sanctions while analysts warned of tension along the demilitarized border'.split(' ');
function prose(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13 + ((i * i) % 5)) % WORDS.length]!);
  return `${out.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

/** Several pages: sections with kickers, paragraphs of varied length, lists, related reading. */
function longArticle(): Article {
  const sections = Array.from({ length: 7 }, (_, s) => ({
    id: s === 0 ? 'lead' : `section-${s}`,
    kicker: s === 0 ? null : s % 2 === 0 ? 'Analysis' : null,
    heading: s === 0 ? null : `Heading number ${s} about the border`,
    blocks: [
      ...Array.from({ length: 2 + (s % 3) }, (_, p) => ({ type: 'paragraph' as const, text: prose(s * 10 + p, 40 + ((s * 31 + p * 17) % 90)) })),
      ...(s % 3 === 1 ? [{ type: 'list' as const, title: `Points of section ${s}`, items: [prose(s, 12), prose(s + 1, 30), prose(s + 2, 8)] }] : []),
    ],
  }));
  return sampleArticle({ title: 'A long article that runs over several pages of print', sections, stats: { words: 2000, readingMinutes: 9 } });
}

describeWithTools(['qpdf', 'pdffonts', 'pdfinfo', 'pdftotext'], 'exportPdf read back by qpdf and poppler', () => {
  it('passes qpdf --check', async () => {
    for (const article of [sampleArticle(), longArticle()]) {
      const out = run('qpdf', ['--check', await renderToFile(article)]);
      expect(out).toContain('No syntax or stream encoding errors found');
    }
  });

  it('copes with the extremes the schema allows: no sections, a 300-character title, a URL wider than the measure', async () => {
    const bare = sampleArticle({ sections: [], related: [], tags: [], title: `${'Headline words '.repeat(19)}end.`.slice(0, 300) });
    const url = `https://example.org/${'a-very-long-path-segment/'.repeat(8)}`;
    const wide = sampleArticle({ related: [{ text: `See ${url}`, url }] });
    for (const article of [bare, wide]) {
      const path = await renderToFile(article);
      expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors found');
      expect(squash(bodyText(path, article))).toContain(squash(article.related[0]?.text ?? article.title));
    }
  });

  it('embeds every font, fallbacks included', async () => {
    const rows = run('pdffonts', [await renderToFile(sampleArticle())]).split('\n').slice(2).filter((l) => l.trim() !== '');
    const fonts = rows.map((l) => l.split(/\s+/));
    expect(fonts.map((f) => f[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(
      ['NotoEmoji-Regular', 'NotoSerif-Bold', 'NotoSerif-Italic', 'NotoSerif-Regular', 'NotoSerifKR-Regular']);
    for (const f of fonts) expect(f.at(-5), f[0]).toBe('yes');
  });

  it('leaves the Hangul font out of an article that needs none', async () => {
    const article = sampleArticle({ sections: [{ id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: 'Only Latin here.' }] }] });
    expect(run('pdffonts', [await renderToFile(article)])).not.toContain('NotoSerifKR');
  });

  it('shows Title, Author, Tagged and Pages in pdfinfo', async () => {
    const info = run('pdfinfo', ['-enc', 'UTF-8', await renderToFile(sampleArticle())]);
    expect(info).toMatch(/^Title:\s+Sample “article” & <friends>$/m);
    expect(info).toMatch(/^Author:\s+Jane Doe, John Roe$/m);
    expect(info).toMatch(/^Subject:\s+A summary with \]\]> and <script>/m);
    expect(info).toMatch(/^Keywords:\s+Korea, Russia$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    const letter = run('pdfinfo', [await renderToFile(sampleArticle(), { pageSize: 'Letter' })]);
    expect(letter).toMatch(/^Page size:\s+612 x 792 pts \(letter\)$/m);
  });

  it('has a tag tree with H1, H2, P, L, LI, Lbl and LBody, and no untagged text', async () => {
    const tree = run('pdfinfo', ['-struct-text', await renderToFile(sampleArticle())]);
    for (const tag of ['Document', 'H1', 'H2', 'P', 'Sect', 'L', 'LI', 'Lbl', 'LBody']) expect(tree).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    expect(tree).toContain('"North Korean Soldiers Injured"');
    // Lines end with a space in the text layer, so words at line ends stay apart for screen readers.
    expect(squash(tree)).toContain(squash('First paragraph — with Cyrillic Путин, Greek Ελλάδα, Hangul 김정은 and an emoji 🙂.'));
    // The running footer is an artifact, not content.
    expect(tree).not.toContain('1 / 1');
  });

  it('keeps every heading, paragraph and list item in the text layer', async () => {
    for (const article of [sampleArticle(), longArticle()]) {
      const have = squash(bodyText(await renderToFile(article), article));
      for (const text of modelTexts(article)) expect(have, text).toContain(squash(text));
    }
  });

  it('keeps every word inside the measure, justified last lines included', async () => {
    // The measure is 340 pt, centred: 127.64 to 467.64 on A4.
    // This paragraph's last line only fits with its spaces tightened (it once ran 4 pt into the margin).
    const tight = 'Putin’s visit to North Korea took place on Tuesday and Wednesday, at the invitation of leader Kim Jong Un. Afterward, he heads to Vietnam for a two-day visit. The relationship between Russia and North Korea has been described as close, with the nuclear-aspiring country reportedly providing ammunition for Russia’s operations in Ukraine.';
    const article = longArticle();
    article.sections[0]!.blocks.push({ type: 'paragraph', text: tight });
    const html = run('pdftotext', ['-bbox', await renderToFile(article), '-']);
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(words.length).toBeGreaterThan(500);
    for (const [min, max] of words) {
      expect(min).toBeGreaterThanOrEqual(127.64 - 0.01);
      expect(max).toBeLessThanOrEqual(467.64 + 0.5);
    }
  });

  it('gives the tag tree each paragraph word for word: no break hyphens, no lost or added spaces', async () => {
    const article = longArticle();
    article.sections[0]!.blocks.push({ type: 'paragraph', text: 'The nuclear-aspiring, two-day, 4-kilometer-wide and/or Vietnam-bound international-relations demilitarization commitments of the administration were characterized as extraordinarily counterproductive by representatives.' });
    // A paragraph split over pages is two marked-content strings in the tree: join them all.
    const tree = [...run('pdfinfo', ['-struct-text', await renderToFile(article)]).matchAll(/^\s*"(.*)"$/gm)]
      .map((m) => m[1]).join('').replace(/\u00ad/g, '');
    for (const section of article.sections) {
      for (const block of section.blocks) if (block.type === 'paragraph') expect(tree).toContain(block.text);
    }
  });

  it('keeps Cyrillic, Greek, Hangul and emoji characters in the text layer', async () => {
    const text = run('pdftotext', ['-enc', 'UTF-8', await renderToFile(sampleArticle()), '-']);
    for (const word of ['Путин', 'Ελλάδα', '김정은', '🙂']) expect(text).toContain(word);
  });

  it('keeps a Latin letter in the text layer after a document used a composite glyph built from it', async () => {
    // Noto Serif builds Greek Ε from Latin E; fontkit's shared glyph cache once lost E's code point.
    await render(sampleArticle({ title: 'Ελλάδα Ε Ё É' }));
    const article = sampleArticle({ title: 'Eurasia and Europe', sections: [{ id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: 'Elbe, Ebro, Ёлка, Élan.' }] }] });
    const text = run('pdftotext', ['-enc', 'UTF-8', await renderToFile(article), '-']);
    for (const word of ['Eurasia', 'Europe', 'Elbe', 'Ebro', 'Ёлка', 'Élan']) expect(text).toContain(word);
  });

  it('keeps emoji sequences whole in the text layer: skin tones, flags, ZWJ families', async () => {
    // A plain 👋 first: the monochrome font draws 👋🏽 with the same glyph, which fontkit caches per process.
    await render(sampleArticle({ title: 'Wave 👋' }));
    const line = 'Wave 👋🏽, flags 🇰🇵 🇷🇺, family 👩‍👩‍👧.';
    const article = sampleArticle({ sections: [{ id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: line }] }] });
    const path = await renderToFile(article);
    expect(run('pdftotext', ['-enc', 'UTF-8', path, '-'])).toContain(line);
    expect(run('pdfinfo', ['-struct-text', path])).toContain(`"${line}"`);
  });

  it('prints the running footer "n / N" with the short title on every page', async () => {
    const article = longArticle();
    const path = await renderToFile(article);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', [path]))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const perPage = run('pdftotext', ['-enc', 'UTF-8', path, '-']).split('\f').slice(0, pages);
    perPage.forEach((page, i) => {
      expect(page).toMatch(new RegExp(`^${i + 1} ?/ ?${pages}$`, 'm'));
      expect(page).toContain(shortTitle(article.title, 60));
    });
  });

  it('never strands a heading at the foot of a page, and bookmarks each on its page', async () => {
    const article = longArticle();
    const path = await renderToFile(article);
    const outline = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', path])) as { outlines: { title: string; destpageposfrom1: number }[] };
    const titles = outline.outlines.map((o) => o.title);
    expect(titles).toEqual([article.title, ...article.sections.flatMap((s) => (s.heading === null ? [] : [s.heading])), 'Related reading']);
    const footer = shortTitle(article.title, 60);
    const pages = run('pdftotext', ['-enc', 'UTF-8', path, '-']).split('\f')
      .map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !isFooter(l, footer)));
    expect(outline.outlines[0]!.destpageposfrom1).toBe(1);
    for (const item of outline.outlines.slice(1)) {
      const lines = pages[item.destpageposfrom1 - 1]!;
      const at = lines.findIndex((l) => squash(l).toUpperCase() === squash(item.title).toUpperCase());
      expect(at, `${item.title} on page ${item.destpageposfrom1}`).toBeGreaterThanOrEqual(0);
      // At least two lines of text follow the heading on its page.
      expect(lines.length - 1 - at, item.title).toBeGreaterThanOrEqual(2);
    }
    // Some heading must have been pushed past a page end for this to prove anything.
    expect(new Set(outline.outlines.map((o) => o.destpageposfrom1)).size).toBeGreaterThanOrEqual(3);
  });
});

describeWithTools(['xmllint'], 'exportPdf XMP read back by xmllint', () => {
  it('writes a well-formed XMP packet with & and < in title and author', async () => {
    const path = join(dir, 'xmp.xml');
    writeFileSync(path, xmp((await render(sampleArticle({ authors: ['Tom & Jerry <tj@example.org>'] }))).bytes));
    expect(() => run('xmllint', ['--noout', path])).not.toThrow();
  });
});

describeWithTools(['qpdf', 'pdftotext'], 'exportPdf on the seed', () => {
  it('renders seeds/putin-north-korea.txt under 100 KB with every paragraph in the text layer', async () => {
    const seed = readFileSync(new URL('../../seeds/putin-north-korea.txt', import.meta.url));
    const { article } = normalize(seed, 'seeds/putin-north-korea.txt', { config: DEFAULT_CONFIG, fallbackDate: { iso: '2024-06-19T00:00:00.000Z', source: 'git' } });
    const { bytes, diagnostics } = await render(article);
    expect(diagnostics).toEqual([]);
    expect(bytes.length).toBeLessThan(100 * 1024);
    const path = join(dir, 'seed.pdf');
    writeFileSync(path, bytes);
    expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors found');
    const have = squash(bodyText(path, article));
    for (const text of modelTexts(article)) expect(have, text).toContain(squash(text));
  });
});
