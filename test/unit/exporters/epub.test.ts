// The EPUB exporter: read back (OPF, NCX, nav, chapter, cover, zip layout), reproducible, and EPUBCheck-clean.
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { exportEpub } from '../../../src/exporters/epub.js';
import { renderCover } from '../../../src/exporters/epub/cover.js';
import { stylesheet } from '../../../src/exporters/epub/stylesheet.js';
import { zipEntries } from '../../../src/exporters/epub/zip.js';
import type { Article } from '../../../src/model/article.js';
import { DEFAULT_CONFIG, SiteConfig } from '../../../src/model/config.js';
import { authorList, formatLongDate } from '../../../src/markup/dates.js';
import { ENTRY_ORDER, arabicArticle, hebrewArticle, section, variants } from '../../support/epub-articles.js';
import { sampleArticle } from '../../support/article.js';


async function render(article: Article, config: SiteConfig = DEFAULT_CONFIG) {
  return exportEpub(article, { config });
}

interface Book {
  bytes: Uint8Array;
  files: Record<string, Uint8Array>;
  text: (path: string) => string;
}

async function book(article: Article, config: SiteConfig = DEFAULT_CONFIG): Promise<Book> {
  const { bytes } = await render(article, config);
  const files = unzipSync(bytes);
  return {
    bytes,
    files,
    text: (path) => {
      const data = files[path];
      if (data === undefined) throw new Error(`no ${path} in the EPUB`);
      return strFromU8(data);
    },
  };
}

/** The text content of an XML document: tags dropped, entities and character references decoded. */
function xmlText(xml: string): string {
  return xml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot|apos);/gi, (_, ref: string) => {
      if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
      return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[ref.toLowerCase()]!;
    })
    .replace(/\s+/g, ' ');
}

function paragraphsOf(article: Article): string[] {
  const texts: string[] = [article.title, article.summary];
  for (const section of article.sections) {
    if (section.heading !== null) texts.push(section.heading);
    if (section.kicker !== null) texts.push(section.kicker);
    for (const block of section.blocks) {
      if (block.type === 'paragraph') texts.push(block.text);
      else if (block.type === 'list') texts.push(...(block.title === null ? [] : [block.title]), ...block.items);
    }
  }
  texts.push(...article.related.map((r) => r.text));
  return texts;
}

/** The metadata elements of the OPF with their text, e.g. ['dc:subject', 'Korea']. */
function metadata(opf: string): [string, string][] {
  const block = /<metadata[^>]*>([\s\S]*?)<\/metadata>/.exec(opf)?.[1] ?? '';
  const out: [string, string][] = [];
  for (const m of block.matchAll(/<(dc:[a-z]+)[^>]*>([^<]*)<\/\1>|<meta property="([^"]+)"[^>]*>([^<]*)<\/meta>/g)) {
    out.push(m[1] !== undefined ? [m[1], xmlText(m[2]!)] : [m[3]!, xmlText(m[4]!)]);
  }
  return out;
}

const values = (opf: string, name: string) => metadata(opf).filter(([n]) => n === name).map(([, v]) => v);





