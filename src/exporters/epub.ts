// Convert an Article to an EPUB 3 file (with NCX) that EPUBCheck passes, byte-identical on every build.
import { EPub } from 'epub-gen-memory';
import { xmlSafe } from './shared/xml.js';
import { renderCover } from './epub/cover.js';
import { coverDiagnostics, invalidCharacterDiagnostics } from './epub/diagnostics.js';
import { chapterDocument, FILES, modifiedDate, navDocument, ncxDocument, packageDocument } from './epub/documents.js';
import { stylesheet } from './epub/stylesheet.js';
import { zipEntries, type ZipEntry } from './epub/zip.js';
import type { ArticleRender } from './types.js';

/**
 * The EPUB for one article. epub-gen-memory assembles the container (mimetype, container.xml, cover,
 * templates); the documents are ours, and the files are re-zipped in a fixed order with fixed times.
 */
export const exportEpub: ArticleRender = async (article, ctx) => {
  const cover = renderCover(xmlSafe(article.title), xmlSafe(ctx.config.title), article.id, article.language, ctx.config.language);
  const book = new FileCollectingEPub({
    title: article.title,
    author: [...article.authors],
    publisher: ctx.config.title,
    // Never empty: an empty dc:description fails EPUBCheck (the stock template writes it unconditionally).
    description: article.summary,
    lang: article.language,
    date: article.published,
    version: 3,
    verbose: false,
    css: stylesheet(article.language),
    // A bare Buffer is refused; a File is read in memory, where a URL would be fetched.
    cover: new File([cover.png], FILES.cover, { type: 'image/png' }),
    // The stock templates stamp the clock and Math.random, hard-code xml:lang="en" and carry no
    // accessibility metadata. Ours are finished documents, passed as templates with no EJS tags.
    contentOPF: literalTemplate(packageDocument(article, ctx.config)),
    tocNCX: literalTemplate(ncxDocument(article, ctx.config)),
    tocXHTML: literalTemplate(navDocument(article, ctx.config)),
    chapterXHTML: literalTemplate(chapterDocument(article, ctx.config)),
  }, [
    // The chapter's markup lives in its template: content given here would go through htmlparser2,
    // which rewrites every non-ASCII character as a numeric reference (8 bytes for each Cyrillic letter).
    { title: article.title, content: '', filename: FILES.chapter },
  ]);
  const files = await book.collectFiles();
  const bytes = zipEntries(orderEntries(files), new Date(modifiedDate(article)));
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

/** epub-gen-memory's EPub, stopped before it zips: its JSZip stamps the clock on every entry. */
class FileCollectingEPub extends EPub {
  async collectFiles(): Promise<Map<string, Uint8Array>> {
    await this.render();
    const files = new Map<string, Uint8Array>();
    for (const [path, file] of Object.entries(this.zip.files)) {
      if (!file.dir) files.set(path, await file.async('uint8array'));
    }
    return files;
  }
}

// EJS reads `<%` as a tag; escaped text never contains it, but a literal must stay literal.
function literalTemplate(document: string): string {
  return document.replaceAll('<%', '<%%');
}
