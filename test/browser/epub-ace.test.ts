// The EPUB's accessibility (issue 12, item 8): DAISY Ace finds no violation in an English and an Arabic book,
// one with pictures (issue 21) and two editions (issue 22),
// and EPUBCheck passes the same files, so the package may claim EPUB Accessibility 1.1 conformance.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { exportEpub } from '../../src/exporters/epub.js';
import { zipEntries } from '../../src/exporters/epub/zip.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { normalize, pictureRefs } from '../../src/normalize/index.js';
import { coverCrop } from '../../src/model/picture.js';
import type { PictureFacts } from '../../src/model/picture.js';
import { encodePicture, probePicture, raster } from '../../src/render/pictures.js';
import { describeWithTools } from '../support/tools.js';
import { exportEditionEpub } from '../../src/exporters/epub/edition.js';
import { SiteConfig } from '../../src/model/config.js';
import { articleWithPictures, withLeadArticle } from '../support/edition-articles.js';
import { RTL_EDITION, sampleEdition, WORLD_EDITION } from '../support/edition.js';

// Ace's command line (@daisy/ace-cli) runs axe in puppeteer, on Debian's chromium; the @daisy/ace bundle would
// also install Electron, which downloads a browser of its own.
const CHROMIUM = '/usr/bin/chromium';
const ACE = 'node_modules/@daisy/ace-cli/bin/ace.js';

// The third has a lead picture (on the cover and in the chapter) and a figure.
const SEEDS = { english: 'seeds/putin-north-korea.txt', arabic: 'test/fixtures/scripts/ar-floods.txt', pictures: 'test/fixtures/pictures/launch.txt' } as const;

/** The article of `seed` with every picture it names read and made, as the build makes them, and its EPUB. */
async function book(seed: string): Promise<Uint8Array> {
  const text = readFileSync(seed);
  const probed = new Map<string, PictureFacts>();
  const sources = new Map<string, Uint8Array>();
  for (const ref of pictureRefs(text, seed)) {
    const source = readFileSync(join(dirname(seed), ref.path));
    const { format: _, ...facts } = await probePicture(source);
    probed.set(ref.path, facts);
    sources.set(facts.sha256, source);
  }
  const { article } = normalize(text, seed, { config: DEFAULT_CONFIG, fallbackDate: { iso: '2024-06-19T00:00:00.000Z', source: 'git' }, pictures: (ref) => probed.get(ref.path)! });
  const pictures: Record<string, Uint8Array> = {};
  const shown = [...(article.image === undefined ? [] : [article.image]), ...article.sections.flatMap((sec) => sec.blocks.flatMap((b) => (b.type === 'figure' ? [b.image] : [])))];
  for (const p of shown) {
    const files = [...p.renditions, ...(p === article.image ? [coverCrop(p)] : [])];
    for (const made of await encodePicture(sources.get(p.sha256)!, files)) pictures[made.src] = made.bytes;
  }
  return (await exportEpub(article, { config: DEFAULT_CONFIG, pictures, raster })).bytes;
}

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: { 'earl:testSubject': { url: string }; assertions: { 'earl:test': { 'dct:title': string; 'earl:impact': string } }[] }[];
  'a11y-metadata': { missing: string[]; present: string[] };
}

async function ace(epub: string, reportDir: string): Promise<AceReport> {
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_EXECUTABLE_PATH: CHROMIUM };
  try {
    await promisify(execFile)(process.execPath, [ACE, '--silent', '--force', '--outdir', reportDir, epub], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    // Ace exits non-zero when it finds a violation; the report says which, and is read below either way.
    const e = error as { stderr?: string };
    if (e.stderr !== undefined && !/violation/i.test(e.stderr) && e.stderr.trim() !== '') process.stderr.write(e.stderr);
  }
  return JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as AceReport;
}

