// The edition EPUB (issue 22) read back: EPUBCheck, its nav and NCX nested section › article in reading order,
// the spine, the contents page, each article a document in its language with its byline, the series' metadata,
// the right-to-left spine of an Arabic site, the masthead cover (with the cover article's photo across the
// top), each picture stored once, byte-identical twice, and calibre's conversion to AZW3 (Kindle) and back
// keeping the sections, the language and the direction.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { COVER_HEIGHT, COVER_WIDTH, MARGIN } from '../../src/exporters/epub/cover.js';
import { editionCover, editionMasthead, MASTHEAD_PHOTO_BAND, topStories } from '../../src/exporters/epub/edition-cover.js';
import { exportEditionEpub } from '../../src/exporters/epub/edition.js';
import { layoutMasthead } from '../../src/exporters/epub/masthead.js';
import { authorList, isoSeconds } from '../../src/markup/dates.js';
import { CATALOGS } from '../../src/messages/catalogs/index.js';
import { en } from '../../src/messages/catalogs/en.js';
import type { Article } from '../../src/model/article.js';
import { SiteConfig } from '../../src/model/config.js';
import type { Edition } from '../../src/model/edition.js';
import { editionArticles } from '../../src/model/edition.js';
import { editionFilePath } from '../../src/model/layout.js';
import { COVER_PHOTO, coverCrop } from '../../src/model/picture.js';
import { encodePicture, raster } from '../../src/render/pictures.js';
import { articleWithPictures, withLeadArticle } from '../support/edition-articles.js';
import { RTL_EDITION, sampleEdition, WORLD_EDITION } from '../support/edition.js';
import { flatten, labels, ncxTree, navTree, readPackage, type TocEntry, zipNames } from '../support/epub-read.js';
import { describeWithTools } from '../support/tools.js';

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
/** The edition as its toc should read: the contents page, then each section with its articles' titles. */
const expectedTree = (edition: Edition, contents: string): [string, string[]][] =>
  [[contents, []], ...edition.sections.map((s) => [s.name, s.articles.map((a) => a.title)] as [string, string[]])];
/** The metadata element's text, or each one's where there are several. */
const meta = (opf: ReturnType<typeof readPackage>, name: string) => opf.metadata.filter(([n]) => n === name).map(([, t]) => t);
const property = (opf: ReturnType<typeof readPackage>, property: string) => opf.metadata.filter(([, , a]) => a.property === property);

