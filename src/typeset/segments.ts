// Intl.Segmenter over a long text in time linear in its length: its iterator copies the whole input at every
// step, so a text goes through in chunks, and a segment that straddles a chunk's edge is kept whole.

const CHUNK = 1024;
// How far before a chunk's edge a segment is read again with what follows: dictionary words (Thai, Khmer)
// are found from the words around them, not from the edge alone.
const OVERLAP = 64;

/**
 * The segments of `text` by `segmenter`, each with its UTF-16 offset in `text`, lazily. The segments that
 * start near a chunk's edge, or reach it, are segmented again with the text after it, so that a segment
 * that straddles the edge stays whole and a word is cut where the whole text would cut it; only a segment
 * longer than a chunk is cut. `single`: a chunk that matches it is one segment per UTF-16
 * unit (printable ASCII for grapheme clusters), found without the segmenter.
 */
export function* segments(segmenter: Intl.Segmenter, text: string, single?: RegExp): Generator<{ index: number; segment: string }, undefined> {
  for (let from = 0; from < text.length;) {
    let to = Math.min(text.length, from + CHUNK);
    if (/[\ud800-\udbff]/.test(text[to - 1]!)) to++;
    const chunk = text.slice(from, to);
    if (single?.test(chunk)) {
      // One segment per unit, but the last, which what follows the chunk may extend.
      const last = to < text.length ? to - 1 : to;
      for (let at = from; at < last; at++) yield { index: at, segment: text[at]! };
      from = last === to ? to : Math.max(last, from + 1);
      continue;
    }
    let next = to;
    for (const { index, segment } of segmenter.segment(chunk)) {
      const start = from + index;
      if (to < text.length && index > 0 && (start >= to - OVERLAP || start + segment.length === to)) {
        next = start;
        break;
      }
      yield { index: start, segment };
    }
    from = next;
  }
  return undefined;
}
