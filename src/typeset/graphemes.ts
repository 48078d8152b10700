// Grapheme clusters (UAX #29, by ICU), in time linear in the text's length: where lines may be cut.
import { intl } from './intl.js';

// Intl.Segmenter's iterator copies its whole input at every step, so a long text goes through in chunks.
const CHUNK = 1024;
// Printable ASCII needs no segmenter: each character is a cluster of its own (UAX #29, GB999).
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Where each grapheme cluster of `text` ends (UTF-16 offsets), lazily: a caller takes only what it needs. A
 * chunk's last cluster is segmented again with the text after it, so a cluster that straddles a chunk's
 * edge stays whole; only one longer than a chunk is cut.
 */
export function* graphemeEnds(text: string): Generator<number, undefined> {
  const segmenter = intl('graphemes', () => new Intl.Segmenter('und', { granularity: 'grapheme' }));
  for (let from = 0; from < text.length;) {
    let to = Math.min(text.length, from + CHUNK);
    if (/[\ud800-\udbff]/.test(text[to - 1]!)) to++;
    let next = to;
    const chunk = text.slice(from, to);
    if (PRINTABLE_ASCII.test(chunk)) {
      // One cluster per character, but the last, which a mark after the chunk may extend.
      const last = to < text.length ? to - 1 : to;
      for (let end = from + 1; end <= last; end++) yield end;
      from = last === to ? to : Math.max(last, from + 1);
      continue;
    }
    for (const { index, segment } of segmenter.segment(chunk)) {
      const end = from + index + segment.length;
      if (end === to && to < text.length && index > 0) {
        next = from + index;
        break;
      }
      yield end;
    }
    from = next;
  }
  return undefined;
}

/** The grapheme clusters of `text`, lazily. */
export function* graphemes(text: string): Generator<string, undefined> {
  let from = 0;
  for (const end of graphemeEnds(text)) {
    yield text.slice(from, end);
    from = end;
  }
  return undefined;
}