/** Each violation as `document: rule (impact)`. */
function violations(report: AceReport): string[] {
  return report.assertions.flatMap((doc) => doc.assertions.map((a) => `${doc['earl:testSubject'].url}: ${a['earl:test']['dct:title']} (${a['earl:test']['earl:impact']})`));
}

describeWithTools([CHROMIUM, 'java', 'epubcheck'], 'EPUB accessibility: DAISY Ace and EPUBCheck', () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-ace-'));
  const books: Record<string, string> = {};

  beforeAll(async () => {
    for (const [name, seed] of Object.entries(SEEDS)) {
      books[name] = join(dir, `${name}.epub`);
      writeFileSync(books[name]!, await book(seed));
    }
    // Editions (issue 22): five languages with a picture on the cover, and an Arabic site's.
    const config = SiteConfig.parse({ title: 'The Daily Galley', url: 'https://news.example' });
    const launch = await articleWithPictures(SEEDS.pictures, config, '2024-11-18T21:00:00.000Z', ['Science']);
    const [crop] = await encodePicture(readFileSync('test/fixtures/pictures/img/launch.jpg'), [coverCrop(launch.article.image!)]);
    const world = withLeadArticle(sampleEdition(WORLD_EDITION), launch.article, 'Science');
    books.edition = join(dir, 'edition.epub');
    writeFileSync(books.edition, (await exportEditionEpub(world, { config, pictures: { ...launch.pictures, [crop!.src]: crop!.bytes }, raster })).bytes);
    books['edition-ar'] = join(dir, 'edition-ar.epub');
    writeFileSync(books['edition-ar'], (await exportEditionEpub(sampleEdition(RTL_EDITION, { config: { language: 'ar' } }), { config: { ...config, language: 'ar' } })).bytes);
    // A negative control: the table of contents without its ARIA role must fail, or Ace is not looking.
    const files = unzipSync(readFileSync(books.english!));
    files['OEBPS/toc.xhtml'] = strToU8(strFromU8(files['OEBPS/toc.xhtml']!).replace(' role="doc-toc"', ''));
    books['no-toc-role'] = join(dir, 'no-toc-role.epub');
    const entries = Object.entries(files).map(([name, data]) => ({ name, data, deflate: name !== 'mimetype' }));
    writeFileSync(books['no-toc-role']!, zipEntries(entries, new Date('2024-06-19T00:00:00Z')));
  }, 60_000);

  for (const name of [...Object.keys(SEEDS), 'edition', 'edition-ar']) {
    it(`finds no violation in the ${name} book, which claims conformance`, async () => {
      const report = await ace(books[name]!, join(dir, `ace-${name}`));
      expect(violations(report)).toEqual([]);
      expect(report['earl:result']['earl:outcome']).toBe('pass');
      // The claim Ace reads (and checks against the forms EPUB Accessibility 1.1 allows) is made only because
      // this test and EPUBCheck below pass.
      expect(report['a11y-metadata'].present).toEqual(expect.arrayContaining(['dcterms:conformsTo', 'a11y:certifiedBy']));
    }, 120_000);
  }

  it('reports a table of contents with no doc-toc role', async () => {
    const report = await ace(books['no-toc-role']!, join(dir, 'ace-no-toc-role'));
    expect(violations(report)).toEqual(['toc.xhtml: epub-type-has-matching-role (moderate)']);
  }, 120_000);

  it('EPUBCheck passes the books Ace checked', async () => {
    // C1 only and the serial GC: a short-lived JVM starts faster, with the same verdicts; the books at once.
    const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
    await Promise.all([...Object.keys(SEEDS), 'edition', 'edition-ar'].map(async (name) => {
      const { stdout } = await promisify(execFile)('java', [...jvm, '-jar', '/usr/bin/epubcheck', books[name]!]);
      expect(stdout, name).toMatch(/Messages: 0 fatals \/ 0 errors \/ 0 warnings \/ 0 infos/);
    }));
  }, 120_000);
});
