// The EPUB cover of an article with a lead picture: the picture's crop across the top, the site title and the
// headline under it, set as the text cover sets them (any script), on the same palette.
import { COVER_PHOTO } from '../../model/picture.js';
import { COVER_HEIGHT, COVER_WIDTH, type CoverFrame, coverIndices, type Rgb } from './cover.js';

// The text cover's frame moved down under the photo band.
const PHOTO_FRAME: CoverFrame = {
  siteBaseline: COVER_PHOTO.height + 58, shortBarY: COVER_PHOTO.height + 82, headlineTop: COVER_PHOTO.height + 104, headlineBottom: COVER_HEIGHT - 80,
};

/**
 * The cover as RGB pixels, row after row: `photo` (COVER_PHOTO's size, RGB) above, the text below; and the
 * characters no face could draw.
 */
export function photoCoverPixels(headline: string, siteTitle: string, paletteKey: string, language: string, siteLanguage: string,
  photo: Uint8Array): { rgb: Uint8Array; missing: number[] } {
  const { indices, palette, missing } = coverIndices(headline, siteTitle, paletteKey, language, siteLanguage, PHOTO_FRAME);
  return { rgb: photoAbove(photo, COVER_PHOTO.height, indices, palette), missing };
}

/**
 * RGB pixels, row after row: the first `band` rows the middle rows of `photo` (COVER_PHOTO's size, RGB), the
 * rest the indexed image's (COVER_WIDTH × COVER_HEIGHT indices into `palette`).
 */
export function photoAbove(photo: Uint8Array, band: number, indices: Uint8Array, palette: readonly Rgb[]): Uint8Array {
  if (photo.length !== COVER_PHOTO.width * COVER_PHOTO.height * 3) throw new Error('epub: the cover photo is not the size of its band');
  if (band > COVER_PHOTO.height) throw new Error('epub: a photo band taller than the photo');
  const rgb = new Uint8Array(COVER_WIDTH * COVER_HEIGHT * 3);
  // A shorter band keeps the photo's middle, where a crop centred on the picture put its subject.
  const skip = Math.floor((COVER_PHOTO.height - band) / 2) * COVER_PHOTO.width * 3;
  rgb.set(photo.subarray(skip, skip + band * COVER_WIDTH * 3));
  // The palette flat, so each pixel is three typed-array reads: destructuring a colour per pixel took 12 ms a cover.
  const flat = new Uint8Array(palette.length * 3);
  palette.forEach((c, i) => flat.set(c, i * 3));
  for (let i = band * COVER_WIDTH, o = i * 3; i < indices.length; i++, o += 3) {
    const at = indices[i]! * 3;
    rgb[o] = flat[at]!;
    rgb[o + 1] = flat[at + 1]!;
    rgb[o + 2] = flat[at + 2]!;
  }
  return rgb;
}
