// Paragraph line breaking: a total-fit search (Knuth–Plass, simplified) over spaces, soft hyphens and dashes.

/** A word cut at its break opportunities. `soft[i]` tells whether a break after piece i adds a hyphen. */
export interface BreakWord {
  pieces: string[];
  widths: number[];
  soft: boolean[];
}

export interface BreakOptions {
  /** Line width in points. */
  width: number;
  /** Indent of the first line (narrows it). */
  firstIndent: number;
  /** Natural width of an inter-word space. */
  space: number;
  /** Width of the hyphen added at a soft break. */
  hyphen: number;
  /** Justified lines stretch and shrink their spaces; ragged lines minimise the gap at the right instead. */
  justify: boolean;
  /** Count the last line's gap too (headlines), so lines come out of even length. */
  balance: boolean;
}

/** One line of output: its text (with the added hyphen) and whether it is the paragraph's last. */
export interface BrokenLine {
  text: string;
  hyphenated: boolean;
  /** Broken inside a word (at a soft hyphen, or after a dash or slash), not at a space. */
  inWord: boolean;
  last: boolean;
}

const SPACE = 0;
const SOFT = 1;
const PLAIN = 2;
type Kind = typeof SPACE | typeof SOFT | typeof PLAIN;

const INFEASIBLE = Number.POSITIVE_INFINITY;
const LINE_PENALTY = 10;
const HYPHEN_PENALTY = 50 * 50;
const DOUBLE_HYPHEN = 10_000;
const FINAL_HYPHEN = 5000;
const SHORT_LAST = 10_000;
const HEADLINE_IN_WORD = 1_000_000;

/** Break words into lines minimising total demerits; an over-long piece gets a line of its own. */
export function breakLines(words: readonly BreakWord[], o: BreakOptions): BrokenLine[] {
  // Flatten pieces; a break after piece k is a candidate for every k.
  const text: string[] = [];
  const word: number[] = [];
  const kind: Kind[] = [];
  let n = 0;
  for (const w of words) n += w.pieces.length;
  // Typed arrays hold the same doubles as plain ones; they only spare the inner loop its checks.
  const cum = new Float64Array(n + 1);
  words.forEach((w, wi) => {
    w.pieces.forEach((p, pi) => {
      cum[text.length + 1] = cum[text.length]! + w.widths[pi]!;
      text.push(p);
      word.push(wi);
      kind.push(pi === w.pieces.length - 1 ? SPACE : w.soft[pi] ? SOFT : PLAIN);
    });
  });
  if (n === 0) return [];
  // best[k + 1] is the cheapest way to break after piece k; index 0 is the paragraph start.
  const best = new Float64Array(n + 1).fill(INFEASIBLE);
  const from = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let a = 0; a < n; a++) {
    if (best[a] === INFEASIBLE) continue;
    const lineWidth = o.width - (a === 0 ? o.firstIndent : 0);
    const startHyphen = a > 0 && kind[a - 1] === SOFT;
    for (let b = a; b < n; b++) {
      const last = b === n - 1;
      const hyphenated = kind[b] === SOFT;
      const gaps = word[b]! - word[a]!;
      const natural = cum[b + 1]! - cum[a]! + gaps * o.space + (hyphenated ? o.hyphen : 0);
      const badness = lineBadness(natural, lineWidth, gaps, last, o);
      if (badness === INFEASIBLE) {
        if (b > a) {
          if (natural > lineWidth) break;
          continue;
        }
      }
      let demerits = (LINE_PENALTY + Math.min(badness, 10_000)) ** 2;
      if (hyphenated) demerits += HYPHEN_PENALTY + (startHyphen ? DOUBLE_HYPHEN : 0);
      // A headline breaks at its spaces where it has them, even in Chinese or Japanese, which may break
      // between any two characters: 新规 stays whole.
      if (o.balance && !last && kind[b] !== SPACE) demerits += HEADLINE_IN_WORD;
      if (last && startHyphen) demerits += FINAL_HYPHEN;
      if (last && !o.balance && natural < lineWidth * 0.15 && a > 0) demerits += SHORT_LAST;
      const total = best[a]! + demerits;
      if (total < best[b + 1]!) {
        best[b + 1] = total;
        from[b + 1] = a;
      }
      if (natural > lineWidth) break;
    }
  }
  const ends: number[] = [];
  for (let b = n; b > 0; b = from[b]!) ends.push(b);
  ends.reverse();
  const lines: BrokenLine[] = [];
  let start = 0;
  for (const end of ends) {
    let line = '';
    for (let k = start; k < end; k++) line += (k > start && word[k] !== word[k - 1] ? ' ' : '') + text[k];
    const hyphenated = kind[end - 1] === SOFT;
    lines.push({ text: hyphenated ? `${line}-` : line, hyphenated, inWord: end < n && kind[end - 1] !== SPACE, last: end === n });
    start = end;
  }
  return lines;
}

function lineBadness(natural: number, width: number, gaps: number, last: boolean, o: BreakOptions): number {
  if (natural > width) {
    // Only justified text may tighten its spaces, and by 30 % at most.
    if (!o.justify || gaps === 0) return INFEASIBLE;
    const ratio = (natural - width) / (gaps * o.space * 0.3);
    return ratio > 1 ? INFEASIBLE : 100 * ratio * ratio * ratio;
  }
  if (last && !o.balance) return 0;
  if (o.justify && !last) {
    if (gaps === 0) return 5000;
    const ratio = (width - natural) / (gaps * o.space * 0.9);
    return 100 * ratio * ratio * ratio;
  }
  const slack = (width - natural) / o.space;
  return slack * slack;
}
