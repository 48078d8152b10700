// A picture made ready to publish (issue 21): its source checked and decoded once, turned upright and into
// sRGB, and every rendition the formats ask for encoded from that one decode, with nothing of the camera
// (EXIF, GPS, serial, XMP, IPTC, comments, thumbnails) carried over. Runs in a render thread; no file I/O.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type Sharp from 'sharp';

/** The largest source file a seed may name (seed format rule 12). */
export const MAX_PICTURE_BYTES = 50 * 1024 * 1024;
/** The most pixels a source may have, checked from its header before it is decoded (rule 12). */
export const MAX_PICTURE_PIXELS = 100_000_000;

/** The source formats a seed may name, by content (rule 12), as libvips names them. */
const ACCEPTED: Readonly<Record<string, string>> = {
  jpeg: 'JPEG', png: 'PNG', webp: 'WebP', heif: 'AVIF', gif: 'GIF', tiff: 'TIFF',
};

/** One file a format needs: a width (never more than the source's) in one encoding. */
export interface RenditionSpec {
  width: number;
  type: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/avif';
}

export interface Rendition {
  /** Its path under out/: named by the source's content and the spec, so one source is one set of files. */
  name: string;
  width: number;
  height: number;
  type: RenditionSpec['type'];
  bytes: Uint8Array;
}

export interface PreparedPicture {
  /** SHA-256 of the source file. */
  sha256: string;
  /** The picture upright (the orientation tag applied), in pixels. */
  width: number;
  height: number;
  hasAlpha: boolean;
  renditions: Rendition[];
}

/** A picture that cannot be published: its reason, for the error that names the seed, its line and the path. */
export class PictureError extends Error {
  override name = 'PictureError';
}

type Pipeline = ReturnType<typeof Sharp>;

const EXTENSIONS: Readonly<Record<RenditionSpec['type'], string>> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif',
};

let sharpModule: typeof Sharp | null = null;
// Loaded on first use, as the state's SQLite is: a native addon, which the startup snapshot cannot hold.
// One libvips thread and a small cache per render thread: the pool gives the parallelism, and memory stays
// flat however many pictures a build makes.
function sharp(): typeof Sharp {
  if (sharpModule === null) {
    sharpModule = createRequire(import.meta.url)('sharp') as typeof Sharp;
    sharpModule.concurrency(1);
    sharpModule.cache({ memory: 32, files: 0, items: 16 });
  }
  return sharpModule;
}

/**
 * Check `source` (rule 12: a format by content, at most 50 MiB and 100 million pixels, decodable) and make
 * each of `specs` from one decode. Throws a PictureError saying why a source cannot be published.
 */
export async function preparePicture(source: Uint8Array, specs: readonly RenditionSpec[]): Promise<PreparedPicture> {
  if (source.byteLength > MAX_PICTURE_BYTES) {
    throw new PictureError(`the file is ${(source.byteLength / 2 ** 20).toFixed(1)} MiB; a picture may be 50 MiB at most`);
  }
  const sha256 = createHash('sha256').update(source).digest('hex');
  const input = () => sharp()(source, { limitInputPixels: MAX_PICTURE_PIXELS, pages: 1, failOn: 'error' });
  const meta = await input().metadata().catch((e: unknown) => {
    throw new PictureError(`not a picture that can be read (${reason(e)})`);
  });
  const format = meta.format === 'heif' && meta.compression !== 'av1' ? 'heic' : meta.format;
  if (format === undefined || !(format in ACCEPTED)) {
    throw new PictureError(`a ${format === undefined ? 'file of unknown type' : `${format.toUpperCase()} file`}: a picture must be JPEG, PNG, WebP, AVIF, GIF or TIFF`);
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PICTURE_PIXELS) {
    throw new PictureError(`${meta.width} x ${meta.height} pixels; a picture may have 100 million at most`);
  }
  // The one decode: upright, sRGB, 8 bits, at the largest size any rendition needs (a JPEG shrinks on load).
  const upright = (meta.orientation ?? 1) >= 5 ? { width: meta.height!, height: meta.width! } : { width: meta.width!, height: meta.height! };
  const widest = Math.min(upright.width, Math.max(...specs.map((s) => s.width)));
  const decoded = await input().autoOrient().resize({ width: widest, withoutEnlargement: true }).toColourspace('srgb')
    .raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
    .catch((e: unknown) => {
      throw new PictureError(`the picture does not decode (${reason(e)})`);
    });
  const { width, height, channels } = decoded.info;
  const renditions: Rendition[] = [];
  for (const spec of specs) {
    const w = Math.min(spec.width, width);
    let pipeline = sharp()(decoded.data, { raw: { width, height, channels } });
    if (w < width) pipeline = pipeline.resize({ width: w });
    const { data, info } = await encode(pipeline, spec.type).toBuffer({ resolveWithObject: true });
    renditions.push({ name: `images/${sha256.slice(0, 20)}-${w}.${EXTENSIONS[spec.type]}`, width: info.width, height: info.height, type: spec.type, bytes: data });
  }
  return { sha256, width: upright.width, height: upright.height, hasAlpha: channels === 4, renditions };
}

// Fixed settings, so the same source and specs give the same bytes on every machine; no metadata is kept
// (sharp writes none unless asked), and a JPEG has no alpha to flatten.
function encode(pipeline: Pipeline, type: RenditionSpec['type']): Pipeline {
  switch (type) {
    case 'image/jpeg':
      return pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true, chromaSubsampling: '4:2:0' });
    case 'image/png':
      return pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
    case 'image/webp':
      return pipeline.webp({ quality: 80, effort: 4 });
    case 'image/avif':
      return pipeline.avif({ quality: 55, effort: 4 });
  }
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
