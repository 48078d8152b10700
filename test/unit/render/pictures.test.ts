// Pictures made ready to publish (issue 21, seed format rules 12 and 14): upright, sRGB, never upscaled, from
// one decode, with nothing of the camera in any rendition, and a clear error for what cannot be published.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePicture, PictureError, probePicture } from '../../../src/render/pictures.js';
import { renditionPath } from '../../../src/model/picture.js';
import { pngClaiming } from '../../support/png.js';
import type { RenditionType } from '../../../src/model/picture.js';

interface RenditionSpec { width: number; type: RenditionType }

/** Probe, plan `specs` (each no wider than the source) and encode them: what the build does for one picture. */
async function preparePicture(source: Uint8Array, specs: readonly RenditionSpec[]) {
  const facts = await probePicture(source);
  const plan = specs.map((s) => {
    const width = Math.min(s.width, facts.width);
    return { src: renditionPath(facts.sha256, width, s.type), width, height: Math.round((facts.height * width) / facts.width), type: s.type };
  });
  const made = await encodePicture(source, plan);
  return { ...facts, hasAlpha: facts.graphic, renditions: made.map((m, i) => ({ ...plan[i]!, name: m.src, bytes: m.bytes })) };
}

const sharp = createRequire(import.meta.url)('sharp') as typeof Sharp;
// NASA's launch photo with GPS, a camera make, model and serial number, and EXIF orientation 6.
const LAUNCH = readFileSync('../shared/samples/pictures/img/launch.jpg');
const WEB: RenditionSpec[] = [
  { width: 240, type: 'image/webp' }, { width: 240, type: 'image/jpeg' },
  { width: 1600, type: 'image/webp' }, { width: 1600, type: 'image/jpeg' }, { width: 300, type: 'image/png' },
];

async function refused(source: Uint8Array): Promise<string> {
  try {
    await preparePicture(source, WEB);
  } catch (e) {
    expect(e).toBeInstanceOf(PictureError);
    return (e as Error).message;
  }
  throw new Error('expected a PictureError');
}

describe('preparePicture', () => {
  it('turns the photo upright, never upscales, and carries nothing of the camera into any rendition', async () => {
    const source = await sharp(LAUNCH).metadata();
    expect([source.width, source.height, source.orientation, source.exif !== undefined]).toEqual([640, 427, 6, true]);
    const picture = await preparePicture(LAUNCH, WEB);
    expect([picture.width, picture.height, picture.hasAlpha]).toEqual([427, 640, false]);
    expect(picture.renditions.map((r) => [r.width, r.height, r.type])).toEqual([
      [240, 360, 'image/webp'], [240, 360, 'image/jpeg'], [427, 640, 'image/webp'], [427, 640, 'image/jpeg'], [300, 450, 'image/png'],
    ]);
    for (const r of picture.renditions) {
      const meta = await sharp(r.bytes).metadata();
      expect([meta.exif, meta.xmp, meta.iptc, meta.icc, meta.orientation], r.name).toEqual([undefined, undefined, undefined, undefined, undefined]);
      expect(meta.height! > meta.width!, `${r.name} is portrait`).toBe(true);
      for (const secret of ['SAMPLE-SERIAL-0001', 'Exif', 'GPS']) expect(Buffer.from(r.bytes).includes(secret), `${r.name}: ${secret}`).toBe(false);
    }
  });

  it('names the files by the source and the size, and gives the same bytes every time', async () => {
    const a = await preparePicture(LAUNCH, WEB);
    const b = await preparePicture(new Uint8Array(LAUNCH), WEB);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.renditions.map((r) => r.name)).toEqual([
      `images/${a.sha256.slice(0, 20)}-240.webp`, `images/${a.sha256.slice(0, 20)}-240.jpg`, `images/${a.sha256.slice(0, 20)}-427.webp`,
      `images/${a.sha256.slice(0, 20)}-427.jpg`, `images/${a.sha256.slice(0, 20)}-300.png`,
    ]);
    expect(b.renditions.map((r) => Buffer.from(r.bytes).toString('base64'))).toEqual(a.renditions.map((r) => Buffer.from(r.bytes).toString('base64')));
  });

  it('turns CMYK into sRGB, keeps the alpha in WebP and flattens it on white into the PNG and JPEG fallbacks', async () => {
    const cmyk = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c03020' } }).toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const fromCmyk = await preparePicture(cmyk, [{ width: 64, type: 'image/jpeg' }]);
    const meta = await sharp(fromCmyk.renditions[0]!.bytes).metadata();
    expect([meta.space, meta.channels]).toEqual(['srgb', 3]);

    const alpha = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } }).png().toBuffer();
    const picture = await preparePicture(alpha, [{ width: 40, type: 'image/webp' }, { width: 40, type: 'image/png' }, { width: 40, type: 'image/jpeg' }]);
    expect(picture.hasAlpha).toBe(true);
    expect((await sharp(picture.renditions[0]!.bytes).metadata()).hasAlpha).toBe(true);
    // PDF and EPUB embed the fallback: pdfkit would split a PNG's alpha asynchronously, after the document ends.
    for (const flat of picture.renditions.slice(1)) {
      expect((await sharp(flat.bytes).metadata()).hasAlpha).toBe(false);
      const { data } = await sharp(flat.bytes).raw().toBuffer({ resolveWithObject: true });
      // Half-transparent blue on white.
      [128, 128, 255].forEach((want, i) => expect(Math.abs(data[i]! - want)).toBeLessThanOrEqual(3));
    }
  });

  it('refuses a pixel bomb from its header, before decoding it', async () => {
    const bomb = pngClaiming(20_000, 20_000);
    expect(bomb.length).toBeLessThan(40_000);
    expect(await refused(bomb)).toMatch(/^(20000 x 20000 pixels; a picture may have 100 million at most|not a picture that can be read \(Input image exceeds pixel limit\))$/);
  });

  it('refuses SVG, a file that is no picture, a truncated photo and a file over 50 MiB, each saying why', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(await refused(svg)).toBe('a SVG file: a picture must be JPEG, PNG, WebP, AVIF, GIF or TIFF');
    expect(await refused(Buffer.from('just some text, named photo.jpg'))).toMatch(/^not a picture that can be read \(/);
    expect(await refused(LAUNCH.subarray(0, 20_000))).toMatch(/^it does not decode \(/);
    expect(await refused(new Uint8Array(50 * 1024 * 1024 + 1))).toBe('the file is 50.0 MiB; a picture may be 50 MiB at most');
  });
});
