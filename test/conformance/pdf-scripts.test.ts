// The PDF in the world's scripts, read back with poppler: regional Han faces, right-to-left layout,
// kinsoku, dictionary line breaks in Thai, no letter-spacing of joined scripts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { exportPdf } from '../../src/exporters/pdf.js';
import PDFDocument from 'pdfkit';
import { Canvas } from '../../src/exporters/pdf/canvas.js';
import { documentOptions } from '../../src/exporters/pdf/metadata.js';
import { MEASURE, STYLES, geometry } from '../../src/exporters/pdf/style.js';
import type { Article } from '../../src/model/article.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { normalize } from '../../src/normalize/index.js';
import { sampleArticle } from '../support/article.js';
import { describeWithTools, run } from '../support/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'galley-pdf-scripts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = { ...DEFAULT_CONFIG, url: 'https://news.example' };

function fixture(name: string): Article {
  const source = readFileSync(join('test/fixtures/scripts', `${name}.txt`));
  return normalize(source, `${name}.txt`, { config, fallbackDate: null }).article;
}

async function pdfOf(article: Article, name: string): Promise<string> {
  const path = join(dir, `${name}.pdf`);
  const { bytes, diagnostics } = await exportPdf(article, { config });
  expect(diagnostics).toEqual([]);
  writeFileSync(path, bytes);
  return path;
}

/** Lines of the first page as poppler sees them, with each line's horizontal extent in points. */
function lines(path: string): { text: string; xMin: number; xMax: number }[] {
  const html = run('pdftotext', ['-f', '1', '-l', '1', '-bbox-layout', path, '-']);
  return [...html.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([\s\S]*?)<\/line>/g)].map((m) => ({
    xMin: Number(m[1]),
    xMax: Number(m[2]),
    text: [...m[3]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(' '),
  }));
}

const fonts = (path: string): string[] =>
  run('pdffonts', [path]).split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));

