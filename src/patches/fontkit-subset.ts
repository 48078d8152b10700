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
