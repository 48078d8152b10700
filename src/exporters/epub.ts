// Convert an Article to an EPUB 3 file (with NCX) that EPUBCheck passes, byte-identical on every build.
import { coverImage, orderEntries } from './epub/container.js';
import { coverDiagnostics, invalidCharacterDiagnostics } from './epub/diagnostics.js';
import { chapterDocument, embeddedPictures, FILES, modifiedDate, navDocument, ncxDocument, packageDocument } from './epub/documents.js';
import { epubFiles } from '../patches/epub-gen-memory.js';
import { stylesheet } from './epub/stylesheet.js';
import { zipEntries } from './epub/zip.js';
import type { ArticleExporter } from '../model/output.js';

/**
 * The EPUB for one article. epub-gen-memory assembles the container (mimetype, container.xml, cover,
 * stylesheet) around our documents (./epub/epub-gen-memory.ts); the files are then zipped in a fixed
 * order with fixed times.
 */
export const exportEpub: ArticleExporter = async (article, ctx) => {
  const cover = await coverImage(article.title, article.language, article.id, article.image, ctx);
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
