// EPUBCheck over the EPUB exporter's output: no error and no warning (the fixture corpus: corpus.test.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportEpub } from '../../src/exporters/epub.js';
import { zipEntries } from '../../src/exporters/epub/zip.js';
import type { Article, Section } from '../../src/model/article.js';
import { DEFAULT_CONFIG, SiteConfig } from '../../src/model/config.js';
import { sampleArticle } from '../support/article.js';
import { describeWithTools } from '../support/tools.js';

const SEED = 'seeds/putin-north-korea.txt';
const ARABIC_SEED = 'test/fixtures/feed/seeds/arabic-rtl.txt';
const ENTRY_ORDER = [
  'mimetype',
  'META-INF/container.xml',
  'OEBPS/content.opf',
  'OEBPS/toc.xhtml',
  'OEBPS/toc.ncx',
  'OEBPS/article.xhtml',
  'OEBPS/style.css',
  'OEBPS/cover.png',
];

async function render(article: Article, config: SiteConfig = DEFAULT_CONFIG) {
  return exportEpub(article, { config });
}

function section(id: string, heading: string | null, text: string): Section {
  return { id, kicker: heading === null ? null : 'Kicker', heading, blocks: [{ type: 'paragraph', text }] };
}

/** The variants EPUBCheck judges, beside the sample: languages, empty lists, many sections, awkward ids. */
function variants(): Record<string, Article> {
  return {
    sample: sampleArticle(),
    german: sampleArticle({
      id: 'urn:uuid:1b0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
      slug: 'deutscher-artikel',
      language: 'de',
      title: 'Straßenbahn­verkehrs­betriebe stellen Fahrplan um: „Änderungen“ ab Montag',
      authors: ['Jürgen Weiß'],
      tags: [],
      updated: '2024-07-02T15:04:05.000Z',
      url: 'https://example.org/articles/deutscher-artikel/',
      summary: 'Die Verkehrsbetriebe ändern den Fahrplan & informieren über <Umleitungen>.',
      sections: Array.from({ length: 25 }, (_, i) => section(`abschnitt-${i + 1}`, `Abschnitt ${i + 1}: Überblick`, `Absatz ${i + 1} mit Donaudampfschifffahrtsgesellschaftskapitän und ß.`)),
    }),
    russian: sampleArticle({
      id: 'urn:uuid:2c0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
      slug: 'russkaya-statya',
      language: 'ru',
      title: 'Путин и 김정은 встретились в Пхеньяне 🙂',
      related: [],
      sections: [
        section('lead', null, 'Вводный абзац на русском языке.'),
        section('2024-itogi', 'Итоги 2024 года', 'Абзац с греческим Ελλάδα и корейским 김정은.'),
        section('3', 'Три', 'Ещё один абзац.'),
      ],
    }),
    minimal: sampleArticle({
      id: 'urn:uuid:3d0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
      slug: 'minimal',
      authors: ['Staff'],
      tags: [],
      related: [],
      sections: [],
    }),
    arabic: arabicArticle(),
    hebrew: hebrewArticle(),
  };
}

/** Arabic with Latin runs (a Latin byline name, "COP29", a URL) inside the right-to-left text. */
function arabicArticle(): Article {
  return sampleArticle({
    id: 'urn:uuid:4e0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
    slug: 'qimmat-al-munakh',
    language: 'ar',
    title: 'قمة المناخ COP29 تختتم أعمالها في باكو',
    authors: ['John Smith', 'سارة أحمد'],
    tags: ['مناخ'],
    summary: 'اختتمت القمة أعمالها يوم الأحد بعد مفاوضات استمرت أسبوعين.',
    sections: [
      section('lead', null, 'قال الأمين العام إن الاتفاق “أساس يمكن البناء عليه” (BBC News, 24 November).'),
      { id: 'tahlil', kicker: 'تحليل', heading: 'ماذا بعد باكو؟', blocks: [
        { type: 'paragraph', text: 'تنتقل المفاوضات إلى البرازيل في عام 2025.' },
        { type: 'list', title: 'أبرز النقاط', items: ['300 مليار دولار سنوياً.', 'نحو 200 دولة.'] },
      ] },
    ],
    related: [{ text: 'اتفاقية الأمم المتحدة https://unfccc.int/cop29', url: 'https://unfccc.int/cop29' }],
  });
}

