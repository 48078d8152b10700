// Convert an Article to an EPUB 3 file (with NCX) that EPUBCheck passes, byte-identical on every build.
import { xmlSafe } from '../markup/xml.js';
import { COVER_HEIGHT, COVER_WIDTH, renderCover } from './epub/cover.js';
import { photoCoverPixels } from './epub/photo-cover.js';
import { coverCrop } from '../model/picture.js';
import type { Article } from '../model/article.js';
import { coverDiagnostics, invalidCharacterDiagnostics } from './epub/diagnostics.js';
import { chapterDocument, embeddedPictures, FILES, modifiedDate, navDocument, ncxDocument, packageDocument } from './epub/documents.js';
import { epubFiles } from '../patches/epub-gen-memory.js';
import { stylesheet } from './epub/stylesheet.js';
import { zipEntries, type ZipEntry } from './epub/zip.js';
import type { ArticleContext, ArticleExporter } from '../model/output.js';

/**
 * The EPUB for one article. epub-gen-memory assembles the container (mimetype, container.xml, cover,
 * stylesheet) around our documents (./epub/epub-gen-memory.ts); the files are then zipped in a fixed
 * order with fixed times.
 */
export const exportEpub: ArticleExporter = async (article, ctx) => {
  const cover = await coverImage(article, ctx);
  const files = await epubFiles({
    title: article.title,
    author: [...article.authors],
    publisher: ctx.config.title,
    // Never empty: an empty dc:description fails EPUBCheck (the stock template writes it unconditionally).
    description: article.summary,
    lang: article.language,
    date: article.published,
    version: 3,
    verbose: false,
    css: stylesheet(article.language, article.image !== undefined),
    // A bare Buffer is refused; a File is read in memory, where a URL would be fetched.
    cover: new File([cover.bytes], cover.name, { type: cover.type }),
  }, {
    opf: packageDocument(article, ctx.config, cover),
    ncx: ncxDocument(article, ctx.config),
    nav: navDocument(article, ctx.config),
    chapter: { fileName: FILES.chapter, title: article.title, xhtml: chapterDocument(article, ctx.config) },
  });
  const pictures = embeddedPictures(article).map((r) => {
    const data = ctx.pictures?.[r.src];
    if (data === undefined) throw new Error(`epub: the picture ${r.src} was not given (ArticleContext.pictures)`);
    // Stored, not deflated: JPEG and PNG are compressed already.
    return { name: `OEBPS/${r.src}`, data, deflate: false };
  });
  const bytes = zipEntries([...orderEntries(files, cover.name), ...pictures], new Date(modifiedDate(article)));
  return { bytes, diagnostics: [...invalidCharacterDiagnostics(article, ctx.config.title), ...coverDiagnostics(article, cover.missing)] };
};

// Zip order: the mimetype first (OCF), then the files a reader opens first. Anything else is an error, so a
// new epub-gen-memory version cannot slip a file in unnoticed.
const ORDER = (cover: string): readonly { path: string; deflate: boolean }[] => [
  { path: 'mimetype', deflate: false },
  { path: 'META-INF/container.xml', deflate: true },
  { path: `OEBPS/${FILES.opf}`, deflate: true },
  { path: `OEBPS/${FILES.nav}`, deflate: true },
  { path: `OEBPS/${FILES.ncx}`, deflate: true },
  { path: `OEBPS/${FILES.chapter}`, deflate: true },
  { path: `OEBPS/${FILES.css}`, deflate: true },
  { path: `OEBPS/${cover}`, deflate: false },
];

/**
 * The cover: with a lead picture (given its crop and a Raster), the photo above the headline as a JPEG; else
 * the headline alone as an indexed PNG. Either way in the article's script, as the PDF sets it.
 */
async function coverImage(article: Article, ctx: ArticleContext): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string; type: string; missing: number[] }> {
  const title = xmlSafe(article.title);
  const site = xmlSafe(ctx.config.title);
  const photo = article.image === undefined ? undefined : ctx.pictures?.[coverCrop(article.image).src];
  if (photo !== undefined && ctx.raster !== undefined) {
    const { data } = await ctx.raster.decode(photo);
    const { rgb, missing } = photoCoverPixels(title, site, article.id, article.language, ctx.config.language, data);
    return { bytes: new Uint8Array(await ctx.raster.jpeg(rgb, COVER_WIDTH, COVER_HEIGHT)), name: FILES.photoCover, type: 'image/jpeg', missing };
  }
  const { png, missing } = renderCover(title, site, article.id, article.language, ctx.config.language);
  return { bytes: png, name: FILES.cover, type: 'image/png', missing };
}

function orderEntries(files: ReadonlyMap<string, Uint8Array>, cover: string): ZipEntry[] {
  const order = ORDER(cover);
  const unexpected = [...files.keys()].filter((path) => !order.some((o) => o.path === path));
  if (unexpected.length > 0) throw new Error(`epub: unexpected file(s) from epub-gen-memory: ${unexpected.join(', ')}`);
  return order.map(({ path, deflate }) => {
    const data = files.get(path);
    if (data === undefined) throw new Error(`epub: epub-gen-memory wrote no ${path}`);
    return { name: path, data, deflate };
  });
}
