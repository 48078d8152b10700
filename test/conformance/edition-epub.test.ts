// The edition EPUB (issue 22) read back: EPUBCheck, its nav and NCX nested section › article in reading order,
// each article a document in its language with its byline, the series' metadata, the right-to-left spine of an
// Arabic site, byte-identical twice, and calibre's conversion to AZW3 (Kindle) keeping the sections.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { exportEditionEpub } from '../../src/exporters/epub/edition.js';
import { authorList } from '../../src/markup/dates.js';
import { CATALOGS } from '../../src/messages/catalogs/index.js';
import { SiteConfig } from '../../src/model/config.js';
import type { Edition } from '../../src/model/edition.js';
import { editionArticles } from '../../src/model/edition.js';
import { encodePicture, raster } from '../../src/render/pictures.js';
import { coverCrop } from '../../src/model/picture.js';
import { articleWithPictures, withLeadArticle } from '../support/edition-articles.js';
import { RTL_EDITION, sampleEdition, WORLD_EDITION } from '../support/edition.js';
import { describeWithTools, haveTool } from '../support/tools.js';

const exec = promisify(execFile);
const CONFIG = SiteConfig.parse({ title: 'The Daily Galley', url: 'https://news.example' });
const AR_CONFIG = SiteConfig.parse({ title: 'The Daily Galley', url: 'https://news.example', language: 'ar' });

async function epubcheck(bytes: Uint8Array): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'galley-edition-epub-')), 'edition.epub');
  writeFileSync(file, bytes);
  try {
    const { stdout, stderr } = await exec('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', '/usr/bin/epubcheck', file], { maxBuffer: 16 * 1024 * 1024 });
    return `${stdout}\n${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}\n${e.stderr ?? ''}`;
  }
}

