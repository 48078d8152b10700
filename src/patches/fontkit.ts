// fontkit, used the one way Galley uses it: every reach into fontkit's internals (its glyph cache, the GDEF glyph
// classes it parses but does not export, the TrueType subset serializer) lives in this module.
// Pinned to fontkit 2.0.4 in package.json; test/unit/patches/fontkit.test.ts fails when a patch stops being needed or
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

interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: ArrayLike<number>;
  classRangeRecord?: ArrayLike<{ start: number; end: number; class: number }>;
}

/**
 * Which glyph ids the font's GDEF table classes as marks (class 3). fontkit parses GDEF but exports no
 * accessor for it. Without glyph classes which glyphs are marks is unknown: every glyph then counts as one,
 * so the caller always shapes with every feature.
 */
export function markGlyphTest(font: fontkit.Font): (id: number) => boolean {
  const classes = (font as unknown as { GDEF?: { glyphClassDef?: ClassDef } }).GDEF?.glyphClassDef;
  if (classes?.version === 1) {
    const start = classes.startGlyph!;
    const values = Array.from(classes.classValueArray!);
    return (id) => values[id - start] === 3;
  }
  if (classes?.version === 2) {
    const ranges = Array.from(classes.classRangeRecord!).filter((r) => r.class === 3);
    return (id) => ranges.some((r) => id >= r.start && id <= r.end);
  }
  return () => true;
}

// A faster serializer for fontkit's TrueType subsets: the same bytes, without re-encoding constant tables.
/** fontkit's TTFSubset, as far as it is used here. */
interface TtfSubset {
  font: object;
  glyphs: number[];
  glyf: Uint8Array[];
  offset: number;
  loca: { offsets: number[]; version: number };
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] };
  _addGlyph(gid: number): number;
  encode(): Uint8Array;
}

/** One table of the font fontkit writes for a subset, in the order it writes them. */
interface Template {
  header: Uint8Array;
  tables: { tag: string; bytes: Uint8Array }[];
}

// fontkit re-encodes every table of a subset field by field with restructure, including the hinting
// programs (fpgm, prep, cvt), which are the same for every subset of a face and thousands of entries
// long. Their bytes, and head's, are taken once per face from fontkit's own output for a one-glyph
// subset; only glyf, loca, hmtx and two counts differ between subsets.
const templates = new WeakMap<object, Template>();

function template(subset: TtfSubset, original: () => Uint8Array): Template {
  let t = templates.get(subset.font);
  if (t === undefined) {
    const fresh = Object.create(Object.getPrototypeOf(subset) as object) as TtfSubset;
    Object.assign(fresh, subset, { glyphs: [0], mapping: { 0: 0 } });
    const bytes = original.call(fresh);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = view.getUint16(4);
    const tables: Template['tables'] = [];
    for (let i = 0; i < count; i++) {
      const at = 12 + 16 * i;
      const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
      const offset = view.getUint32(at + 8);
      tables.push({ tag, bytes: bytes.slice(offset, offset + view.getUint32(at + 12)) });
    }
    t = { header: bytes.slice(0, 12), tables };
    templates.set(subset.font, t);
  }
  return t;
}

/** Make `subset.encode()` build its font from cached constant tables (byte-identical to fontkit's). */
export function fastSubset(subset: object): void {
  const s = subset as TtfSubset;
  if (typeof s._addGlyph !== 'function' || !Array.isArray(s.glyphs)) return; // not TrueType: leave it
  const original = s.encode;
  s.encode = function (this: TtfSubset): Uint8Array {
    const t = template(this, original);
    // The glyph walk is fontkit's own (it includes composite glyphs' components as it goes).
    this.glyf = [];
    this.offset = 0;
    this.loca = { offsets: [], version: (this.font as { loca: { version: number } }).loca.version };
    this.hmtx = { metrics: [], bearings: [] };
    for (let i = 0; i < this.glyphs.length; i++) this._addGlyph(this.glyphs[i]!);
    this.loca.offsets.push(this.offset);
    const glyphs = this.glyf.length;
    const tables = t.tables.map(({ tag, bytes }) => {
      switch (tag) {
        case 'glyf': return concat(this.glyf, this.offset);
        case 'loca': return loca(this.loca);
        case 'hmtx': return hmtx(this.hmtx.metrics);
        case 'hhea': return patch16(bytes, 34, this.hmtx.metrics.length);
        case 'maxp': return patch16(bytes, 4, glyphs);
        default: return bytes;
      }
    });
    const size = t.header.length + 16 * tables.length + tables.reduce((n, b) => n + b.length, 0);
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    out.set(t.header, 0);
    let offset = t.header.length + 16 * tables.length;
    tables.forEach((bytes, i) => {
      const at = t.header.length + 16 * i;
      for (let k = 0; k < 4; k++) out[at + k] = t.tables[i]!.tag.charCodeAt(k);
      view.setUint32(at + 4, 0); // fontkit writes no checksums
      view.setUint32(at + 8, offset);
      view.setUint32(at + 12, bytes.length);
      out.set(bytes, offset);
      offset += bytes.length;
    });
    return out;
  };
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function loca({ offsets, version }: { offsets: number[]; version: number }): Uint8Array {
  const short = version === 0;
  const out = new Uint8Array(offsets.length * (short ? 2 : 4));
  const view = new DataView(out.buffer);
  offsets.forEach((o, i) => (short ? view.setUint16(2 * i, o >>> 1) : view.setUint32(4 * i, o)));
  return out;
}

function hmtx(metrics: readonly { advance: number; bearing: number }[]): Uint8Array {
  const out = new Uint8Array(metrics.length * 4);
  const view = new DataView(out.buffer);
  metrics.forEach((m, i) => {
    view.setUint16(4 * i, m.advance);
    view.setInt16(4 * i + 2, m.bearing);
  });
  return out;
}

function patch16(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint16(at, value);
  return out;
}
