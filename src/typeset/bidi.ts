// The Unicode Bidirectional Algorithm (UAX #9, by bidi-js) for the formats that place glyphs themselves:
// a paragraph's base direction, and a set line cut into runs of one direction in visual order.
import bidiModule from 'bidi-js';
import { languageDirection } from './direction.js';

// The package is CommonJS (module.exports is the factory) while its types declare an ES default export.
const bidiFactory = bidiModule as unknown as typeof bidiModule.default;
const bidi = bidiFactory();

export type Direction = 'ltr' | 'rtl';

const STRONG_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const STRONG_LTR = /(?![\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}])\p{L}/u;

/**
 * A paragraph's base direction: the article language's, unless the paragraph has no letter of that
 * direction at all (an English quote set apart in an Arabic article, a Hebrew one in an English article).
 */
export function paragraphDirection(text: string, language: string): Direction {
  const own = languageDirection(language);
  if (own === 'rtl') return STRONG_RTL.test(text) || !STRONG_LTR.test(text) ? 'rtl' : 'ltr';
  return STRONG_LTR.test(text) || !STRONG_RTL.test(text) ? 'ltr' : 'rtl';
}

/** A stretch of a line at one embedding level: logical [start, end) in UTF-16 units. */
export interface BidiRun {
  start: number;
  end: number;
  rtl: boolean;
}

/** True when the text has nothing the algorithm would move or mirror: every character left to right. */
function isSimpleLtr(text: string): boolean {
  return !STRONG_RTL.test(text) && !/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/u.test(text);
}

/** One line's runs in visual order, left to right; within an rtl run the characters read right to left. */
export function visualRuns(text: string, direction: Direction): BidiRun[] {
  if (text === '') return [];
  if (direction === 'ltr' && isSimpleLtr(text)) return [{ start: 0, end: text.length, rtl: false }];
  const embedding = bidi.getEmbeddingLevels(text, direction);
  const order = Array.from({ length: text.length }, (_, i) => i);
  for (const segment of bidi.getReorderSegments(text, embedding, 0, text.length - 1)) {
    const [from, to] = segment as [number, number];
    for (let a = from, b = to; a < b; a++, b--) [order[a], order[b]] = [order[b]!, order[a]!];
  }
  const levels = embedding.levels;
  const runs: BidiRun[] = [];
  for (let i = 0; i < order.length;) {
    const first = order[i]!;
    const rtl = (levels[first]! & 1) === 1;
    let j = i + 1;
    // Consecutive in logical order in the run's own direction, at the same level.
    while (j < order.length && levels[order[j]!] === levels[first] && order[j] === (rtl ? order[j - 1]! - 1 : order[j - 1]! + 1)) j++;
    const last = order[j - 1]!;
    runs.push({ start: Math.min(first, last), end: Math.max(first, last) + 1, rtl });
    i = j;
  }
  return runs;
}

/** The character a right-to-left run shows for a mirrored one ("(" as ")"), or the character itself. */
export function mirrored(char: string): string {
  return bidi.getMirroredCharacter(char) ?? char;
}
