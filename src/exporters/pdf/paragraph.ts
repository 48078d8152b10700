// Paragraph setting: words cut at their break opportunities (soft hyphens, dashes), measured, broken into lines.
import type { Direction } from '../../typeset/bidi.js';
import { breakToken } from '../../typeset/breaks.js';
import { graphemes } from '../../typeset/graphemes.js';
import type { Canvas } from './canvas.js';
import type { Line } from './flow.js';
import { hyphenateToken, type Hyphenator } from '../../typeset/hyphenate.js';
import { breakLines, type BreakWord } from '../../typeset/linebreak.js';
import type { TextStyle } from './style.js';
import { Recent } from '../../typeset/recent.js';

/** How to set one text: the measure, first-line indent, justification, hyphenation, balancing. */
export interface SetOptions {
  width: number;
  indent: number;
  justify: boolean;
  hyphenate: Hyphenator | null;
  balance: boolean;
  /** Base direction: a right-to-left paragraph's lines are set from the right edge, indent on the right. */
  direction: Direction;
}

const SHY = '\u00AD';
// More UTF-16 units than a line of the measure can hold in any script, marks included.
const LONGEST_LINE = 4096;
// A break after a hard hyphen, dash or slash, with at least two characters on each side.
const HARD_BREAK = /(?<=\S{2}[-\u2010\u2013\u2014/])(?=\S{2})/u;

/** Break one paragraph's text into lines of the measure. */
export function setLines(canvas: Canvas, value: string, style: TextStyle, o: SetOptions): Line[] {
  const words: BreakWord[] = [];
  for (const token of value.split(/[ \t\r\n]+/)) {
    if (token === '') continue;
    const marked = o.hyphenate === null ? token : hyphenateToken(token, o.hyphenate);
    const word: BreakWord = { pieces: [], widths: [], soft: [] };
    const cut = breakPoints(marked);
    cut.parts.forEach((part, i) => {
      for (const segment of breakToken(part, canvas.language)) {
        // A segment too long for any line is cut without being shaped whole first (a 1 MiB "word").
        const width = segment.length > LONGEST_LINE ? Infinity : canvas.width(segment, style);
        const pieces = width <= o.width - o.indent ? [segment] : cutPiece(canvas, segment, style, o.width - o.indent);
        for (const piece of pieces) {
          word.pieces.push(piece);
          word.widths.push(pieces.length === 1 ? width : canvas.width(piece, style));
          word.soft.push(false);
        }
      }
      if (cut.soft[i]) word.soft[word.soft.length - 1] = true;
    });
    if (word.pieces.length > 0) words.push(word);
  }
  const lines = breakLines(words, {
    width: o.width, firstIndent: o.indent, space: canvas.width(' ', style), hyphen: canvas.width('-', style),
    justify: o.justify, balance: o.balance,
  });
  return lines.map((line, i) => {
    const indent = i === 0 ? o.indent : 0;
    const x = o.direction === 'rtl' ? 0 : indent;
    // Lines broken at a space carry it, so the text layer keeps the words apart; a hyphenated line ends
    // in a soft hyphen, drawn as a hyphen but read as part of the word.
    const text = line.hyphenated ? `${line.text.slice(0, -1)}${SHY}` : line.last || line.inWord ? line.text : `${line.text} `;
    // A justified paragraph's last line is set at its natural width, unless the breaker tightened its
    // spaces to fit it, in which case it must be squeezed to the measure like the others.
    return {
      text, x, end: o.width - (o.direction === 'rtl' ? indent : 0), direction: o.direction,
      justify: o.justify ? o.width - indent : null, tightenOnly: line.last,
    };
  });
}

// A token's parts, split at its soft hyphens and after its dashes, shared by every document: the same
// words recur, and the lookbehind split is the costliest step of setting a paragraph.
const cuts = new Recent<string, { parts: string[]; soft: boolean[] }>(10_000);

/** `soft[i]`: a break after part i is at a soft hyphen (it adds a hyphen). */
function breakPoints(marked: string): { parts: string[]; soft: boolean[] } {
  return cuts.obtain(marked, () => {
    const cut = { parts: [] as string[], soft: [] as boolean[] };
    const segments = marked.split(SHY).filter((s) => s !== '');
    for (let si = 0; si < segments.length; si++) {
      const parts = segments[si]!.split(HARD_BREAK);
      for (let pi = 0; pi < parts.length; pi++) {
        cut.parts.push(parts[pi]!);
        cut.soft.push(pi === parts.length - 1 && si < segments.length - 1);
      }
    }
    return cut;
  });
}

/**
 * A piece wider than the line (a long URL, a run of unbroken text) is cut between grapheme clusters into
 * pieces that fit, so no text runs off the page. Each cluster is measured once, so a piece of any length
 * costs time in proportion to it.
 */
function cutPiece(canvas: Canvas, piece: string, style: TextStyle, width: number): string[] {
  const out: string[] = [];
  let current = '';
  let used = 0;
  for (const cluster of graphemes(piece)) {
    const w = canvas.width(cluster, style);
    if (current !== '' && used + w > width) {
      out.push(current);
      current = '';
      used = 0;
    }
    current += cluster;
    used += w;
  }
  if (current !== '') out.push(current);
  return out;
}