const text = (files: Record<string, Uint8Array>, name: string) => strFromU8(files[`OEBPS/${name}`]!);
/** The nav's tree: each top entry's label, and the labels of the entries under it. */
function navTree(nav: string): [string, string[]][] {
  const toc = nav.slice(nav.indexOf('<nav epub:type="toc"'), nav.indexOf('</nav>'));
  return [...toc.matchAll(/<li><a href="[^"]+">([^<]+)<\/a>(?:\n<ol>\n([\s\S]*?)<\/ol>)?/g)].filter((m) => !m[0].startsWith('<li><a href="article-'))
    .map((m) => [m[1]!, [...(m[2] ?? '').matchAll(/<a href="[^"]+"[^>]*>([^<]+)<\/a>/g)].map((a) => a[1]!)]);
}

describeWithTools(['java', 'epubcheck'], 'the edition EPUB', () => {
  let world: Edition;
  let worldBook: Uint8Array;
  let arabic: Edition;
  let arabicBook: Uint8Array;
  let pictured: Uint8Array;

  beforeAll(async () => {
    world = sampleEdition(WORLD_EDITION);
    worldBook = (await exportEditionEpub(world, { config: CONFIG })).bytes;
    arabic = sampleEdition(RTL_EDITION, { config: { language: 'ar' } });
    arabicBook = (await exportEditionEpub(arabic, { config: AR_CONFIG })).bytes;
    const launch = await articleWithPictures('test/fixtures/pictures/launch.txt', CONFIG, '2024-11-18T21:00:00.000Z', ['Science']);
    // The cover's crop of the lead picture, as the build makes it beside the renditions.
    const [crop] = await encodePicture(readFileSync('test/fixtures/pictures/img/launch.jpg'), [coverCrop(launch.article.image!)]);
    pictured = (await exportEditionEpub(withLeadArticle(world, launch.article, 'Science'), {
      config: CONFIG, pictures: { ...launch.pictures, [crop!.src]: crop!.bytes }, raster,
    })).bytes;
  }, 60_000);

  it.each([['English, five languages', () => worldBook], ['Arabic site', () => arabicBook], ['with pictures', () => pictured]])(
    '%s: EPUBCheck finds no error and no warning', async (_, book) => {
      const report = await epubcheck(book());
      expect(report).toMatch(/Messages: 0 fatals \/ 0 errors \/ 0 warnings/);
    }, 60_000);

  it('has a nav and an NCX nested section › article, in reading order, and a contents page', () => {
    const files = unzipSync(worldBook);
    const sections = world.sections.map((s) => [s.name, s.articles.map((a) => a.title)] as [string, string[]]);
    expect(navTree(text(files, 'toc.xhtml'))).toEqual([['Contents', []], ...sections]);
    const ncx = text(files, 'toc.ncx');
    const points = [...ncx.matchAll(/<navPoint id="nav-(\d+)" playOrder="(\d+)">\n<navLabel><text>([^<]+)<\/text><\/navLabel>\n<content src="([^"]+)"\/>/g)];
    expect(points.map((p) => p[3])).toEqual(['Contents', ...sections.flatMap(([name, titles]) => [name, ...titles])]);
    expect(points.map((p) => Number(p[2]))).toEqual(points.map((_, i) => i + 1));
    // The spine reads as the NCX lists: contents, then each section's page and its articles.
    const opf = text(files, 'content.opf');
    const spine = [...opf.slice(opf.indexOf('<spine')).matchAll(/<itemref idref="([^"]+)"\/>/g)].map((m) => `${m[1]}.xhtml`);
    expect(spine).toEqual(points.map((p) => p[4]));
    expect(text(files, 'contents.xhtml')).toContain('<h1 id="contents-title">Contents</h1>');
  });

  it('gives each article its own document, in its language, with its byline', () => {
    const files = unzipSync(worldBook);
    editionArticles(world).forEach((article, i) => {
      const doc = text(files, `article-${i + 1}.xhtml`);
      expect(doc).toContain(`xml:lang="${article.language}" lang="${article.language}"`);
      expect(doc).toContain(authorList(article.authors, article.language));
      expect(doc).toContain(`<h1>${article.title.replace(/&/g, '&amp;')}</h1>`);
    });
  });

  it('states the edition: its date, its series and its number', () => {
    const opf = text(unzipSync(worldBook), 'content.opf');
    expect(opf).toContain('<dc:date>2024-11-18</dc:date>');
    expect(opf).toContain('<meta property="belongs-to-collection" id="series">The Daily Galley</meta>');
    expect(opf).toContain('<meta refines="#series" property="collection-type">series</meta>');
    expect(opf).toContain(`<meta refines="#series" property="group-position">${world.number}</meta>`);
    expect(opf).toContain('<dc:title id="title">The Daily Galley: Monday, November 18, 2024</dc:title>');
  });

  it('reads right to left for an Arabic site: the spine, the package, the contents and nav in Arabic', () => {
    const files = unzipSync(arabicBook);
    expect(text(files, 'content.opf')).toContain('<spine toc="ncx" page-progression-direction="rtl">');
    expect(text(files, 'content.opf')).toMatch(/<package [^>]*xml:lang="ar" dir="rtl">/);
    const contents = text(files, 'contents.xhtml');
    expect(contents).toMatch(/<html [^>]*xml:lang="ar" lang="ar" dir="rtl">/);
    expect(contents).toContain(`<h1 id="contents-title">${CATALOGS.ar!['edition.contents']}</h1>`);
    // The Hebrew article keeps its own language inside the Arabic edition.
    expect(contents).toMatch(/<a href="article-\d+.xhtml" xml:lang="he" lang="he">/);
  });

  it('is the same bytes every time', async () => {
    expect(Buffer.from((await exportEditionEpub(world, { config: CONFIG })).bytes).equals(Buffer.from(worldBook))).toBe(true);
  });

  it('stores each picture once and shows the cover article\'s photo on the cover', () => {
    const files = unzipSync(pictured);
    const images = Object.keys(files).filter((f) => f.startsWith('OEBPS/images/'));
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images).size).toBe(images.length);
    expect(Object.keys(files)).toContain('OEBPS/cover.jpeg');
    expect(text(files, 'content.opf')).toContain('<meta property="schema:accessMode">visual</meta>');
  });

  it.runIf(haveTool('ebook-convert'))('converts to AZW3 with calibre, and back, keeping section › article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-edition-azw3-'));
    writeFileSync(join(dir, 'edition.epub'), worldBook);
    await exec('ebook-convert', [join(dir, 'edition.epub'), join(dir, 'edition.azw3')], { maxBuffer: 16 * 1024 * 1024 });
    await exec('ebook-convert', [join(dir, 'edition.azw3'), join(dir, 'back.epub')], { maxBuffer: 16 * 1024 * 1024 });
    const back = unzipSync(readFileSync(join(dir, 'back.epub')));
    const ncxName = Object.keys(back).find((f) => f.endsWith('.ncx'))!;
    const ncx = strFromU8(back[ncxName]!);
    // Each section a point with its articles under it.
    for (const section of world.sections) {
      const at = ncx.indexOf(`<text>${section.name}</text>`);
      expect(at, section.name).toBeGreaterThan(-1);
      const end = ncx.indexOf('</navPoint>', ncx.lastIndexOf(`<text>${section.articles.at(-1)!.title}</text>`)) ;
      const inner = ncx.slice(at, end);
      for (const article of section.articles) expect(inner, `${section.name} › ${article.title}`).toContain(`<text>${article.title}</text>`);
      expect(ncx.slice(at).indexOf('<navPoint'), `${section.name} has points under it`).toBeGreaterThan(-1);
    }
  }, 180_000);
});
