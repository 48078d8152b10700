// Convert an Article to an EPUB 3 file (with NCX) that EPUBCheck passes, byte-identical on every build.
import { xmlSafe } from '../markup/xml.js';
import { renderCover } from './epub/cover.js';
import { coverDiagnostics, invalidCharacterDiagnostics } from './epub/diagnostics.js';
import { chapterDocument, embeddedPictures, FILES, modifiedDate, navDocument, ncxDocument, packageDocument } from './epub/documents.js';
import { epubFiles } from '../patches/epub-gen-memory.js';
import { stylesheet } from './epub/stylesheet.js';
import { zipEntries, type ZipEntry } from './epub/zip.js';
import type { ArticleExporter } from '../model/output.js';

/**
 * The EPUB for one article. epub-gen-memory assembles the container (mimetype, container.xml, cover,
 * stylesheet) around our documents (./epub/epub-gen-memory.ts); the files are then zipped in a fixed
 * order with fixed times.
 */
export const exportEpub: ArticleExporter = async (article, ctx) => {
  const cover = renderCover(xmlSafe(article.title), xmlSafe(ctx.config.title), article.id, article.language, ctx.config.language);
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
    cover: new File([cover.png], FILES.cover, { type: 'image/png' }),
  }, {
    opf: packageDocument(article, ctx.config),
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
  const bytes = zipEntries([...orderEntries(files), ...pictures], new Date(modifiedDate(article)));
  return { bytes, diagnostics: [...invalidCharacterDiagnostics(article, ctx.config.title), ...coverDiagnostics(article, cover.missing)] };
};

// Zip order: the mimetype first (OCF), then the files a reader opens first. Anything else is an error, so a
// new epub-gen-memory version cannot slip a file in unnoticed.
const ORDER: readonly { path: string; deflate: boolean }[] = [
  { path: 'mimetype', deflate: false },
  { path: 'META-INF/container.xml', deflate: true },
  { path: `OEBPS/${FILES.opf}`, deflate: true },
  { path: `OEBPS/${FILES.nav}`, deflate: true },
  { path: `OEBPS/${FILES.ncx}`, deflate: true },
  { path: `OEBPS/${FILES.chapter}`, deflate: true },
  { path: `OEBPS/${FILES.css}`, deflate: true },
  { path: `OEBPS/${FILES.cover}`, deflate: false },
];

function orderEntries(files: ReadonlyMap<string, Uint8Array>): ZipEntry[] {
  const unexpected = [...files.keys()].filter((path) => !ORDER.some((o) => o.path === path));
  if (unexpected.length > 0) throw new Error(`epub: unexpected file(s) from epub-gen-memory: ${unexpected.join(', ')}`);
  return ORDER.map(({ path, deflate }) => {
    const data = files.get(path);
    if (data === undefined) throw new Error(`epub: epub-gen-memory wrote no ${path}`);
    return { name: path, data, deflate };
  });
}
