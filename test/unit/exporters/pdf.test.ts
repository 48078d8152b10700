// PDF exporter: bytes, diagnostics and metadata read back, and the file checked with qpdf and poppler.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPdf } from '../../../src/exporters/pdf.js';
import { shortTitle } from '../../../src/exporters/pdf/flow.js';
import type { Article } from '../../../src/model/article.js';
import { DEFAULT_CONFIG, type SiteConfig } from '../../../src/model/config.js';
import { xmp } from '../../support/pdf.js';
import { sampleArticle } from '../../support/article.js';

const dir = mkdtempSync(join(tmpdir(), 'galley-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(article: Article, config: Partial<SiteConfig> = {}) {
  return exportPdf(article, { config: { ...DEFAULT_CONFIG, ...config } });
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');


describe('exportPdf', () => {
  it('renders the same article to identical bytes twice', async () => {
    const a = await render(sampleArticle());
    const b = await render(sampleArticle());
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).toBe(0);
    expect(latin1(a.bytes).startsWith('%PDF-1.7')).toBe(true);
  });

  it('takes its dates from the article, never the clock', async () => {
    const { bytes } = await render(sampleArticle({ updated: '2024-07-01T12:30:00.000Z' }));
    const text = latin1(bytes);
    // Info values are indirect objects: the dates appear as their own objects.
    expect(text).toMatch(/\/CreationDate (\d+) 0 R/);
    const object = (key: string): string => {
      const id = new RegExp(`/${key} (\\d+) 0 R`).exec(text)![1]!;
      return new RegExp(`\n${id} 0 obj\n([^\n]*)\nendobj`).exec(text)![1]!;
    };
    expect(object('CreationDate')).toBe('(D:20240619000000Z)');
    expect(object('ModDate')).toBe('(D:20240701123000Z)');
    expect(xmp(bytes)).toContain('<xmp:CreateDate>2024-06-19T00:00:00Z</xmp:CreateDate>');
    expect(xmp(bytes)).toContain('<xmp:ModifyDate>2024-07-01T12:30:00Z</xmp:ModifyDate>');
  });

  it('gives a different file for a different article date (the /ID follows the dates)', async () => {
    const a = await render(sampleArticle());
    const b = await render(sampleArticle({ published: '2024-06-20T00:00:00.000Z' }));
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).not.toBe(0);
  });

  it('escapes the title, authors, summary and tags in the XMP packet', async () => {
    const packet = xmp((await render(sampleArticle({ authors: ['Tom & Jerry'], tags: ['R&D', '<b>'] }))).bytes);
    expect(packet).toContain('<rdf:li xml:lang="x-default">Sample “article” &amp; &lt;friends&gt;</rdf:li>');
    expect(packet).toContain('<rdf:li>Tom &amp; Jerry</rdf:li>');
    expect(packet).toContain('<pdf:Keywords>R&amp;D, &lt;b&gt;</pdf:Keywords>');
    expect(packet).toContain('<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>');
    expect(packet).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(packet).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
  });

  it('declares PDF/UA essentials: tagged, language, DisplayDocTitle', async () => {
    const text = latin1((await render(sampleArticle({ language: 'en-GB' }))).bytes);
    expect(text).toContain('/Marked true');
    expect(text).toContain('/Lang (en-GB)');
    expect(text).toContain('/DisplayDocTitle true');
    expect(text).toContain('/StructTreeRoot');
  });

  it('labels related reading in the article\'s language, and survives a tag Intl rejects', async () => {
    expect(latin1((await render(sampleArticle({ language: 'de' }))).bytes)).toContain('/Title (Mehr zum Thema)');
    expect(latin1((await render(sampleArticle({ language: 'en-a' }))).bytes)).toContain('/Title (Related reading)');
  });

  it('uses A4 by default and US Letter when the config says so', async () => {
    expect(latin1((await render(sampleArticle())).bytes)).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(latin1((await render(sampleArticle(), { pageSize: 'Letter' })).bytes)).toContain('/MediaBox [0 0 612 792]');
  });

  it('reports no loss for Latin, Cyrillic, Greek, Hangul and emoji', async () => {
    expect((await render(sampleArticle())).diagnostics).toEqual([]);
  });

  it('warns, once per character, about a character no font has', async () => {
    const article = sampleArticle({
      sections: [{ id: 'lead', kicker: null, heading: null, blocks: [
        { type: 'paragraph', text: 'A private-use \uE000 character, twice \uE000, and Ogham \u1681.' },
      ] }],
    });
    const { diagnostics } = await render(article);
    expect(diagnostics).toEqual([
      { severity: 'warning', file: 'seeds/sample.txt', line: null, column: null, rule: 'pdf/missing-glyph',
        message: 'no font has a glyph for U+E000; the character is left out of the PDF', excerpt: '\uE000' },
      { severity: 'warning', file: 'seeds/sample.txt', line: null, column: null, rule: 'pdf/missing-glyph',
        message: 'no font has a glyph for U+1681; the character is left out of the PDF', excerpt: '\u1681' },
    ]);
  });

  it('cuts the footer title at a word boundary', () => {
    expect(shortTitle('Short title', 60)).toBe('Short title');
    expect(shortTitle('Putin seeks to court North Korea prior to a scheduled visit in the summer', 40)).toBe('Putin seeks to court North Korea prior…');
  });
});
