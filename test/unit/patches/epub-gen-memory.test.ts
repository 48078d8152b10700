// The epub-gen-memory workarounds in src/exporters/epub/epub-gen-memory.ts: each one still needed (raw
// epub-gen-memory 1.1.2 misbehaves) and still applied. When an upgrade fixes the package, a "raw" test fails:
// drop the workaround with it.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { EPub, type Content, type Options } from 'epub-gen-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { epubFiles, literalTemplate, type EpubDocuments } from '../../../src/patches/epub-gen-memory.js';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const installed = JSON.parse(readFileSync(new URL('../../../node_modules/epub-gen-memory/package.json', import.meta.url), 'utf8')) as { version: string };

const OPTIONS = { title: 'T', author: ['A'], lang: 'ru', date: '2024-06-19T00:00:00.000Z', version: 3, verbose: false, css: 'p{}' };
const XHTML = '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Путин <%= 1 + 1 %></p></body></html>';
const DOCUMENTS: EpubDocuments = {
  opf: '<package>opf <% stays %></package>',
  ncx: '<ncx>ncx</ncx>',
  nav: '<nav>nav</nav>',
  chapter: { fileName: 'article.xhtml', title: 'T', xhtml: XHTML },
};

/** The package as it comes: its own templates, its own zip. */
const epub = (options: Options, content: Content) => new EPub(options, content).genEpub();
const text = (files: Map<string, Uint8Array>, path: string) => strFromU8(files.get(path)!);

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function fakeClock(at: string, random: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  vi.spyOn(Math, 'random').mockReturnValue(random);
}

describe('epub-gen-memory is pinned', () => {
  it('to the exact version installed, the one these workarounds were written against', () => {
    expect(manifest.dependencies['epub-gen-memory']).toBe('1.1.2');
    expect(installed.version).toBe('1.1.2');
  });
});

describe('the files are read before JSZip zips them (jszip#609)', () => {
  it('raw epub-gen-memory gives different bytes at another time of day', async () => {
    fakeClock('2031-03-04T05:06:07Z', 0.25);
    const first = await epub(OPTIONS, [{ title: 'T', content: '<p>x</p>' }]);
    fakeClock('2039-12-31T23:59:58Z', 0.25);
    const second = await epub(OPTIONS, [{ title: 'T', content: '<p>x</p>' }]);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(false);
  });

  it('the book keeps its files in a JSZip at `zip` after render(), as epubFiles reads them', async () => {
    class Peek extends EPub {
      async peek() {
        await this.render();
        return Object.entries(this.zip.files).map(([path, file]) => ({ path, dir: file.dir, async: typeof file.async }));
      }
    }
    const entries = await new Peek(OPTIONS, [{ title: 'T', content: '', filename: 'article.xhtml' }]).peek();
    expect(entries.filter((e) => !e.dir).map((e) => e.path).sort()).toEqual([
      'META-INF/container.xml', 'OEBPS/article.xhtml', 'OEBPS/content.opf', 'OEBPS/style.css',
      'OEBPS/toc.ncx', 'OEBPS/toc.xhtml', 'mimetype',
    ]);
    expect(entries.every((e) => e.async === 'function')).toBe(true);
  });

  it('epubFiles gives the same files whatever the clock and Math.random say', async () => {
    fakeClock('2031-03-04T05:06:07Z', 0.25);
    const first = await epubFiles(OPTIONS, DOCUMENTS);
    fakeClock('2039-12-31T23:59:58Z', 0.75);
    const second = await epubFiles(OPTIONS, DOCUMENTS);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, data] of first) expect(Buffer.from(second.get(path)!).equals(Buffer.from(data))).toBe(true);
    expect(text(first, 'mimetype')).toBe('application/epub+zip');
    expect(text(first, 'OEBPS/style.css')).toBe('p{}');
  });
});

describe('our documents go in as templates, unchanged', () => {
  it('raw epub-gen-memory renders a template with EJS and stamps the clock in its stock package document', async () => {
    fakeClock('2031-03-04T05:06:07Z', 0.25);
    const files = unzipSync(await epub({ ...OPTIONS, tocXHTML: '<nav><%= 1 + 1 %></nav>' }, [{ title: 'T', content: '<p>x</p>' }]));
    expect(strFromU8(files['OEBPS/toc.xhtml']!)).toBe('<nav>2</nav>');
    expect(strFromU8(files['OEBPS/content.opf']!)).toContain('<meta property="dcterms:modified">2031-03-04T05:06:07Z</meta>');
  });

  it('epubFiles writes each document byte for byte, EJS tags and all', async () => {
    const files = await epubFiles(OPTIONS, DOCUMENTS);
    expect(text(files, 'OEBPS/content.opf')).toBe(DOCUMENTS.opf);
    expect(text(files, 'OEBPS/toc.ncx')).toBe(DOCUMENTS.ncx);
    expect(text(files, 'OEBPS/toc.xhtml')).toBe(DOCUMENTS.nav);
    expect(text(files, 'OEBPS/article.xhtml')).toBe(XHTML);
  });

  it('literalTemplate escapes every EJS opening tag, and only those', () => {
    expect(literalTemplate('a <%= x %> b <%- y %> <% z %> <p>%></p>')).toBe('a <%%= x %> b <%%- y %> <%% z %> <p>%></p>');
  });
});

describe('the chapter goes in as its template, not as content (htmlparser2 escapes non-ASCII)', () => {
  it('raw epub-gen-memory writes chapter content in Cyrillic as numeric character references', async () => {
    const files = unzipSync(await epub({ ...OPTIONS, version: 3 }, [{ title: 'T', content: '<p>Путин</p>', filename: 'a.xhtml' }]));
    const chapter = strFromU8(files['OEBPS/a.xhtml']!);
    expect(chapter).not.toContain('Путин');
    expect(chapter).toMatch(/&#x41f;|&#1055;/i);
  });

  it('epubFiles keeps the chapter in UTF-8', async () => {
    expect(text(await epubFiles(OPTIONS, DOCUMENTS), 'OEBPS/article.xhtml')).toContain('Путин');
  });
});
