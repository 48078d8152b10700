// fontkit, opened the one way Galley opens it: every change to fontkit's internals lives in this module.
// Pinned to fontkit 2.0.4 in package.json; test/fontkit.test.ts fails when a patch stops being needed or
// stops applying.
import * as fontkit from 'fontkit';

let anchorsPatched = false;

/** A fontkit Font from a font file's bytes, with the patches below applied. */
export function openFont(data: Uint8Array): fontkit.Font {
  const font = shareGlyphs(fontkit.create(data));
  if (!anchorsPatched) {
    // The processor's class is reachable only through a font's layout engine, which the first layout
    // builds anyway (building it here would decode every face's GPOS at open, needed or not).
    const layout = font.layout.bind(font);
    (font as { layout: typeof font.layout }).layout = (...args) => {
      patchNullAnchors(font);
      return layout(...args);
    };
  }
  return font;
}

/**
 * GPOS mark attachment (lookup types 4, 5, 6) may name no anchor for a class: the OpenType spec allows a
 * null offset, meaning "does not attach here", and HarfBuzz skips it. fontkit 2.0.4 reads its coordinates
 * and throws, so every word with a Malayalam vowel sign, a Gurmukhi tippi or a Khmer nikahit failed.
 * https://github.com/foliojs/fontkit/issues/367 (fix proposed in https://github.com/foliojs/fontkit/pull/374)
 */
function patchNullAnchors(font: fontkit.Font): void {
  if (anchorsPatched) return;
  const engine = (font as unknown as { _layoutEngine?: { engine?: { GPOSProcessor?: object } } })._layoutEngine?.engine;
  const processor = engine?.GPOSProcessor;
  // A face with no GPOS table (Noto Emoji) has a null processor: the next face to lay out patches.
  if (processor == null) return;
  const proto = Object.getPrototypeOf(processor) as {
    applyAnchor(this: unknown, markRecord: { markAnchor: unknown }, baseAnchor: unknown, baseGlyphIndex: number): void;
  };
  const applyAnchor = proto.applyAnchor;
  proto.applyAnchor = function (markRecord, baseAnchor, baseGlyphIndex) {
    if (baseAnchor == null || markRecord.markAnchor == null) return;
    applyAnchor.call(this, markRecord, baseAnchor, baseGlyphIndex);
  };
  anchorsPatched = true;
}

interface Glyph {
  codePoints: number[];
  _decode(): unknown;
}

/**
 * Three fixes to fontkit's per-font Glyph cache, which every document shares once the Font is reused.
 * 1. Each Glyph keeps the code points of whoever asked first, and the subsetter asks for the components
 *    of composite glyphs with none (Greek Ε is built from Latin E): once a document used Ε, every later
 *    document's E had no ToUnicode entry and vanished from the text layer. Fill them in when a caller
 *    knows them, so the text layer and the bytes do not depend on what the process rendered before.
 * 2. One glyph can stand for different characters: Arabic fonts draw ر and ز on one dotless base (the dot
 *    is a glyph of its own), and Indic fonts reorder a vowel sign before its consonant. The shaper knows
 *    each occurrence's characters; a cached Glyph would answer with the first caller's. A request with
 *    other code points gets its own view of the glyph, carrying them, for the text layer.
 * 3. The subsetter decodes every glyph's outline again for every document just to see whether it is a
 *    composite; these fonts have no variations, so the decoded record never changes: decode it once.
 */
function shareGlyphs(font: fontkit.Font): fontkit.Font {
  const self = font as unknown as { getGlyph(id: number, codePoints?: number[]): Glyph };
  const getGlyph = self.getGlyph.bind(self);
  const seen = new WeakSet<Glyph>();
  self.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    if (!seen.has(glyph)) {
      seen.add(glyph);
      const decode = glyph._decode;
      let decoded: { value: unknown } | undefined;
      glyph._decode = function (this: Glyph) {
        decoded ??= { value: decode.call(this) };
        return decoded.value;
      };
    }
    if (codePoints.length > 0 && !sameCodePoints(glyph.codePoints, codePoints)) {
      return Object.create(glyph, { codePoints: { value: codePoints, enumerable: true } }) as Glyph;
    }
    return glyph;
  };
  return font;
}

/** Whether two code point lists are the same. */
export function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