function hebrewArticle(): Article {
  return sampleArticle({
    id: 'urn:uuid:5f0e4a52-3a7e-5c1b-9d2a-6f1e2d3c4b5a',
    slug: 'bechirot',
    language: 'he',
    title: 'הבחירות לכנסת: תוצאות ראשונות',
    authors: ['דנה לוי'],
    tags: [],
    summary: 'ועדת הבחירות פרסמה את התוצאות הראשונות אחרי חצות.',
    sections: [
      section('lead', null, 'שיעור ההצבעה עמד על 71.3% לפי נתוני ה-CEC.'),
      { id: 'nituach', kicker: 'ניתוח', heading: 'מה הלאה', blocks: [
        { type: 'list', title: null, items: ['מגעים קואליציוניים.', 'השבעת הכנסת.'] },
      ] },
    ],
    related: [],
  });
}

// The fixture corpus is EPUBChecked once, with every other validator, by test/conformance/corpus.test.ts.

describeWithTools(['java', 'epubcheck'], 'EPUBCheck', () => {
  const run = promisify(execFile);
  let dir: string;
  const verdicts = new Map<string, string>();

  async function check(path: string): Promise<string> {
    try {
      // C1 only and the serial GC: a third of the CPU time for a short-lived JVM, same verdicts.
      const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
      const { stdout, stderr } = await run('java', [...jvm, '-jar', '/usr/bin/epubcheck', path], { maxBuffer: 16 * 1024 * 1024 });
      return `${stdout}\n${stderr}`;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return `${e.stdout ?? ''}\n${e.stderr ?? ''}`;
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-epubcheck-'));
    const books: Record<string, Uint8Array> = {};
    const failed = (error: unknown) => new TextEncoder().encode(`not rendered: ${String(error)}`);
    for (const [name, article] of Object.entries(variants())) books[name] = (await render(article)).bytes;
    books['site-title-markup'] = (await render(sampleArticle(), { ...DEFAULT_CONFIG, title: 'Tom & Jerry’s <Daily>' })).bytes;
    for (const [name, path] of [['seed', SEED], ['arabic-seed', ARABIC_SEED]] as const) {
      try {
        const { normalize } = await import('../../src/normalize/index.js');
        const { article } = normalize(readFileSync(path), path, { config: DEFAULT_CONFIG, fallbackDate: { iso: '2024-06-19T00:00:00.000Z', source: 'git' } });
        books[name] = (await render(article)).bytes;
      } catch (error) {
        books[name] ??= failed(error);
      }
    }
    // A negative control: an NCX whose uid differs from the package identifier must fail (NCX-001).
    const files = unzipSync(books.sample!);
    files['OEBPS/toc.ncx'] = new TextEncoder().encode(strFromU8(files['OEBPS/toc.ncx']!).replace('0f4e7a52', '0f4e7a53'));
    books['broken-ncx'] = zipEntries(ENTRY_ORDER.map((name) => ({ name, data: files[name]!, deflate: name !== 'mimetype' })), new Date('2024-06-19T00:00:00Z'));

    // One JVM per file takes seconds to start: check them side by side, a few at a time so memory stays bounded.
    const names = Object.keys(books);
    names.forEach((name, i) => writeFileSync(join(dir, `${i}.epub`), books[name]!));
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < names.length; i = next++) verdicts.set(names[i]!, await check(join(dir, `${i}.epub`)));
    };
    await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
  }, 900_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const clean = /Messages: 0 fatals \/ 0 errors \/ 0 warnings \/ 0 infos/;
  const cases = ['sample', 'german', 'russian', 'minimal', 'arabic', 'hebrew', 'site-title-markup', 'seed', 'arabic-seed'];
  it.each(cases)('reports 0 errors and 0 warnings for the %s EPUB', (name) => {
    const verdict = verdicts.get(name) ?? '';
    expect(verdict, verdict).toMatch(clean);
    expect(verdict).toContain('No errors or warnings detected.');
  });

  it('reports an error for a broken EPUB (the check can fail)', () => {
    const verdict = verdicts.get('broken-ncx') ?? '';
    expect(verdict).toMatch(/NCX-001/);
    expect(verdict).not.toMatch(clean);
  });
});
