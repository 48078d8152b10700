// Grapheme clusters (UAX #29, by ICU), in time linear in the text's length: where lines may be cut.
import { intl } from './intl.js';
import { segments } from './segments.js';

// Printable ASCII needs no segmenter: each character is a cluster of its own (UAX #29, GB999).
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Where each grapheme cluster of `text` ends (UTF-16 offsets), lazily: a caller takes only what it needs. */
export function* graphemeEnds(text: string): Generator<number, undefined> {
  const segmenter = intl('graphemes', () => new Intl.Segmenter('und', { granularity: 'grapheme' }));
  for (const { index, segment } of segments(segmenter, text, PRINTABLE_ASCII)) yield index + segment.length;
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