describeWithTools(['java', 'epubcheck'], 'the edition EPUB', () => {
  let world: Edition;
  let worldBook: Uint8Array;
  let arabic: Edition;
  let arabicBook: Uint8Array;
  let pictured: Edition;
  let picturedBook: Uint8Array;
  let picturedContext: Parameters<typeof exportEditionEpub>[1];
  let crop: Uint8Array;

  beforeAll(async () => {
    world = sampleEdition(WORLD_EDITION);
    worldBook = (await exportEditionEpub(world, { config: CONFIG })).bytes;
    arabic = sampleEdition(RTL_EDITION, { config: { language: 'ar' }, number: 412 });
    arabicBook = (await exportEditionEpub(arabic, { config: AR_CONFIG })).bytes;
    const launch = await articleWithPictures('test/fixtures/pictures/launch.txt', CONFIG, '2024-11-18T21:00:00.000Z', ['Science']);
    // The cover's crop of the lead picture, as the build makes it beside the renditions.
    const [made] = await encodePicture(readFileSync('test/fixtures/pictures/img/launch.jpg'), [coverCrop(launch.article.image!)]);
    crop = made!.bytes;
    // The same article once more in another section (a wire story two desks ran): its pictures are the same files.
    const again: Article = { ...launch.article, slug: 'launch-again', id: `${launch.article.id}-again` };
    const withLaunch = withLeadArticle(world, launch.article, 'Science');
    pictured = { ...withLaunch, sections: withLaunch.sections.map((s) => (s.name === 'Culture' ? { ...s, articles: [...s.articles, again] } : s)) };
    picturedContext = { config: CONFIG, pictures: { ...launch.pictures, [made!.src]: made!.bytes }, raster };
    picturedBook = (await exportEditionEpub(pictured, picturedContext)).bytes;
  }, 60_000);

  it.each([['English, five languages', () => worldBook], ['Arabic site', () => arabicBook], ['with pictures, one used twice', () => picturedBook]])(
    '%s: EPUBCheck finds no error and no warning', async (_, book) => {
      const report = await epubcheck(book());
      expect(report).toMatch(/Messages: 0 fatals \/ 0 errors \/ 0 warnings/);
    }, 60_000);

  it('has a nav and an NCX nested section › article in reading order, and a spine that reads the same', () => {
    const files = unzipSync(worldBook);
    const nav = navTree(text(files, 'toc.xhtml'));
    const ncx = ncxTree(text(files, 'toc.ncx'));
    expect(labels(nav)).toEqual(expectedTree(world, 'Contents'));
    expect(labels(ncx)).toEqual(expectedTree(world, 'Contents'));
    // No deeper level: an article's own headings are in its document, not in the edition's toc.
    expect(flatten(nav).every((e) => e.children.every((c) => c.children.length === 0))).toBe(true);
    // playOrder counts the points in the order they are read, a section before its articles.
    const points = flatten(ncx);
    expect(points.map((p) => p.order)).toEqual(points.map((_, i) => i + 1));
    expect(points.map((p) => p.href)).toEqual(flatten(nav).map((e) => e.href));
    // The spine: the contents page, then each section's page and its articles, as the toc lists them.
    const opf = readPackage(text(files, 'content.opf'));
    expect(opf.spine).toEqual(points.map((p) => p.href));
    expect(opf.spine[0]).toBe('contents.xhtml');
    // Every article's document is in the spine once, in reading order.
    const articleDocs = points.filter((p) => ncx.some((s) => s.children.includes(p))).map((p) => p.href);
    expect(articleDocs).toHaveLength(editionArticles(world).length);
    expect(new Set(articleDocs).size).toBe(articleDocs.length);
  });

  it('has a contents page that lists each section and links each of its articles', () => {
    const files = unzipSync(worldBook);
    const contents = text(files, 'contents.xhtml');
    expect(contents).toContain(`<h1 id="contents-title">${en['edition.contents']}</h1>`);
    expect(contents).toContain('role="doc-toc"');
    const headings = [...contents.matchAll(/<h2><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((m) => m[2]);
    expect(headings).toEqual(world.sections.map((s) => s.name));
    const nav = flatten(navTree(text(files, 'toc.xhtml')));
    const links = [...contents.matchAll(/<li><a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual(editionArticles(world).map((a) => [nav.find((e) => e.label === a.title)!.href, a.title]));
    // The edition's number, from the catalog.
    expect(contents).toContain('No. 7');
  });

  it('gives each article its own document, in its language and direction, with its byline', () => {
    const files = unzipSync(worldBook);
    const nav = flatten(navTree(text(files, 'toc.xhtml')));
    for (const article of editionArticles(world)) {
      const doc = text(files, nav.find((e) => e.label === article.title)!.href);
      const dir = article.language === 'ar' ? 'rtl' : 'ltr';
      expect(doc).toContain(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${article.language}" lang="${article.language}" dir="${dir}">`);
      expect(doc).toMatch(new RegExp(`<p class="byline">${authorList(article.authors, article.language)} · <time`));
      expect(doc).toContain(`<h1>${article.title.replace(/&/g, '&amp;')}</h1>`);
    }
    // The package and the edition's own pages are in the site's language.
    expect(text(files, 'contents.xhtml')).toMatch(/<html [^>]*xml:lang="en" lang="en" dir="ltr">/);
    expect(text(files, 'toc.xhtml')).toMatch(/<html [^>]*xml:lang="en" lang="en" dir="ltr">/);
  });

  it('states the edition: its identifier, title, language, date, publisher, and its place in the series', () => {
    const opf = readPackage(text(unzipSync(worldBook), 'content.opf'));
    expect(meta(opf, 'dc:identifier')).toEqual([world.id]);
    expect(meta(opf, 'dc:title')).toEqual(['The Daily Galley: Monday, November 18, 2024']);
    // One language, the edition's: a converter that keeps one (calibre, for Kindle) keeps the right one.
    expect(meta(opf, 'dc:language')).toEqual(['en']);
    expect(meta(opf, 'dc:date')).toEqual(['2024-11-18']);
    expect(meta(opf, 'dc:publisher')).toEqual(['The Daily Galley']);
    expect(property(opf, 'dcterms:modified').map(([, t]) => t)).toEqual([isoSeconds(world.modified)]);
    const [collection, ...more] = property(opf, 'belongs-to-collection');
    expect(more).toEqual([]);
    expect(collection![1]).toBe('The Daily Galley');
    const id = collection![2].id!;
    expect(id).toBe('c01');
    const refines = opf.metadata.filter(([, , a]) => a.refines === `#${id}`).map(([, t, a]) => [a.property, t]);
    expect(refines).toEqual([['collection-type', 'series'], ['group-position', String(world.number)]]);
    // Another edition's number is its own.
    const other = readPackage(text(unzipSync(arabicBook), 'content.opf'));
    expect(other.metadata.filter(([, , a]) => a.property === 'group-position').map(([, t]) => t)).toEqual(['412']);
  });

  it('describes its accessibility from the catalog, visual only where it has pictures', () => {
    const plain = readPackage(text(unzipSync(worldBook), 'content.opf'));
    expect(property(plain, 'schema:accessMode').map(([, t]) => t)).toEqual(['textual']);
    expect(property(plain, 'schema:accessibilityFeature').map(([, t]) => t)).not.toContain('alternativeText');
    expect(property(plain, 'schema:accessibilitySummary').map(([, t]) => t)).toEqual([en['edition.summary']]);
    const withPictures = readPackage(text(unzipSync(picturedBook), 'content.opf'));
    expect(property(withPictures, 'schema:accessMode').map(([, t]) => t)).toEqual(['textual', 'visual']);
    expect(property(withPictures, 'schema:accessibilityFeature').map(([, t]) => t)).toContain('alternativeText');
    expect(property(withPictures, 'schema:accessibilitySummary').map(([, t]) => t)).toEqual([en['edition.summaryPictures']]);
    const arabicPackage = readPackage(text(unzipSync(arabicBook), 'content.opf'));
    expect(property(arabicPackage, 'schema:accessibilitySummary').map(([, t]) => t)).toEqual([CATALOGS.ar!['edition.summary']]);
  });

  it('reads right to left for an Arabic site: the spine, the package, the contents, nav and NCX in Arabic', () => {
    const files = unzipSync(arabicBook);
    const opf = readPackage(text(files, 'content.opf'));
    expect(opf.spineAttrs['page-progression-direction']).toBe('rtl');
    expect(opf.root.attrs['xml:lang']).toBe('ar');
    expect(opf.root.attrs.dir).toBe('rtl');
    expect(meta(opf, 'dc:language')).toEqual(['ar']);
    const contents = text(files, 'contents.xhtml');
    expect(contents).toMatch(/<html [^>]*xml:lang="ar" lang="ar" dir="rtl">/);
    expect(contents).toContain(`<h1 id="contents-title">${CATALOGS.ar!['edition.contents']}</h1>`);
    const nav = text(files, 'toc.xhtml');
    expect(nav).toMatch(/<html [^>]*xml:lang="ar" lang="ar" dir="rtl">/);
    expect(labels(navTree(nav))).toEqual(expectedTree(arabic, CATALOGS.ar!['edition.contents']!));
    expect(text(files, 'toc.ncx')).toMatch(/<ncx [^>]*xml:lang="ar" dir="rtl">/);
    // The Hebrew article keeps its own language inside the Arabic edition, in the nav as in the contents.
    const hebrew = flatten(navTree(nav)).find((e) => e.lang === 'he');
    expect(hebrew?.label).toBe(editionArticles(arabic).find((a) => a.language === 'he')!.title);
    expect(contents).toMatch(/<a href="article-\d+.xhtml" xml:lang="he" lang="he">/);
    // And an English site's spine reads left to right.
    expect(readPackage(text(unzipSync(worldBook), 'content.opf')).spineAttrs['page-progression-direction']).toBe('ltr');
  });

  it('is the same bytes every time, with and without a photo on the cover', async () => {
    expect(Buffer.from((await exportEditionEpub(world, { config: CONFIG })).bytes).equals(Buffer.from(worldBook))).toBe(true);
    expect(Buffer.from((await exportEditionEpub(pictured, picturedContext)).bytes).equals(Buffer.from(picturedBook))).toBe(true);
    // Dated by the edition, not the clock: every entry carries its modification time.
    const stamp = new Date(world.modified);
    const view = new DataView(worldBook.buffer, worldBook.byteOffset);
    const dosDate = ((stamp.getUTCFullYear() - 1980) << 9) | ((stamp.getUTCMonth() + 1) << 5) | stamp.getUTCDate();
    expect(view.getUint16(12, true)).toBe(dosDate);
  });

  it('stores each picture once, however many articles show it', () => {
    const names = zipNames(picturedBook);
    const images = names.filter((n) => n.startsWith('OEBPS/images/'));
    expect(images.length).toBeGreaterThan(0);
    expect(images).toEqual([...new Set(images)]);
    const opf = readPackage(text(unzipSync(picturedBook), 'content.opf'));
    const hrefs = [...opf.manifest.values()].map((i) => i.href).filter((h) => h.startsWith('images/'));
    expect(hrefs.sort()).toEqual(images.map((n) => n.slice('OEBPS/'.length)).sort());
    // Both copies of the article show the same files.
    const files = unzipSync(picturedBook);
    const nav = flatten(navTree(text(files, 'toc.xhtml'))).filter((e) => e.label === pictured.sections[0]!.articles[0]!.title);
    expect(nav).toHaveLength(2);
    const sources = nav.map((e) => [...text(files, e.href).matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]));
    expect(sources[0]!.length).toBeGreaterThan(0);
    expect(sources[1]).toEqual(sources[0]);
  });

  it('has a masthead cover: the site, the number and day, the top headlines each in its own script', async () => {
    const opf = readPackage(text(unzipSync(worldBook), 'content.opf'));
    const cover = [...opf.manifest.values()].find((i) => i.properties === 'cover-image');
    expect(cover).toEqual({ href: 'cover.png', type: 'image/png', properties: 'cover-image' });
    const stories = topStories(world);
    // Each section's first article, then the next in reading order, four at most.
    expect(stories.map((a) => a.title)).toEqual([...world.sections.map((s) => s.articles[0]!.title), world.sections[0]!.articles[1]!.title]);
    const masthead = editionMasthead(world, { config: CONFIG });
    const layout = layoutMasthead(masthead, 0);
    expect(layout.lines.site).toEqual(['The Daily Galley']);
    expect(layout.lines.dateline).toEqual(['No. 7 · Monday, November 18, 2024']);
    expect(layout.lines.label).toEqual(['TOP STORIES']);
    // Joined again: lines break at spaces, and between Japanese characters.
    const unspaced = (t: string) => t.replace(/\s+/g, '');
    expect(layout.lines.headlines.map((lines) => unspaced(lines.join('')))).toEqual(stories.map((a) => unspaced(a.title)));
    for (const g of layout.glyphs) {
      expect(g.x).toBeGreaterThanOrEqual(0);
      expect(g.x).toBeLessThan(COVER_WIDTH);
      expect(g.y).toBeLessThan(COVER_HEIGHT - 56);
    }
    // The Arabic headline flush right, the others flush left.
    const arabicAt = stories.findIndex((a) => a.language === 'ar');
    const right = (i: number) => Math.max(...layout.glyphs.filter((g) => g.text === 'headline' && g.item === i).map((g) => g.x));
    const left = (i: number) => Math.min(...layout.glyphs.filter((g) => g.text === 'headline' && g.item === i).map((g) => g.x));
    expect(right(arabicAt)).toBeGreaterThan(COVER_WIDTH - MARGIN - 40);
    expect(left(arabicAt)).toBeGreaterThan(MARGIN + 10);
    expect(left(0)).toBeLessThan(MARGIN + 4);
    // The book's cover image is that masthead.
    const { cover: drawn } = await editionCover(world, { config: CONFIG });
    expect(Buffer.from(unzipSync(worldBook)['OEBPS/cover.png']!).equals(Buffer.from(drawn.bytes))).toBe(true);
    // An Arabic site's label stands at the right.
    const arabicLayout = layoutMasthead(editionMasthead(arabic, { config: AR_CONFIG }), 0);
    expect(arabicLayout.lines.dateline).toEqual([`${CATALOGS.ar!['edition.number']!.replace('{number, number}', '412')} · ${arabic.label}`]);
    expect(Math.min(...arabicLayout.glyphs.filter((g) => g.text === 'label').map((g) => g.x))).toBeGreaterThan(COVER_WIDTH / 2);
  });

  it('puts the cover article\'s photo across the top of the cover, the masthead under it', async () => {
    const opf = readPackage(text(unzipSync(picturedBook), 'content.opf'));
    expect([...opf.manifest.values()].find((i) => i.properties === 'cover-image')).toEqual({ href: 'cover.jpeg', type: 'image/jpeg', properties: 'cover-image' });
    const cover = await raster.decode(unzipSync(picturedBook)['OEBPS/cover.jpeg']!);
    expect([cover.width, cover.height]).toEqual([COVER_WIDTH, COVER_HEIGHT]);
    const photo = await raster.decode(crop);
    // The band is the photo's middle rows; JPEG's loss is a few levels on average, a shifted or missing photo far more.
    const skip = (COVER_PHOTO.height - MASTHEAD_PHOTO_BAND) / 2;
    let difference = 0;
    for (let i = 0; i < MASTHEAD_PHOTO_BAND * COVER_WIDTH * 3; i++) difference += Math.abs(cover.data[i]! - photo.data[skip * COVER_WIDTH * 3 + i]!);
    expect(difference / (MASTHEAD_PHOTO_BAND * COVER_WIDTH * 3)).toBeLessThan(4);
    // Under the band the masthead's flat background, not the photo.
    const below = cover.data.subarray((MASTHEAD_PHOTO_BAND + 10) * COVER_WIDTH * 3, (MASTHEAD_PHOTO_BAND + 11) * COVER_WIDTH * 3);
    let spread = 0;
    for (let i = 3; i < below.length; i++) spread = Math.max(spread, Math.abs(below[i]! - below[i % 3]!));
    expect(spread).toBeLessThan(6);
    // The layout under the photo still shows the lead headline.
    const layout = layoutMasthead(editionMasthead(pictured, { config: CONFIG }), MASTHEAD_PHOTO_BAND);
    expect(layout.lines.headlines[0]!.join(' ')).toBe(pictured.sections[0]!.articles[0]!.title);
    expect(layout.lines.headlines.length).toBeGreaterThan(1);
    expect(Math.min(...layout.glyphs.map((g) => g.y))).toBeGreaterThan(MASTHEAD_PHOTO_BAND);
  });

  it('warns of characters no cover font has: a headline\'s about its seed, the site\'s about the edition', async () => {
    const cuneiform = '\u{12000}';
    const top = world.sections[0]!.articles[0]!;
    const odd = { ...world, sections: world.sections.map((s) => ({ ...s, articles: s.articles.map((a) => (a === top ? { ...a, title: `${a.title} ${cuneiform}` } : a)) })) };
    const { diagnostics } = await exportEditionEpub(odd, { config: { ...CONFIG, title: `The Daily ${cuneiform} Galley` } });
    const cover = diagnostics.filter((d) => d.rule === 'epub/cover-missing-glyph');
    expect(cover.map((d) => d.file).sort()).toEqual([editionFilePath(world.key, 'epub'), top.source.path].sort());
    for (const d of cover) expect(d.message).toContain('U+12000');
    // An article off the cover (the first section's third: the cover shows each section's first, then its
    // second) draws nothing there, so warns of nothing there.
    const late: Article = { ...top, slug: 'late', title: `Late ${cuneiform}`, source: { ...top.source, path: 'seeds/late.txt' } };
    const hidden = { ...world, sections: world.sections.map((s, k) => (k === 0 ? { ...s, articles: [...s.articles, late] } : s)) };
    expect(topStories(hidden)).not.toContain(late);
    const warnings = (await exportEditionEpub(hidden, { config: CONFIG })).diagnostics.filter((d) => d.rule === 'epub/cover-missing-glyph');
    expect(warnings).toEqual([]);
  });
});

describeWithTools(['ebook-convert'], 'the edition EPUB through calibre (AZW3 for Kindle)', () => {
  /** The book converted to AZW3 and back to EPUB by calibre: its package and its NCX. */
  async function roundTrip(book: Uint8Array): Promise<{ opf: ReturnType<typeof readPackage>; toc: TocEntry[] }> {
    const dir = mkdtempSync(join(tmpdir(), 'galley-edition-azw3-'));
    writeFileSync(join(dir, 'edition.epub'), book);
    await exec('ebook-convert', [join(dir, 'edition.epub'), join(dir, 'edition.azw3')], { maxBuffer: 16 * 1024 * 1024 });
    await exec('ebook-convert', [join(dir, 'edition.azw3'), join(dir, 'back.epub')], { maxBuffer: 16 * 1024 * 1024 });
    const back = unzipSync(readFileSync(join(dir, 'back.epub')));
    const name = (suffix: string) => Object.keys(back).find((f) => f.endsWith(suffix))!;
    return { opf: readPackage(strFromU8(back[name('.opf')]!)), toc: ncxTree(strFromU8(back[name('.ncx')]!)) };
  }

  it.each([
    ['English', () => sampleEdition(WORLD_EDITION), CONFIG, 'Contents', 'en', 'ltr'],
    ['Arabic', () => sampleEdition(RTL_EDITION, { config: { language: 'ar' } }), AR_CONFIG, CATALOGS.ar!['edition.contents']!, 'ar', 'rtl'],
  ] as const)('%s: keeps section › article, the language and the page direction', async (_, edition, config, contents, language, direction) => {
    const e = edition();
    const { opf, toc } = await roundTrip((await exportEditionEpub(e, { config })).bytes);
    expect(labels(toc)).toEqual(expectedTree(e, contents));
    expect(meta(opf, 'dc:language')).toEqual([language]);
    expect(opf.spineAttrs['page-progression-direction']).toBe(direction);
  }, 180_000);
});
