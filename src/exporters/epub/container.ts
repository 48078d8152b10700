// What every EPUB Galley makes shares around its documents: the cover image, and the order of the files
// epub-gen-memory lays out in the zip.
import { xmlSafe } from '../../markup/xml.js';
import type { ArticleContext } from '../../model/output.js';
import { coverCrop, type Picture } from '../../model/picture.js';
import { COVER_HEIGHT, COVER_WIDTH, renderCover } from './cover.js';
import { FILES } from './documents.js';
import { photoCoverPixels } from './photo-cover.js';
import type { ZipEntry } from './zip.js';

/** A cover image, by its name in OEBPS/ and its type; the code points no cover font has. */
export interface CoverImage {
  bytes: Uint8Array<ArrayBuffer>;
  name: string;
  type: string;
  missing: number[];
}

/**
 * The cover: with a lead picture (given its crop and a Raster), the photo above the headline as a JPEG; else
 * the headline alone as an indexed PNG. Either way in the headline's script, as the PDF sets it; the site's
 * line (its title) in the site's. `paletteKey` picks the colours, the same on every build.
 */
export async function coverImage(headline: string, language: string, paletteKey: string, picture: Picture | undefined,
  ctx: Pick<ArticleContext, 'config' | 'pictures' | 'raster'>, siteLine: string = ctx.config.title): Promise<CoverImage> {
  const title = xmlSafe(headline);
  const site = xmlSafe(siteLine);
  const photo = picture === undefined ? undefined : ctx.pictures?.[coverCrop(picture).src];
  if (photo !== undefined && ctx.raster !== undefined) {
    const { data } = await ctx.raster.decode(photo);
    const { rgb, missing } = photoCoverPixels(title, site, paletteKey, language, ctx.config.language, data);
    return { bytes: new Uint8Array(await ctx.raster.jpeg(rgb, COVER_WIDTH, COVER_HEIGHT)), name: FILES.photoCover, type: 'image/jpeg', missing };
  }
  const { png, missing } = renderCover(title, site, paletteKey, language, ctx.config.language);
  return { bytes: png, name: FILES.cover, type: 'image/png', missing };
}

// Zip order: the mimetype first (OCF), then the files a reader opens first. Anything else is an error, so a
// new epub-gen-memory version cannot slip a file in unnoticed.
const ORDER = (cover: string, chapter: string): readonly { path: string; deflate: boolean }[] => [
  { path: 'mimetype', deflate: false },
  { path: 'META-INF/container.xml', deflate: true },
  { path: `OEBPS/${FILES.opf}`, deflate: true },
  { path: `OEBPS/${FILES.nav}`, deflate: true },
  { path: `OEBPS/${FILES.ncx}`, deflate: true },
  { path: `OEBPS/${chapter}`, deflate: true },
  { path: `OEBPS/${FILES.css}`, deflate: true },
  { path: `OEBPS/${cover}`, deflate: false },
];

/** epub-gen-memory's files in zip order (`chapter`: the one document it was given), none missing, none more. */
export function orderEntries(files: ReadonlyMap<string, Uint8Array>, cover: string, chapter: string = FILES.chapter): ZipEntry[] {
  const order = ORDER(cover, chapter);
  const unexpected = [...files.keys()].filter((path) => !order.some((o) => o.path === path));
  if (unexpected.length > 0) throw new Error(`epub: unexpected file(s) from epub-gen-memory: ${unexpected.join(', ')}`);
  return order.map(({ path, deflate }) => {
    const data = files.get(path);
    if (data === undefined) throw new Error(`epub: epub-gen-memory wrote no ${path}`);
    return { name: path, data, deflate };
  });
}
