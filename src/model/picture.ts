// A picture in the model (seed format version 2): what every format shows, and the renditions made of it.
// The plan of renditions is here, below every floor that names them: the model states each one's size
// before any is encoded, and the encoder makes exactly those.
import { z } from 'zod';

/** The largest side the EPUB allows for a picture; the web's largest rendition keeps to it too. */
export const MAX_RENDITION_SIDE = 2048;
/**
 * The widths the web page offers (`srcset`), never more than the source has. The page's column is at most
 * 632 CSS px wide, so 1,280 covers a screen of two device pixels per CSS pixel; a wider file would only be
 * downloaded, never seen. And 1,280 is half a 2,560 px photo, which libjpeg decodes at half size outright.
 */
export const RENDITION_WIDTHS = [480, 960, 1280] as const;

export const RenditionType = z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/avif']);
export type RenditionType = z.infer<typeof RenditionType>;

const picturePath = /^images\/[0-9a-f]{20}-[1-9][0-9]*\.(?:jpg|png|webp|avif)$/;
// The EPUB cover's crop of a lead picture: a file of out/images/ too, but no rendition of the model's.
const coverPath = /^images\/[0-9a-f]{20}-cover\.jpg$/;

/** The photo band of an EPUB cover (600 x 900): the lead picture cropped to fill it. */
export const COVER_PHOTO = { width: 600, height: 480 } as const;

export const Rendition = z.object({
  src: z.string().regex(picturePath).describe('Relative to out/'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  type: RenditionType,
}).strict();

export const Picture = z.object({
  src: z.string().regex(picturePath).describe('Relative to out/: the picture as the web page\'s <img> loads it (JPEG, or PNG for a graphic)'),
  width: z.number().int().positive().describe('Of src, in pixels, after the orientation tag was applied'),
  height: z.number().int().positive(),
  alt: z.string().max(1000).describe('The text alternative; "" only where decorative'),
  decorative: z.boolean(),
  caption: z.string().min(1).nullable(),
  credit: z.string().min(1).nullable(),
  renditions: z.array(Rendition).min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('Of the source file: one picture used twice is one set of files'),
}).strict().refine((p) => p.decorative === (p.alt === ''), { message: 'alt is empty exactly when the picture is decorative' });

export type Rendition = z.infer<typeof Rendition>;
export type Picture = z.infer<typeof Picture>;

/** What the pipeline learns of a source file from its header, before anything is decoded. */
export interface PictureFacts {
  sha256: string;
  /** Upright: the orientation tag applied. */
  width: number;
  height: number;
  /** True for a lossless source (PNG, GIF) or one with an alpha channel: published as PNG, not JPEG. */
  graphic: boolean;
}

export interface PictureOptions {
  /** Also offer AVIF on the web page (config `pictures.avif`). */
  avif: boolean;
}

const EXTENSIONS: Readonly<Record<RenditionType, string>> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif',
};

/** out/images/<the source's hash>-<width>.<ext>: one source gives one set of names, whoever uses it. */
export function renditionPath(sha256: string, width: number, type: RenditionType): string {
  return `images/${sha256.slice(0, 20)}-${width}.${EXTENSIONS[type]}`;
}

/** True for a path renditionPath or coverCrop gives: a file of out/images/. */
export function isRenditionPath(name: string): boolean {
  return picturePath.test(name) || coverPath.test(name);
}

/** A file made from a picture: a rendition, or (`crop`) the cover's crop, filled to its size, centred. */
export type PictureFile = Rendition & { crop?: true };

/** The crop of a lead picture the EPUB cover shows above its headline, made with the picture's renditions. */
export function coverCrop(picture: Picture): PictureFile {
  return { src: `images/${picture.sha256.slice(0, 20)}-cover.jpg`, ...COVER_PHOTO, type: 'image/jpeg', crop: true };
}

/**
 * Every rendition of a source: each width the web offers up to the source's own (never upscaled, and the
 * longest side at most 2,048 px), in WebP, optionally AVIF, and JPEG (PNG for a graphic); heights rounded
 * from the upright aspect. The last is the widest fallback: the picture's `src`, and what PDF and EPUB embed.
 */
export function planRenditions(facts: PictureFacts, options: PictureOptions): Rendition[] {
  const { width, height } = facts;
  const widest = Math.max(1, Math.min(width, RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1]!, Math.floor((MAX_RENDITION_SIDE * width) / height)));
  const widths = [...new Set([...RENDITION_WIDTHS.filter((w) => w < widest), widest])];
  const fallback: RenditionType = facts.graphic ? 'image/png' : 'image/jpeg';
  const types: RenditionType[] = options.avif ? ['image/avif', 'image/webp', fallback] : ['image/webp', fallback];
  const all: Rendition[] = [];
  for (const type of types) {
    for (const w of widths) {
      all.push({ src: renditionPath(facts.sha256, w, type), width: w, height: Math.max(1, Math.round((height * w) / width)), type });
    }
  }
  return all;
}

/** The picture's fallback rendition (its `src`): the one PDF and EPUB embed. */
export function fallbackRendition(picture: Picture): Rendition {
  return picture.renditions.find((r) => r.src === picture.src)!;
}

/** The smallest rendition of the fallback type: the thumbnail of lists, catalogs and feeds. */
export function thumbnailRendition(picture: Picture): Rendition {
  const type = fallbackRendition(picture).type;
  return picture.renditions.find((r) => r.type === type)!;
}