describe('EPUB package metadata', () => {
  it('has the identifier, title, creators, language, dates, description, subjects and publisher', async () => {
    const article = sampleArticle({ updated: '2024-06-20T08:09:10.123Z' });
    const opf = (await book(article, { ...DEFAULT_CONFIG, title: 'The Daily <Galley> & Co' })).text('OEBPS/content.opf');
    expect(opf.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<package ')).toBe(true);
    expect(opf).toMatch(/<package [^>]*unique-identifier="pub-id"[^>]*xml:lang="en"/);
    expect(opf).toContain('<dc:identifier id="pub-id">urn:uuid:0f4e7a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a</dc:identifier>');
    expect(values(opf, 'dc:title')).toEqual(['Sample “article” & <friends>']);
    expect(values(opf, 'dc:creator')).toEqual(['Jane Doe', 'John Roe']);
    expect(values(opf, 'dc:language')).toEqual(['en']);
    expect(values(opf, 'dc:date')).toEqual(['2024-06-19T00:00:00Z']);
    expect(values(opf, 'dcterms:modified')).toEqual(['2024-06-20T08:09:10Z']);
    expect(values(opf, 'dc:description')).toEqual([article.summary]);
    expect(values(opf, 'dc:subject')).toEqual(['Korea', 'Russia']);
    expect(values(opf, 'dc:publisher')).toEqual(['The Daily <Galley> & Co']);
  });

  it('takes dcterms:modified from the published date when the article was never updated', async () => {
    const opf = (await book(sampleArticle({ published: '2023-01-02T03:04:05.000Z' }))).text('OEBPS/content.opf');
    expect(values(opf, 'dcterms:modified')).toEqual(['2023-01-02T03:04:05Z']);
  });

  it('writes no dc:subject for an article without tags', async () => {
    const opf = (await book(sampleArticle({ tags: [] }))).text('OEBPS/content.opf');
    expect(values(opf, 'dc:subject')).toEqual([]);
  });

  it('uses the article language in the OPF, the NCX and every XHTML file', async () => {
    const b = await book(sampleArticle({ language: 'de-CH' }));
    expect(values(b.text('OEBPS/content.opf'), 'dc:language')).toEqual(['de-CH']);
    expect(b.text('OEBPS/content.opf')).toMatch(/<package [^>]*xml:lang="de-CH"/);
    expect(b.text('OEBPS/toc.ncx')).toMatch(/<ncx [^>]*xml:lang="de-CH"/);
    for (const path of ['OEBPS/article.xhtml', 'OEBPS/toc.xhtml']) {
      expect(b.text(path)).toMatch(/<html [^>]*xml:lang="de-CH" lang="de-CH"/);
    }
    expect(b.text('OEBPS/article.xhtml')).toContain('<h2>Mehr zum Thema</h2>');
  });

  it('gives the NCX the package identifier as dtb:uid', async () => {
    const b = await book(sampleArticle());
    expect(b.text('OEBPS/toc.ncx')).toContain('<meta name="dtb:uid" content="urn:uuid:0f4e7a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a"/>');
  });

  it('declares EPUB Accessibility metadata and claims conformance, naming the publisher as evaluator', async () => {
    const opf = (await book(sampleArticle())).text('OEBPS/content.opf');
    expect(values(opf, 'schema:accessMode')).toEqual(['textual']);
    expect(values(opf, 'schema:accessModeSufficient')).toEqual(['textual']);
    expect(values(opf, 'schema:accessibilityFeature')).toEqual(['structuralNavigation', 'tableOfContents', 'readingOrder']);
    expect(values(opf, 'schema:accessibilityHazard')).toEqual(['none']);
    expect(values(opf, 'schema:accessibilitySummary')).toHaveLength(1);
    expect(values(opf, 'schema:accessibilitySummary')[0]!.length).toBeGreaterThan(40);
    expect(values(opf, 'dcterms:conformsTo')).toEqual(['EPUB Accessibility 1.1 - WCAG 2.1 Level AA']);
    expect(values(opf, 'a11y:certifiedBy')).toEqual([DEFAULT_CONFIG.title]);
  });
});

describe('EPUB content', () => {
  it('starts every XHTML file with an XML declaration', async () => {
    const b = await book(sampleArticle());
    const xhtml = Object.keys(b.files).filter((p) => p.endsWith('.xhtml'));
    expect(xhtml.sort()).toEqual(['OEBPS/article.xhtml', 'OEBPS/toc.xhtml']);
    for (const path of xhtml) expect(b.text(path).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  });

  it('uses only valid XML names as ids, also for a section id that starts with a digit', async () => {
    const b = await book(variants().russian!);
    const ids: string[] = [];
    for (const path of ['OEBPS/content.opf', 'OEBPS/toc.ncx', 'OEBPS/toc.xhtml', 'OEBPS/article.xhtml']) {
      for (const m of b.text(path).matchAll(/\sid="([^"]*)"/g)) ids.push(m[1]!);
    }
    expect(ids).toContain('s-2024-itogi');
    expect(ids).toContain('s-3');
    for (const id of ids) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9._-]*$/);
  });

  it('has every paragraph, heading and list item of the model as text in the chapter', async () => {
    for (const article of [sampleArticle(), ...Object.values(variants())]) {
      const text = xmlText((await book(article)).text('OEBPS/article.xhtml'));
      for (const paragraph of paragraphsOf(article)) expect(text).toContain(paragraph.replace(/\s+/g, ' '));
    }
  });

  it('keeps non-ASCII text as UTF-8 characters, not character references', async () => {
    const chapter = (await book(sampleArticle())).text('OEBPS/article.xhtml');
    expect(chapter).toContain('Путин, Greek Ελλάδα, Hangul 김정은 and an emoji 🙂');
    expect(chapter).not.toMatch(/&#/);
  });

  it('brings a <script> in the text in as escaped text, never as an element', async () => {
    const b = await book(sampleArticle());
    const chapter = b.text('OEBPS/article.xhtml');
    expect(chapter).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; as text.');
    for (const path of Object.keys(b.files).filter((p) => /\.(xhtml|opf|ncx)$/.test(p))) {
      expect(b.text(path)).not.toMatch(/<script/i);
    }
  });

  it('structures the chapter: h1, byline, standfirst, h2 with kicker per section, lists, related aside', async () => {
    const chapter = (await book(sampleArticle())).text('OEBPS/article.xhtml');
    expect(chapter.match(/<h1>/g)).toHaveLength(1);
    expect(chapter).toContain('<p class="byline">Jane Doe and John Roe · <time datetime="2024-06-19T00:00:00Z">June 19, 2024</time></p>');
    expect(chapter).toContain('<p class="standfirst">');
    expect(chapter).toContain('<section id="s-north-korean-soldiers-injured">\n<h2><span class="kicker">News</span> North Korean Soldiers Injured</h2>');
    expect(chapter).toContain('<p class="list-title">Key facts</p>\n<ul>\n<li>One fact.</li>');
    expect(chapter).toContain('<aside class="related" id="related">\n<h2>Related reading</h2>');
  });

  it('lists the headline, each titled section and the related reading in the nav and the NCX, linked to ids that exist', async () => {
    const b = await book(sampleArticle());
    const chapter = b.text('OEBPS/article.xhtml');
    const nav = b.text('OEBPS/toc.xhtml');
    const ncx = b.text('OEBPS/toc.ncx');
    const navLinks = [...nav.matchAll(/<nav epub:type="toc"[\s\S]*?<\/nav>/g)][0]![0].match(/href="[^"]*"/g);
    expect(navLinks).toEqual(['href="article.xhtml"', 'href="article.xhtml#s-north-korean-soldiers-injured"', 'href="article.xhtml#related"']);
    expect([...ncx.matchAll(/<content src="([^"]*)"/g)].map((m) => m[1])).toEqual(['article.xhtml', 'article.xhtml#s-north-korean-soldiers-injured', 'article.xhtml#related']);
    expect([...ncx.matchAll(/playOrder="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
    for (const fragment of ['s-north-korean-soldiers-injured', 'related']) expect(chapter).toContain(`id="${fragment}"`);
    expect(nav).toContain('<nav epub:type="landmarks"');
    // Screen readers read the ARIA role, not epub:type (DAISY Ace checks it in test/browser/epub-ace.test.ts).
    expect(nav).toContain('<nav epub:type="toc" id="toc" role="doc-toc">');
  });

  it('gives an article without sections or related reading a one-entry table of contents', async () => {
    const b = await book(variants().minimal!);
    expect(b.text('OEBPS/toc.xhtml').match(/<li>/g)).toHaveLength(2); // toc + landmarks
    expect(b.text('OEBPS/toc.ncx').match(/<navPoint /g)).toHaveLength(1);
    expect(b.text('OEBPS/toc.ncx')).toContain('<meta name="dtb:depth" content="1"/>');
  });

  it('has an e-reader stylesheet: relative units, no font family for Latin, no colours, no flex or grid, hyphenation', async () => {
    const css = (await book(sampleArticle())).text('OEBPS/style.css');
    expect(css).toBe(stylesheet('en'));
    expect(css).not.toMatch(/\d(px|pt|pc|cm|mm|in|q)\b/i);
    expect(css).not.toMatch(/font-family|(^|[\s;{])color\s*:|background/i);
    expect(css).not.toMatch(/display\s*:\s*(inline-)?(flex|grid)/i);
    expect(css).toMatch(/\bhyphens: auto;/);
    expect(css).toMatch(/-webkit-hyphens: auto;/);
    expect(css).toMatch(/:lang\(ko\)/);
  });

  it('names no font for Latin, Cyrillic or Greek text: the reader\'s choice wins', () => {
    for (const language of ['en', 'de-CH', 'ru', 'el', 'tlh']) expect(stylesheet(language)).toBe(stylesheet('en'));
  });

  it.each([
    ['ar', '"Noto Naskh Arabic", "Amiri"'],
    ['fa', '"Noto Naskh Arabic"'],
    ['ur', '"Noto Nastaliq Urdu"'],
    ['he', '"Noto Serif Hebrew"'],
    ['yi', '"Noto Serif Hebrew"'],
    ['hi', '"Noto Serif Devanagari"'],
    ['mr', '"Noto Serif Devanagari"'],
    ['ne', '"Noto Serif Devanagari"'],
    ['bn', '"Noto Serif Bengali"'],
    ['ta', '"Noto Serif Tamil"'],
    ['th', '"Noto Serif Thai"'],
    ['zh', '"Noto Serif SC"'],
    ['zh-CN', '"Noto Serif SC"'],
    ['zh-Hans', '"Noto Serif SC"'],
    ['zh-TW', '"Noto Serif TC"'],
    ['zh-HK', '"Noto Serif TC"'],
    ['zh-Hant', '"Noto Serif TC"'],
    ['ja', '"Noto Serif JP"'],
    ['ko', '"Noto Serif KR"'],
  ])('gives %s text the font families of its script (%s first), none embedded', (language, first) => {
    const css = stylesheet(language);
    const families = css.match(/font-family: ([^;]*);/g) ?? [];
    expect(families).toHaveLength(1);
    expect(families[0]!.startsWith(`font-family: ${first}`)).toBe(true);
    expect(families[0]).toMatch(/, (serif|sans-serif);$/);
    expect(css).not.toMatch(/@font-face|url\(/);
    // Neither italics nor letter-spacing for scripts whose type has no italics or joins its letters.
    expect(css).toMatch(/\.byline \{\n {2}font-style: normal;\n\}/);
    expect(css).toMatch(/\.kicker \{\n {2}letter-spacing: 0;\n\}/);
  });

  it('writes each CJK region its own forms: Simplified, Traditional, Japanese and Korean differ', () => {
    const css = ['zh', 'zh-TW', 'ja', 'ko'].map((l) => stylesheet(l));
    expect(new Set(css).size).toBe(4);
  });

  it('mirrors lists and alignment for right-to-left text with physical properties only, and no CSS direction', () => {
    const css = stylesheet('ar');
    expect(css).toMatch(/\[dir="rtl"\] \{\n {2}text-align: right;\n\}/);
    expect(css).toMatch(/\[dir="rtl"\] ul \{\n {2}padding-left: 0;\n {2}padding-right: 1\.5em;\n\}/);
    // EPUB forbids direction and unicode-bidi (CSS-001); RMSDK and older Kindles know no logical properties.
    expect(css).not.toMatch(/\b(direction|unicode-bidi)\s*:|-(inline|block)-(start|end)\b|\b(margin|padding|inset)-(inline|block)\b/);
  });
});

describe('EPUB writing direction', () => {
  it.each([['Arabic', arabicArticle], ['Hebrew', hebrewArticle], ['Urdu', () => sampleArticle({ language: 'ur' })], ['Yiddish', () => sampleArticle({ language: 'yi' })]])(
    'gives a right-to-left %s book dir="rtl" on every root and a spine that runs right to left',
    async (_, make) => {
      const article = make();
      const b = await book(article);
      const lang = article.language;
      for (const path of ['OEBPS/article.xhtml', 'OEBPS/toc.xhtml']) {
        expect(b.text(path)).toContain(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}" dir="rtl">`);
      }
      const opf = b.text('OEBPS/content.opf');
      expect(opf).toMatch(new RegExp(`<package [^>]*xml:lang="${lang}" dir="rtl">`));
      expect(opf).toContain('<spine toc="ncx" page-progression-direction="rtl">');
      expect(b.text('OEBPS/toc.ncx')).toMatch(new RegExp(`<ncx [^>]*xml:lang="${lang}" dir="rtl">`));
    },
  );

  it('gives an English book dir="ltr" and a left-to-right spine, with no rtl anywhere', async () => {
    const b = await book(sampleArticle());
    for (const path of ['OEBPS/article.xhtml', 'OEBPS/toc.xhtml']) expect(b.text(path)).toMatch(/<html [^>]*lang="en" dir="ltr">/);
    expect(b.text('OEBPS/content.opf')).toContain('<spine toc="ncx" page-progression-direction="ltr">');
    for (const path of ['OEBPS/content.opf', 'OEBPS/toc.ncx', 'OEBPS/article.xhtml', 'OEBPS/toc.xhtml']) expect(b.text(path)).not.toContain('rtl');
  });

  it('takes the base direction from the language alone: no element but the root states one, none says auto', async () => {
    // The byline starts with a Latin name and the lead paragraph holds a Latin run: dir="auto" would flip them.
    const chapter = (await book(arabicArticle())).text('OEBPS/article.xhtml');
    expect(chapter.match(/\sdir="/g)).toHaveLength(1);
    expect(chapter).not.toContain('dir="auto"');
    const date = formatLongDate('2024-06-19T00:00:00.000Z', 'ar');
    expect(chapter).toContain(`<p class="byline">${authorList(['John Smith', 'سارة أحمد'], 'ar')} · <time datetime="2024-06-19T00:00:00Z">${date}</time></p>`);
  });
});

describe('EPUB cover', () => {
  it('is a 600×900 PNG, declared as the cover image and by <meta name="cover">', async () => {
    const b = await book(sampleArticle());
    const png = b.files['OEBPS/cover.png']!;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const ihdr = new DataView(png.buffer, png.byteOffset + 16, 8);
    expect([ihdr.getUint32(0), ihdr.getUint32(4)]).toEqual([600, 900]);
    const opf = b.text('OEBPS/content.opf');
    expect(opf).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>');
    expect(opf).toContain('<meta name="cover" content="cover-image"/>');
  });

  it('differs with the headline and with the site title', async () => {
    const cover = async (article: Article, title = 'Galley') => createHash('sha256').update((await book(article, { ...DEFAULT_CONFIG, title })).files['OEBPS/cover.png']!).digest('hex');
    const base = await cover(sampleArticle());
    expect(await cover(sampleArticle({ title: 'Another headline' }))).not.toBe(base);
    expect(await cover(sampleArticle(), 'Another site')).not.toBe(base);
  });

  it('draws other scripts with fallback fonts, and reports characters no font has', async () => {
    expect((await render(variants().russian!)).diagnostics).toEqual([]);
    expect((await render(sampleArticle({ title: 'नमस्ते 안녕하세요 😀 Headline' }))).diagnostics).toEqual([]);
    const { diagnostics } = await render(sampleArticle({ title: 'ᚠᚢᚦ Headline' }));
    expect(diagnostics).toEqual([{
      severity: 'warning',
      file: 'seeds/sample.txt',
      line: null,
      column: null,
      rule: 'epub/cover-missing-glyph',
      message: 'no cover font has a glyph for "ᚠ" (U+16A0), "ᚢ" (U+16A2), "ᚦ" (U+16A6): left out of the cover image',
      excerpt: 'ᚠᚢᚦ Headline',
    }]);
  });

  it('reports characters XML forbids, drops them, and still writes a well-formed chapter', async () => {
    const article = sampleArticle({ title: 'Bell\u0007 headline', sections: [section('lead', null, 'Text with a \u0001 control.')] });
    const { bytes, diagnostics } = await render(article);
    expect(diagnostics.map((d) => [d.rule, d.message, d.excerpt])).toEqual([
      ['epub/invalid-character', '1 character XML cannot hold dropped from the EPUB', 'Bell headline'],
      ['epub/invalid-character', '1 character XML cannot hold dropped from the EPUB', 'Text with a  control.'],
    ]);
    const chapter = strFromU8(unzipSync(bytes)['OEBPS/article.xhtml']!);
    expect(chapter).toContain('<p>Text with a  control.</p>');
    expect(chapter).not.toMatch(/[\u0001\u0007]/);
  });

  it('fits a very long headline, and cuts one too long for the smallest size with an ellipsis', async () => {
    const b = await book(sampleArticle({ title: `${'Extraordinarily '.repeat(18)}long`.trim() }));
    expect(b.files['OEBPS/cover.png']!.length).toBeGreaterThan(1000);
    const endless = 'Extraordinarily long headline words '.repeat(30);
    const first = renderCover(endless, 'Galley', 'key', 'en', 'en');
    expect(first.missing).toEqual([]);
    expect(Buffer.from(renderCover(endless, 'Galley', 'key', 'en', 'en').png).equals(Buffer.from(first.png))).toBe(true);
  });
});

describe('EPUB container', () => {
  it('stores the mimetype first, uncompressed, without extra field', async () => {
    const { bytes } = await render(sampleArticle());
    const header = new DataView(bytes.buffer, bytes.byteOffset, 30);
    expect(header.getUint32(0, true)).toBe(0x04034b50);
    expect(header.getUint16(8, true)).toBe(0); // method: stored
    expect(header.getUint16(26, true)).toBe('mimetype'.length);
    expect(header.getUint16(28, true)).toBe(0); // extra field length
    expect(strFromU8(bytes.subarray(30, 38 + 20))).toBe('mimetypeapplication/epub+zip');
  });

  it('writes the entries in a fixed order, every one dated at the article date', async () => {
    const { bytes } = await render(sampleArticle({ updated: '2024-07-02T15:04:06.000Z' }));
    expect(Object.keys(unzipSync(bytes))).toEqual(ENTRY_ORDER);
    // Central directory: DOS time 15:04:06 and date 2024-07-02 on every entry.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.byteLength - 22;
    let at = view.getUint32(end + 16, true);
    for (let i = 0; i < ENTRY_ORDER.length; i++) {
      expect(view.getUint32(at, true)).toBe(0x02014b50);
      expect(view.getUint16(at + 12, true)).toBe((15 << 11) | (4 << 5) | 3);
      expect(view.getUint16(at + 14, true)).toBe(((2024 - 1980) << 9) | (7 << 5) | 2);
      at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
  });

  it('gives dates before 1980, which zip cannot hold, the earliest zip date', async () => {
    const bytes = zipEntries([{ name: 'a', data: new Uint8Array([1]), deflate: false }], new Date('1975-05-05T00:00:00Z'));
    expect(new DataView(bytes.buffer).getUint16(12, true)).toBe((0 << 9) | (1 << 5) | 1);
  });
});

describe('EPUB reproducibility', () => {
  it('gives byte-identical files for two renders, whatever the clock and Math.random say', async () => {
    const first = (await render(sampleArticle())).bytes;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-04T05:06:07Z'));
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.123456789);
    try {
      const second = (await render(sampleArticle())).bytes;
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    } finally {
      random.mockRestore();
      vi.useRealTimers();
    }
  });

  it('changes when the text changes (the comparison above can fail)', async () => {
    const a = (await render(sampleArticle())).bytes;
    const b = (await render(sampleArticle({ summary: 'Another summary.' }))).bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

});
