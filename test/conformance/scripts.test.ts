// Every script of the world's news through the CLI (issue 11): test/fixtures/scripts holds one short article per
// language, built once with the compiled CLI, and each article read back. The PDF must draw every glyph and keep the
// article's letters in its text layer, in reading order; RTL books must read right to left; a section label in a
// caseless script must start a section (rule 5 of ../shared/docs/seed-format.md); and the PDF's text is pinned by a
// golden file, test/golden/scripts/<slug>.txt (GALLEY_UPDATE_GOLDEN=1 rewrites them: read the diff).
// The six samples of ../shared/samples/world get the same checks, except the golden files (they have no fixed date).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, posix, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleySync } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';
import { describeWithTools, run } from '../support/tools.js';

const FIXTURES = 'test/fixtures/scripts';
const CONFIG = join(FIXTURES, 'galley.config.json');
const SAMPLES = resolve('../shared/samples/world');

/** The languages issue 11 asks for, one seed each. */
const LANGUAGES = [
  'am', 'ar', 'bn', 'el', 'fa', 'gu', 'he', 'hi', 'hy', 'ja', 'ka', 'km', 'kn', 'ko', 'lo', 'ml', 'my', 'pa', 'ru', 'ta',
  'te', 'th', 'ur', 'vi', 'zh-Hans', 'zh-Hant',
];
/** Languages written right to left (primary subtag). */
const RTL = new Set(['ar', 'fa', 'ur', 'he', 'yi', 'ps', 'sd', 'ug', 'ckb', 'dv']);
/** Share of the article's letters and marks that the PDF's text layer must give back. */
const MIN_RETENTION = 0.98;
/** Share of the in-word letter pairs it must give back: a reversed or scrambled word loses them (see letterPairs). */
const MIN_ORDER = 0.95;

interface Block { type: 'paragraph' | 'list'; text?: string; title?: string | null; items?: string[] }
interface Model {
  slug: string;
  title: string;
  language: string;
  sections: { id: string; kicker: string | null; heading: string | null; blocks: Block[] }[];
  related: { text: string; url: string | null }[];
  source: { path: string };
}

interface Seed { file: string; text: string; front: Record<string, string> }

function readSeeds(dir: string): Seed[] {
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    return { file, text, front: frontMatter(text) };
  });
}

/** The seed's front matter as plain key/value pairs (enough for language, date and slug). */
function frontMatter(text: string): Record<string, string> {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.trim() !== '---') return {};
  const end = lines.indexOf('---', 1);
  return Object.fromEntries(lines.slice(1, end).flatMap((l) => {
    const m = /^([A-Za-z]+):\s*(.*)$/.exec(l.trim());
    return m ? [[m[1]!.toLowerCase(), m[2]!.trim()]] : [];
  }));
}

function bodyLines(text: string): string[] {
  const lines = text.normalize('NFC').split(/\r\n|\r|\n/);
  const start = lines[0]?.trim() === '---' ? lines.indexOf('---', 1) + 1 : 0;
  return lines.slice(start).map((l) => l.trim().replace(/[ \t]+/g, ' ')).filter((l) => l !== '');
}

// Rule 5 of ../shared/docs/seed-format.md, on the line as written: a label of one to three words, each starting with an
// upper-case letter (Lu) or a letter of a script without case (Lo), at most 24 characters; a heading of 1 to 120
// characters that does not end with a full stop. Georgian Mkhedruli letters are Ll in Unicode (for the Mtavruli
// capitals), but Georgian prose has no letter case, so a Mkhedruli label counts as caseless here.
const LABEL_WORD = /^[\p{Lu}\p{Lo}\u10D0-\u10FA\u10FD-\u10FF]/u;
const FULL_STOP = /[.。।۔]$/u;

/** The lines of a seed that rule 5 makes section headings: each must be a section of the model. */
function sectionLines(text: string): { kicker: string; heading: string }[] {
  return bodyLines(text).slice(1).flatMap((line) => {
    const m = /^([^:]+): (.+)$/u.exec(line);
    if (!m || line.startsWith('- ')) return [];
    const [label, heading] = [m[1]!, m[2]!];
    const words = label.split(' ');
    const ok = words.length <= 3 && words.every((w) => LABEL_WORD.test(w)) && [...label].length <= 24
      && [...heading].length <= 120 && !FULL_STOP.test(heading) && !heading.endsWith(':');
    return ok ? [{ kicker: label, heading }] : [];
  });
}

/** The article's own text: headline, paragraphs, list items and related-reading items. */
function articleText(model: Model): string[] {
  const texts = [model.title];
  for (const section of model.sections) {
    for (const block of section.blocks) {
      if (block.type === 'paragraph') texts.push(block.text ?? '');
      else texts.push(...(block.items ?? []));
    }
  }
  texts.push(...model.related.map((r) => r.text));
  return texts;
}

