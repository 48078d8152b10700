// A PDF read back as the publisher's check reads it (../shared/tools/check-out: squash, letters, pdf_body_text
// and article_texts, in TypeScript), and its links, printed page numbers and outline, through qpdf, poppler
// and mutool.
import type { Article } from '../../src/model/article.js';
import { run as runTool } from './tools.js';

// Each tool's output for a file, kept: a test reads the same pages many times, and the files it reads back
// (each in a folder of its own from mkdtemp) are written once.
const outputs = new Map<string, string>();
function run(command: string, args: readonly string[]): string {
  const key = JSON.stringify([command, args]);
  let out = outputs.get(key);
  if (out === undefined) outputs.set(key, (out = runTool(command, args)));
  return out;
}

const INVISIBLE = /[\u00ad\u200b\u200c\u200d\u2060\ufe0e\ufe0f\u202a-\u202e\u2066-\u2069]/g;
export const squash = (text: string): string => text.normalize('NFKC').replace(INVISIBLE, '').replace(/[-\u2010\u2011]/g, '').replace(/\s+/gu, '');
export const letters = (text: string): string => [...text].filter((c) => /[\p{L}\p{M}]/u.test(c)).join('');
export const byLetters = (text: string): string => letters(squash(text));
const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'he', 'iw', 'yi', 'dv', 'syr', 'ps', 'ckb', 'sd', 'ug', 'ks']);
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const rightToLeft = (article: Article): boolean => RTL_LANGUAGES.has(article.language.toLowerCase().split('-')[0]!);
/** The form check-out compares a text of `article` in. */
export const formOf = (article: Article, text: string): ((t: string) => string) => (rightToLeft(article) || RTL_LETTER.test(text) ? byLetters : squash);
const PAGE_NUMBER = /^(page\s*)?\d+(\s*(\/|of)\s*\d+)?$/i;

/** pdftotext without page numbers and running heads and feet, as check-out's pdf_body_text reads it. */
export function bodyText(path: string): string {
  const pages = run('pdftotext', ['-enc', 'UTF-8', path, '-']).split('\f').filter((p) => p.trim() !== '').map((p) => p.split('\n'));
  const edges = (lines: string[]): Set<string> => {
    const kept = lines.map((l) => l.trim()).filter((l) => l !== '');
    return new Set([...kept.slice(0, 2), ...kept.slice(-2)]);
  };
  const seen = new Map<string, number>();
  for (const p of pages) for (const e of edges(p)) seen.set(e.replace(/\d+/g, '#'), (seen.get(e.replace(/\d+/g, '#')) ?? 0) + 1);
  const running = new Set([...seen].filter(([, n]) => n >= 2).map(([k]) => k));
  return pages.map((p) => {
    const edge = edges(p);
    return p.filter((l) => !(edge.has(l.trim()) && (PAGE_NUMBER.test(l.trim()) || running.has(l.trim().replace(/\d+/g, '#'))))).join('\n');
  }).join('\n');
}

/** check-out's article_texts: every paragraph and list item. */
export function articleTexts(article: Article): string[] {
  return article.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.type === 'list' ? b.items : [])));
}

export const pageCount = (path: string): number => Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', [path]))![1]);
export const pageText = (path: string, n: number): string => run('pdftotext', ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), path, '-']);

export interface QpdfJson {
  pages: { object: string; pageposfrom1: number }[];
  qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
}
export function qpdfJson(path: string): QpdfJson {
  return JSON.parse(run('qpdf', ['--json', '--json-key=pages', '--json-key=qpdf', path])) as QpdfJson;
}

export interface Link {
  /** One-based page the link is on, and the one it goes to. */
  on: number;
  to: number;
  /** From the top of the page. */
  top: number;
  bottom: number;
  contents: string;
  structParent: unknown;
}

/** Every Link annotation, page by page, in the order the pages hold them. */
export function links(path: string): Link[] {
  const json = qpdfJson(path);
  const objects = json.qpdf[1];
  const obj = (ref: unknown): Record<string, unknown> => objects[`obj:${String(ref)}`]!.value!;
  const pageOf = new Map(json.pages.map((p) => [p.object, p.pageposfrom1]));
  const out: Link[] = [];
  for (const page of json.pages) {
    const dict = obj(page.object);
    const height = (dict['/MediaBox'] as number[])[3]!;
    const annots = dict['/Annots'];
    const refs = (typeof annots === 'string' ? (obj(annots) as unknown as string[]) : (annots as string[] | undefined)) ?? [];
    for (const ref of refs) {
      const a = obj(ref);
      if (a['/Subtype'] !== '/Link') continue;
      const action = typeof a['/A'] === 'string' ? obj(a['/A']) : (a['/A'] as Record<string, unknown>);
      const rect = a['/Rect'] as number[];
      const dest = action['/D'] as string[];
      out.push({
        on: page.pageposfrom1, to: pageOf.get(dest[0]!)!, top: height - rect[3]!, bottom: height - rect[1]!,
        contents: String(a['/Contents']).replace(/^u:/, ''), structParent: a['/StructParent'],
      });
    }
  }
  return out;
}

/** The number printed on page `on` within [top, bottom] at the page's far end (a contents entry's page number). */
export function printedNumber(path: string, on: number, top: number, bottom: number, rtl: boolean): number | null {
  const words = [...run('pdftotext', ['-bbox', '-f', String(on), '-l', String(on), path, '-'])
    .matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((m) => ({ x: Number(m[1]), yMin: Number(m[2]), yMax: Number(m[4]), text: m[5]! }))
    .filter((w) => w.yMin >= top - 2 && w.yMax <= bottom + 2 && /^[\d\u0660-\u0669\u06f0-\u06f9]+$/.test(w.text));
  if (words.length === 0) return null;
  const far = words.reduce((a, b) => ((rtl ? b.x < a.x : b.x > a.x) ? b : a));
  return Number(far.text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0)));
}

/** mutool's outline: each item's depth (1 = top level), title and one-based page. */
export function outline(path: string): { depth: number; title: string; page: number }[] {
  return run('mutool', ['show', path, 'outline']).split('\n').filter((l) => l.trim() !== '').map((line) => {
    const m = /^[|+-](\t+)"(.*)"\t#page=(\d+)/.exec(line);
    if (m === null) throw new Error(`unexpected outline line: ${line}`);
    return { depth: m[1]!.length, title: m[2]!, page: Number(m[3]) };
  });
}
