// A picture made ready to publish (issue 21): its source checked and decoded once, turned upright and into
// sRGB, and every rendition the formats ask for encoded from that one decode, with nothing of the camera
// (EXIF, GPS, serial, XMP, IPTC, comments, thumbnails) carried over. Runs in a render thread; no file I/O.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type Sharp from 'sharp';
import type { PictureFacts, PictureFile, RenditionType } from '../model/picture.js';
import type { Raster } from '../model/output.js';

/** The largest source file a seed may name (seed format rule 12). */
export const MAX_PICTURE_BYTES = 50 * 1024 * 1024;
/** The most pixels a source may have, checked from its header before it is decoded (rule 12). */
export const MAX_PICTURE_PIXELS = 100_000_000;

/** The source formats a seed may name, by content (rule 12), as libvips names them (AVIF is a HEIF format). */
const ACCEPTED: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'heif', 'gif', 'tiff']);

/** A source that passed rule 12's checks: its facts for the model, and how libvips reads it. */
export interface ProbedPicture extends PictureFacts {
  /** The source's format by content, as libvips names it. */
  format: string;
}

/** A picture that cannot be published: its reason, for the error that names the seed, its line and the path. */
export class PictureError extends Error {
  override name = 'PictureError';
}

type Pipeline = ReturnType<typeof Sharp>;

let sharpModule: typeof Sharp | null = null;
// Loaded on first use, as the state's SQLite is: a native addon, which the startup snapshot cannot hold.
// One libvips thread per render thread and no cache: the pool gives the parallelism, and memory stays flat
// however many pictures a build makes.
function sharp(): typeof Sharp {
  if (sharpModule === null) {
    sharpModule = createRequire(import.meta.url)('sharp') as typeof Sharp;
    sharpModule.concurrency(1);
    // No operation cache: every call starts from a new buffer, so nothing cached is ever reused.
    sharpModule.cache(false);
  }
  return sharpModule;
}

// Read top to bottom once (libvips turns to random access itself where a rotation needs it).
const input = (source: Uint8Array) => sharp()(source, { limitInputPixels: MAX_PICTURE_PIXELS, pages: 1, failOn: 'truncated', sequentialRead: true });

/**
 * Check `source` from its header (rule 12: a format by content, at most 50 MiB and 100 million pixels) and
 * say what the model needs of it, decoding nothing. Throws a PictureError saying why it cannot be published.
 */
export async function probePicture(source: Uint8Array): Promise<ProbedPicture> {
  const tooLarge = sizeError(source.byteLength);
  if (tooLarge !== null) throw tooLarge;
  const meta = await input(source).metadata().catch((e: unknown) => {
    throw new PictureError(`not a picture that can be read (${reason(e)})`);
  });
  const format = meta.format === 'heif' && meta.compression !== 'av1' ? 'heic' : meta.format;
  if (format === undefined || !ACCEPTED.has(format)) {
    throw new PictureError(`a ${format === undefined ? 'file of unknown type' : `${format.toUpperCase()} file`}: a picture must be JPEG, PNG, WebP, AVIF, GIF or TIFF`);
  }
  if (!meta.width || !meta.height || meta.width * meta.height > MAX_PICTURE_PIXELS) {
    throw new PictureError(`${meta.width} x ${meta.height} pixels; a picture may have 100 million at most`);
  }
  const upright = (meta.orientation ?? 1) >= 5 ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  const sha256 = createHash('sha256').update(source).digest('hex');
  return { sha256, ...upright, graphic: format === 'png' || format === 'gif' || meta.hasAlpha === true, format };
}

/** The error for a source of `bytes` bytes, over 50 MiB; null for one that is not. */
export function sizeError(bytes: number): PictureError | null {
  return bytes > MAX_PICTURE_BYTES ? new PictureError(`the file is ${(bytes / 2 ** 20).toFixed(1)} MiB; a picture may be 50 MiB at most`) : null;
}

/** The Raster exporters are given (ArticleContext.raster): sharp, with the same fixed settings everywhere. */
export const raster: Raster = {
  async decode(bytes) {
    const { data, info } = await sharp()(bytes).toColourspace('srgb').removeAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  },
  async jpeg(rgb, width, height) {
    return sharp()(rgb, { raw: { width, height, channels: 3 } }).jpeg(COVER_JPEG).toBuffer();
  },
};