/** Letters and combining marks as a multiset, after NFKC (pdftotext may give Arabic presentation forms). */
function letters(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of text.normalize('NFKC').match(/[\p{L}\p{M}]/gu) ?? []) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/**
 * Pairs of adjacent letters inside words, as a multiset: a word given back in the wrong order (RTL text extracted
 * letter-reversed, a vowel sign moved before its consonant) loses its pairs while keeping its letters. On the PDF side
 * format characters (pdftotext's bidi embeddings, ZWJ, ZWNJ) are dropped and a line end inside a word (a hyphenated
 * word, a line of Thai or Han) is joined: the pairs that makes up across words are extra and do no harm.
 */
function letterPairs(text: string, side: 'article' | 'pdf'): Map<string, number> {
  let t = text.normalize('NFKC');
  if (side === 'pdf') t = t.replace(/\p{Cf}/gu, '').replace(/(?<=[\p{L}\p{M}])[-\u2010\u00ad]?\n+(?=[\p{L}\p{M}])/gu, '');
  const counts = new Map<string, number>();
  for (const run of t.match(/[\p{L}\p{M}]+/gu) ?? []) {
    const cs = [...run];
    for (let i = 0; i + 1 < cs.length; i++) counts.set(cs[i]! + cs[i + 1]!, (counts.get(cs[i]! + cs[i + 1]!) ?? 0) + 1);
  }
  return counts;
}

/** How much of `want` (a multiset) `have` holds, and the characters (or pairs) most often missing. */
function retention(want: Map<string, number>, have: Map<string, number>): { ratio: number; total: number; missing: string } {
  let total = 0;
  let kept = 0;
  const lost: [string, number][] = [];
  for (const [c, n] of want) {
    const k = Math.min(n, have.get(c) ?? 0);
    total += n;
    kept += k;
    if (k < n) lost.push([c, n - k]);
  }
  lost.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const missing = lost.slice(0, 12)
    .map(([c, n]) => `${c} ${[...c].map((x) => `U+${x.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')} ×${n}`).join(', ');
  return { ratio: total === 0 ? 1 : kept / total, total, missing };
}

/** The chapter documents of an EPUB (its spine) and the spine's start tag. */
function epubSpine(path: string): { spine: string; documents: { href: string; root: string }[] } {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  const text = (name: string): string => {
    const data = files[name];
    if (data === undefined) throw new Error(`${path}: no ${name}`);
    return strFromU8(data);
  };
  const opfPath = /full-path="([^"]+)"/.exec(text('META-INF/container.xml'))![1]!;
  const opf = text(opfPath);
  const spine = /<spine\b[^>]*>/.exec(opf)?.[0] ?? '';
  const manifest = new Map([...opf.matchAll(/<item\b[^>]*>/g)].map((m) => [/\bid="([^"]+)"/.exec(m[0])![1]!, m[0]]));
  const documents = [...opf.matchAll(/<itemref\b[^>]*\bidref="([^"]+)"/g)].map((m) => {
    const href = /\bhref="([^"]+)"/.exec(manifest.get(m[1]!) ?? '')![1]!;
    const xhtml = text(posix.join(posix.dirname(opfPath), href));
    return { href, root: /<html\b[^>]*>/.exec(xhtml)?.[0] ?? '' };
  });
  return { spine, documents };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The build's stderr without its progress lines. */
const messages = (stderr: string): string => stderr.split('\n').filter((l) => !/^galley: \d+\/\d+ /.test(l)).join('\n');

interface Build { code: number | null; stderr: string; out: string; models: Map<string, Model> }

/** Build `dir` once with the CLI (every format) and index the article models by seed file name. */
function build(dir: string, root: string): Build {
  const out = join(root, 'out');
  const r = galleySync(['build', dir, '--out', out, '--config', CONFIG]);
  const models = new Map<string, Model>();
  if (existsSync(out)) {
    // Every visible top-level out/*.json but the schema is an article model (README, "What out/ holds").
    for (const f of readdirSync(out).filter((f) => f.endsWith('.json') && !f.startsWith('.') && f !== 'article.schema.json')) {
      const model = JSON.parse(readFileSync(join(out, f), 'utf8')) as Model;
      models.set(basename(model.source.path), model);
    }
  }
  return { code: r.code, stderr: r.stderr, out, models };
}

