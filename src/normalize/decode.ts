// Seed bytes to clean lines (rule 1): size, UTF-8, NUL, BOM, line endings, NFC, control characters.
import type { Diagnostic } from '../model/diagnostic.js';
import { codePointLabel, SeedError } from '../model/diagnostic.js';

/** Seeds larger than this are refused before decoding. */
export const MAX_SEED_BYTES = 1024 * 1024;

export interface SourceLine {
  /** 1-based line number in the file as written. */
  line: number;
  /** The line's text, NFC, with white-space controls turned into spaces and other controls dropped. */
  text: string;
}

// C0 and C1 controls, DEL, and the noncharacters XML cannot carry. Tab, LF, VT, FF and CR are handled apart.
const DROPPED = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;
const DROPPED_ALL = new RegExp(DROPPED.source, 'gu');

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Split and clean a seed; throws SeedError for what rule 1 rejects. */
export function decodeSeed(input: Uint8Array | string, file: string): { lines: SourceLine[]; diagnostics: Diagnostic[] } {
  const text = typeof input === 'string' ? checkString(input, file) : checkBytes(input, file);
  const diagnostics: Diagnostic[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const lines = raw.map((rawLine, i) => {
    let clean = rawLine.replace(/[\t\v\f]/g, ' ');
    const hit = DROPPED.exec(clean);
    if (hit) {
      const code = codePointLabel(hit[0].codePointAt(0)!);
      const count = clean.match(DROPPED_ALL)!.length;
      diagnostics.push({
        severity: 'warning', file, line: i + 1, column: [...clean.slice(0, hit.index)].length + 1,
        rule: 'encoding/control-character',
        message: `dropped ${count === 1 ? 'a control character' : `${count} control characters`} (first ${code})`,
      });
      clean = clean.replace(DROPPED_ALL, '');
    }
    return { line: i + 1, text: nfc(clean) };
  });
  return { lines, diagnostics };
}

// ICU puts combining marks in canonical order by insertion sort, so NFC costs k² on a run of k marks of mixed
// classes, and a line of Zalgo text has no bound on k. A run longer than real text has (UAX #15 calls 30
// non-starters enough for any) is put in canonical order here, in O(k log k); normalize() then finds it in order.
const LONG_MARK_RUN = /\p{M}{31,}/gu;

/** `text` in NFC, in time linear in its length (up to a log factor for long runs of combining marks). */
export function nfc(text: string): string {
  return text.replace(LONG_MARK_RUN, canonicalOrder).normalize('NFC');
}

/** A run of combining marks decomposed and stably sorted by combining class between its marks of class 0. */
function canonicalOrder(run: string): string {
  const marks = [...run].flatMap((m) => [...m.normalize('NFD')]);
  const rank = classRanks(new Set(marks));
  const out: string[] = [];
  let segment: string[] = [];
  const flush = () => {
    for (const m of segment.sort((a, b) => rank.get(a)! - rank.get(b)!)) out.push(m);
    segment = [];
  };
  for (const m of marks) {
    if (rank.get(m) === 0) {
      flush();
      out.push(m);
    } else {
      segment.push(m);
    }
  }
  flush();
  return out.join('');
}

// JavaScript has no API for a character's combining class, but normalize() reorders two marks exactly when the
// first one's class is higher and the second's is not 0: that orders the few distinct marks of a run.
const reorders = (a: string, b: string) => (a + b).normalize('NFD') !== a + b;

/** 0 for the marks of class 0, else ranks 1, 2, ... in the order of their combining classes. */
function classRanks(marks: Set<string>): Map<string, number> {
  // U+0316 and U+0301 have the classes 220 and 230: any other class is below, between or above them.
  const starter = (m: string) => !reorders(m, '\u0316') && !reorders('\u0301', m) && !reorders(m, '\u0301');
  const ordered = [...marks].filter((m) => !starter(m))
    .sort((a, b) => (reorders(a, b) ? 1 : reorders(b, a) ? -1 : 0));
  const rank = new Map([...marks].map((m) => [m, 0]));
  let r = 0;
  ordered.forEach((m, i) => rank.set(m, i > 0 && !reorders(m, ordered[i - 1]!) && !reorders(ordered[i - 1]!, m) ? r : ++r));
  return rank;
}

function checkString(text: string, file: string): string {
  if (Buffer.byteLength(text, 'utf8') > MAX_SEED_BYTES) throw tooLarge(file, Buffer.byteLength(text, 'utf8'));
  // A string with an unpaired surrogate has no UTF-8 form: the same error as the bytes would give.
  const at = text.search(/\p{Cs}/u);
  if (at >= 0) {
    const before = text.slice(0, at).split(/\r\n|\r|\n/);
    throw new SeedError(file, before.length, [...before[before.length - 1]!].length + 1, 'encoding/invalid-utf8',
      `not valid UTF-8 (an unpaired surrogate U+${text.charCodeAt(at).toString(16).toUpperCase()} at offset ${at}); save the file as UTF-8`);
  }
  checkNul(text, file);
  return text;
}

function checkBytes(bytes: Uint8Array, file: string): string {
  if (bytes.length > MAX_SEED_BYTES) throw tooLarge(file, bytes.length);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const { line, column } = positionOfByte(bytes, at);
    throw new SeedError(file, line, column, 'encoding/invalid-utf8',
      `not valid UTF-8 (byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')} at offset ${at}); save the file as UTF-8`);
  }
  checkNul(text, file);
  return text;
}

function checkNul(text: string, file: string): void {
  const at = text.indexOf('\u0000');
  if (at < 0) return;
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  throw new SeedError(file, before.length, [...before[before.length - 1]!].length + 1, 'encoding/nul-byte',
    'contains a NUL byte: this looks like a binary file, not a text seed');
}

function tooLarge(file: string, size: number): SeedError {
  return new SeedError(file, null, null, 'encoding/too-large',
    `is ${size} bytes; a seed may be at most ${MAX_SEED_BYTES} bytes (1 MiB)`);
}

/** Offset of the first byte that breaks UTF-8 (the decoder only says that one does). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    // Overlong forms and surrogates, which the decoder also refuses.
    if ((c === 0xe0 && b[i + 1]! < 0xa0) || (c === 0xed && b[i + 1]! > 0x9f)
      || (c === 0xf0 && b[i + 1]! < 0x90) || (c === 0xf4 && b[i + 1]! > 0x8f)) return i;
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}

function positionOfByte(b: Uint8Array, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (b[i] === 0x0a || (b[i] === 0x0d && b[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // In characters, as every other column: an emoji before the bad byte is one, not two UTF-16 units.
  const column = [...new TextDecoder().decode(b.subarray(lineStart, at))].length + 1;
  return { line, column };
}