// A cover is drawn once per book and shown small: baseline, and light text on a dark band keeps its edges in
// the luma whatever the chroma subsampling.
const COVER_JPEG = { quality: 86, chromaSubsampling: '4:2:0' } as const;

/** A picture to make: its source's bytes and its plan (see encodePicture). */
export interface EncodeTask {
  source: Uint8Array;
  renditions: PictureFile[];
}

/** One rendition encoded: its path under out/ (the plan's) and its bytes. */
export interface EncodedRendition {
  src: string;
  bytes: Uint8Array;
}

/**
 * Make every one of `renditions` (planRenditions' plan for this source) from one decode: upright, sRGB, 8 bits,
 * at the largest size any of them needs (a JPEG shrinks on load), each then resized to its planned size.
 * Throws a PictureError for a source that does not decode (truncated, damaged, out of memory).
 */
export async function encodePicture(source: Uint8Array, renditions: readonly PictureFile[]): Promise<EncodedRendition[]> {
  const sized = renditions.filter((r) => r.crop !== true);
  let decode = input(source).autoOrient();
  // At the largest planned size; a crop alone (the cover's, for a picture whose renditions exist) from the whole picture.
  if (sized.length > 0) {
    const widest = sized.reduce((a, b) => (b.width > a.width ? b : a));
    decode = decode.resize({ width: widest.width, height: widest.height, fit: 'fill' });
  }
  const decoded = await decode.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
    .catch((e: unknown) => {
      throw new PictureError(`it does not decode (${reason(e)})`);
    });
  const { width, height, channels } = decoded.info;
  const out: EncodedRendition[] = [];
  for (const r of renditions) {
    let pipeline = sharp()(decoded.data, { raw: { width, height, channels } });
    if (r.crop === true) pipeline = pipeline.resize({ width: r.width, height: r.height, fit: 'cover', position: 'centre' });
    else if (r.width !== width || r.height !== height) pipeline = pipeline.resize({ width: r.width, height: r.height, fit: 'fill' });
    const data = await encode(pipeline, r.type).toBuffer().catch((e: unknown) => {
      throw new PictureError(`it could not be encoded (${reason(e)})`);
    });
    out.push({ src: r.src, bytes: data });
  }
  return out;
}

// Fixed settings, so the same source and plan give the same bytes on every machine; no metadata is kept
// (sharp writes none unless asked).
const SETTINGS = {
  // Baseline: e-readers' decoders (older Kindles, Adobe's) stumble on progressive JPEG, and it is twice as fast.
  jpeg: { quality: 82, mozjpeg: false, chromaSubsampling: '4:2:0', progressive: false, optimiseCoding: true },
  png: { compressionLevel: 9, adaptiveFiltering: true },
  // Effort 1 of 6: WebP's encoding was most of a picture's cost at 4 (libwebp's default), for files a tenth smaller.
  webp: { quality: 80, effort: 1 },
  avif: { quality: 55, effort: 4 },
} as const;

function encode(pipeline: Pipeline, type: RenditionType): Pipeline {
  switch (type) {
    case 'image/jpeg':
      return pipeline.flatten({ background: '#ffffff' }).jpeg(SETTINGS.jpeg);
    case 'image/png':
      // The fallback PNG is what PDF and EPUB embed and paper shows: flattened on white, as the JPEG is.
      // The WebP and AVIF renditions, which every current browser takes, keep the alpha.
      return pipeline.flatten({ background: '#ffffff' }).png(SETTINGS.png);
    case 'image/webp':
      return pipeline.webp(SETTINGS.webp);
    case 'image/avif':
      return pipeline.avif(SETTINGS.avif);
  }
}

/**
 * What a rendition's bytes depend on besides its source and plan: libvips' version and the encoders'
 * settings. The build state records it with each rendition made; a change makes every picture again.
 */
export function encoderKey(): string {
  const { versions } = sharp() as unknown as { versions: Record<string, string> };
  return JSON.stringify([versions, SETTINGS]);
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