describeWithTools(['pdftotext', 'pdffonts'], 'PDF in the scripts of the world', () => {
  it('sets Han in the regional forms of the article language', async () => {
    const cases: [string, string][] = [
      ['zh-hans-bike-sharing', 'NotoSerifSC-Regular'],
      ['zh-hant-typhoon', 'NotoSerifTC-Regular'],
      ['ja-sakura', 'NotoSerifJP-Regular'],
      ['ko-heavy-snow', 'NotoSerifKR-Regular'],
    ];
    for (const [name, face] of cases) {
      const used = fonts(await pdfOf(fixture(name), name));
      expect(used, name).toContain(face);
      expect(used.filter((f) => /SC|TC|JP|KR/.test(f) && !f.startsWith(face.slice(0, -8))), name).toEqual([]);
    }
  });

  it('keeps a CJK article small: fonts are embedded as subsets', async () => {
    for (const name of ['zh-hans-bike-sharing', 'zh-hant-typhoon', 'ja-sakura']) {
      const { bytes } = await exportPdf(fixture(name), { config });
      expect(bytes.length, name).toBeLessThan(250_000);
    }
  });

  it('sets an Arabic article from the right: every body line ends at the right edge of the measure', async () => {
    const page = geometry('A4');
    const right = page.left + MEASURE;
    const body = lines(await pdfOf(fixture('ar-floods'), 'ar')).filter((l) => l.xMax - l.xMin > MEASURE * 0.6);
    expect(body.length).toBeGreaterThan(5);
    // Ragged lines, as Arabic is not hyphenated: the start (right) is flush, the end (left) is not.
    for (const l of body) expect(Math.abs(l.xMax - right), l.text).toBeLessThan(14);
    expect(body.some((l) => l.xMin > page.left + 10)).toBe(true);
    // In an English article the same holds for the left edge instead.
    const en = lines(await pdfOf(sampleArticle(), 'en')).filter((l) => l.xMax - l.xMin > MEASURE * 0.6);
    for (const l of en) expect(Math.abs(l.xMin - page.left), l.text).toBeLessThan(14);
  });

  it('puts no closing punctuation at the start of a Japanese or Chinese line, no opening one at its end', async () => {
    for (const name of ['ja-sakura', 'zh-hans-bike-sharing', 'zh-hant-typhoon']) {
      const text = run('pdftotext', ['-enc', 'UTF-8', await pdfOf(fixture(name), name), '-']);
      const all = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      expect(all.length, name).toBeGreaterThan(8);
      for (const line of all) {
        expect(line, name).not.toMatch(/^[、。，．：；！？」』）】〉》ぁぃぅぇぉっゃゅょァィゥェォッャュョー]/u);
        expect(line, name).not.toMatch(/[「『（【〈《]$/u);
      }
    }
  });

  it('breaks Thai lines between words (ICU dictionary), never inside one', async () => {
    const article = fixture('th-songkran');
    const text = run('pdftotext', ['-enc', 'UTF-8', await pdfOf(article, 'th'), '-']);
    const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
    const paragraphs = article.sections.flatMap((s) => s.blocks).flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    let breaks = 0;
    const all = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    for (let i = 0; i + 1 < all.length; i++) {
      const joined = all[i]! + all[i + 1]!;
      const paragraph = paragraphs.find((p) => p.replace(/ /g, '').includes(joined.replace(/ /g, '')));
      if (paragraph === undefined) continue; // a paragraph's last line, or a heading
      const compact = paragraph.replace(/ /g, '');
      const at = compact.indexOf(joined.replace(/ /g, '')) + all[i]!.replace(/ /g, '').length;
      const boundaries = new Set([...segmenter.segment(compact)].map((s) => s.index));
      expect(boundaries.has(at), `${all[i]} | ${all[i + 1]}`).toBe(true);
      breaks++;
    }
    expect(breaks).toBeGreaterThan(3);
  });

  it('never letter-spaces joined scripts: tracking applies to Latin, Greek and Cyrillic only', () => {
    const canvas = new Canvas(new PDFDocument(documentOptions(sampleArticle(), geometry('A4'))), 'ar');
    expect(canvas.tracking('NEWS', STYLES.kicker)).toBe(STYLES.kicker.tracking);
    expect(canvas.tracking('НОВОСТИ 2024', STYLES.kicker)).toBe(STYLES.kicker.tracking);
    for (const text of ['طقس', 'मौसम', 'สภาพอากาศ', 'NEWS طقس']) expect(canvas.tracking(text, STYLES.kicker), text).toBe(0);
  });

  it('keeps every mark of a deep stack in the text layer, and draws the stack no deeper than the page allows', async () => {
    const zalgo = `Z${'\u0334\u0322\u0327\u0347\u031d\u034e'.repeat(8)}ap`;
    const article = sampleArticle({ title: 'Marks', sections: [{ id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: `${zalgo} ok` }] }] });
    const path = await pdfOf(article, 'zalgo');
    expect(run('pdftotext', ['-enc', 'UTF-8', path, '-']).normalize('NFC')).toContain(`${zalgo} ok`.normalize('NFC'));
    // Drawn: the letters and at most six marks on the Z (a stack of 48 would rise off the top of the page).
    const glyphs = run('qpdf', ['--qdf', '--object-streams=disable', path, '-']).match(/\/Span <<\/ActualText <feff005a[^>]*>>> BDC([\s\S]*?)EMC/i);
    expect(glyphs).not.toBeNull();
    const drawn = [...glyphs![1]!.matchAll(/<([0-9a-f]+)>/g)].reduce((n, m) => n + m[1]!.length / 4, 0);
    expect(drawn).toBeLessThanOrEqual(1 + 6 + 2 + 1);
  });

  it('sets Odia, Sinhala, Tibetan, Dhivehi (Thaana) and Syriac too: no missing glyph, every letter read back', async () => {
    const cases: [string, string][] = [
      ['or', 'ଓଡ଼ିଶାରେ ପ୍ରବଳ ବର୍ଷା ଯୋଗୁଁ ଅନେକ ରାସ୍ତା ବନ୍ଦ ହୋଇଛି।'],
      ['si', 'කොළඹ නගරයේ අධික වර්ෂාව නිසා මාර්ග කිහිපයක් වසා ඇත.'],
      ['bo', 'ལྷ་ས་ལ་ཆར་པ་ཆེན་པོ་བབས་ནས་ལམ་ཁ་ཤས་བཀག་ཡོད།'],
      ['dv', 'މާލޭގައި ވަރުގަދަ ވާރޭ ވެހުމުން ބައެއް މަގުތައް ބަންދުކޮށްފި'],
      ['syr', 'ܫܠܡܐ ܥܠܡܐ ܘܟܠܗ ܥܡܐ'],
    ];
    for (const [language, text] of cases) {
      const article = sampleArticle({ language, title: text, sections: [{ id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text }] }] });
      const path = await pdfOf(article, `extra-${language}`);
      const letters = (s: string): string[] => (s.normalize('NFKC').match(/[\p{L}\p{M}]/gu) ?? []).sort();
      const read = letters(run('pdftotext', ['-enc', 'UTF-8', path, '-']));
      const want = letters(text);
      const kept = want.filter((c) => { const i = read.indexOf(c); if (i === -1) return false; read.splice(i, 1); return true; });
      expect(kept.length / want.length, language).toBeGreaterThanOrEqual(0.98);
    }
  });
});