/** The checks for every article of one folder of seeds. */
function checkScripts(name: string, dir: string, seeds: readonly Seed[], opts: { golden: boolean }): void {
  describe(name, () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-scripts-'));
    let built: Build;
    const texts = new Map<string, string>();
    beforeAll(() => {
      built = build(dir, root);
    }, 600_000);
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    const model = (seed: Seed): Model => {
      const m = built.models.get(seed.file);
      expect(m, `no JSON model for ${seed.file}: the build failed for it\n${messages(built.stderr)}`).toBeDefined();
      return m!;
    };
    const pdfText = (seed: Seed): string => {
      let text = texts.get(seed.file);
      if (text === undefined) {
        const pdf = join(built.out, `${model(seed).slug}.pdf`);
        expect(existsSync(pdf), `no PDF for ${seed.file}`).toBe(true);
        text = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
        texts.set(seed.file, text);
      }
      return text;
    };

    it('builds with the CLI: exit status 0', () => {
      expect(built.code, messages(built.stderr)).toBe(0);
    });

    for (const seed of seeds) {
      const language = seed.front.language ?? 'en';
      const rtl = RTL.has(language.split('-')[0]!.toLowerCase());

      describe(`${seed.file} (${language})`, () => {
        it('is built, with no error and no missing-glyph warning (PDF or cover)', () => {
          const own = new RegExp(`(?:^|/)${escapeRe(seed.file)}:`);
          const lines = built.stderr.split('\n').filter((l) => own.test(l));
          expect(lines.filter((l) => /: error: /.test(l)), `${seed.file}: errors`).toEqual([]);
          const m = model(seed);
          if (seed.front.slug !== undefined) expect(m.slug).toBe(seed.front.slug);
          expect(lines.filter((l) => /\[[\w/-]*missing-glyph\]\s*$/.test(l)), `${seed.file}: characters no font drew`).toEqual([]);
        });

        it(rtl ? 'is an RTL book: dir="rtl" on the chapter and page-progression-direction="rtl"'
          : 'is an LTR book: no dir="rtl" and no RTL page progression', () => {
          const { spine, documents } = epubSpine(join(built.out, `${model(seed).slug}.epub`));
          expect(documents.length).toBeGreaterThan(0);
          for (const doc of documents) {
            if (rtl) expect(doc.root, `${doc.href} root element`).toMatch(/\sdir="rtl"/);
            else expect(doc.root, `${doc.href} root element`).not.toMatch(/\sdir="rtl"/);
          }
          if (rtl) expect(spine).toMatch(/\spage-progression-direction="rtl"/);
          else expect(spine).not.toMatch(/page-progression-direction="rtl"/);
        });

        const expected = sectionLines(seed.text);
        if (opts.golden || expected.length > 0) {
          it('makes each `Label: Heading` line a section with that kicker (caseless scripts included)', () => {
            const sections = model(seed).sections.map((s) => ({ kicker: s.kicker, heading: s.heading }));
            expect(sections.filter((s) => s.kicker !== null).length, JSON.stringify(sections)).toBeGreaterThan(0);
            expect(sections).toEqual(expect.arrayContaining(expected));
          });
        }
      });
    }

    describeWithTools(['pdftotext'], `${name}: the PDF text layer`, () => {
      for (const seed of seeds) {
        it(`${seed.file}: pdftotext gives back at least ${MIN_RETENTION * 100}% of the letters`, () => {
          const m = model(seed);
          const r = retention(letters(articleText(m).join('\n')), letters(pdfText(seed)));
          expect(r.ratio, `${seed.file} (${m.language}): ${(r.ratio * 100).toFixed(1)}% of ${r.total} letters; missing most: ${r.missing}`)
            .toBeGreaterThanOrEqual(MIN_RETENTION);
        });

        it(`${seed.file}: pdftotext gives the letters in reading order (at least ${MIN_ORDER * 100}% of in-word letter pairs)`, () => {
          const m = model(seed);
          const r = retention(letterPairs(articleText(m).join('\n'), 'article'), letterPairs(pdfText(seed), 'pdf'));
          expect(r.ratio, `${seed.file} (${m.language}): ${(r.ratio * 100).toFixed(1)}% of ${r.total} letter pairs; missing most: ${r.missing}`)
            .toBeGreaterThanOrEqual(MIN_ORDER);
        });

        if (opts.golden) {
          it(`${seed.file}: the extracted text matches test/golden/scripts/${seed.front.slug}.txt`, () => {
            expectGolden(`scripts/${model(seed).slug}.txt`, pdfText(seed));
          });
        }
      }
    });
  });
}

const fixtures = readSeeds(FIXTURES);

describe('the scripts corpus itself', () => {
  it('holds one seed per language, each with a fixed date, an ASCII slug named like the file, and a section line', () => {
    expect(fixtures.map((s) => s.front.language).sort()).toEqual([...LANGUAGES].sort());
    for (const seed of fixtures) {
      expect(seed.front.date, seed.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(seed.front.slug, seed.file).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(`${seed.front.slug}.txt`).toBe(seed.file);
      expect(sectionLines(seed.text).length, `${seed.file} has no \`Label: Heading\` line`).toBeGreaterThan(0);
      const lines = bodyLines(seed.text);
      expect(lines.indexOf('Read also:'), `${seed.file} has no Read also: list`).toBeGreaterThan(0);
    }
  });
});

checkScripts('the scripts corpus (test/fixtures/scripts)', FIXTURES, fixtures, { golden: true });

// The shared samples live beside the project; CI has them (it runs ../shared/tools/check-out).
if (existsSync(SAMPLES)) {
  checkScripts('the world samples (../shared/samples/world)', SAMPLES, readSeeds(SAMPLES), { golden: false });
} else {
  const notice = `the world samples: SKIPPED, no ${SAMPLES}`;
  if (process.env.CI === 'true') throw new Error(`${notice}; CI=true requires them`);
  process.stderr.write(`\n!!! ${notice}\n`);
}
