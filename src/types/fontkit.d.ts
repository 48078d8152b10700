// fontkit ships no types; only what Galley uses (the PDF's fonts and the EPUB cover). It is pdfkit's font engine.
declare module 'fontkit' {
  export interface Glyph {
    readonly id: number;
    readonly advanceWidth: number;
    /** The characters this glyph stands for in the run that produced it (empty for a glyph a shaper added). */
    readonly codePoints: readonly number[];
    readonly path: { readonly commands: readonly { readonly command: string; readonly args: readonly number[] }[] };
  }
  export interface GlyphPosition {
    readonly xAdvance: number;
    readonly yAdvance: number;
    readonly xOffset: number;
    readonly yOffset: number;
  }
  export interface GlyphRun {
    readonly advanceWidth: number;
    readonly glyphs: readonly Glyph[];
    readonly positions: readonly GlyphPosition[];
  }
  export interface Font {
    readonly postscriptName: string;
    readonly unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number): Glyph;
    layout(text: string, features?: Record<string, boolean> | string[], script?: string, language?: string, direction?: 'ltr' | 'rtl'): GlyphRun;
  }
  export function create(data: Uint8Array): Font;
  export function openSync(path: string): Font;
}
