// epub-gen-memory, used the one way Galley uses it: every reliance on its internals lives in this module.
// Pinned to epub-gen-memory 1.1.2 in package.json; test/unit/patches/epub-gen-memory.test.ts fails when a patch stops
// being needed or stops applying.
import { EPub, type Options } from 'epub-gen-memory';

/** The options epub-gen-memory takes, minus the templates and chapters, which {@link epubFiles} fills in. */
export type EpubOptions = Omit<Options, 'contentOPF' | 'tocNCX' | 'tocXHTML' | 'chapterXHTML'>;

/** Finished documents for the container: the package, the NCX, the nav and the one chapter. */
export interface EpubDocuments {
  opf: string;
  ncx: string;
  nav: string;
  chapter: { fileName: string; title: string; xhtml: string };
}

/**
 * The container's files as epub-gen-memory lays them out (path to bytes, folders left out), assembled from
 * our finished documents, before anything is zipped. Three things of the package are worked around:
 * 1. Its JSZip stamps the clock on every entry, and offers no date to set when the zip is generated
 *    (https://github.com/Stuk/jszip/issues/609). The book is stopped after `render()`, the files read from
 *    its protected `zip` (JSZip's `files` and `async`), and zipped again by ./zip.ts.
 * 2. Its stock templates stamp the clock (`dcterms:modified`, the copyright year) and `Math.random` (the
 *    identifier), hard-code xml:lang="en" and carry no accessibility metadata. Ours go in as templates,
 *    which it renders with EJS: each is escaped so that EJS gives it back unchanged.
 * 3. Chapter content goes through htmlparser2, which rewrites every non-ASCII character as a numeric
 *    reference, several times its size in UTF-8. The chapter's markup goes in as its template instead,
 *    with empty content.
 */
export async function epubFiles(options: EpubOptions, documents: EpubDocuments): Promise<Map<string, Uint8Array>> {
  const book = new FileCollectingEPub({
    ...options,
    contentOPF: literalTemplate(documents.opf),
    tocNCX: literalTemplate(documents.ncx),
    tocXHTML: literalTemplate(documents.nav),
    chapterXHTML: literalTemplate(documents.chapter.xhtml),
  }, [{ title: documents.chapter.title, content: '', filename: documents.chapter.fileName }]);
  return book.collectFiles();
}

/** epub-gen-memory's EPub, stopped before it zips. */
class FileCollectingEPub extends EPub {
  async collectFiles(): Promise<Map<string, Uint8Array>> {
    await this.render();
    const zip = this.zip as Partial<typeof this.zip> | undefined;
    if (zip?.files === undefined) throw new Error('epub: epub-gen-memory keeps no JSZip in `zip`; cannot read its files');
    const files = new Map<string, Uint8Array>();
    for (const [path, file] of Object.entries(zip.files)) {
      if (!file.dir) files.set(path, await file.async('uint8array'));
    }
    return files;
  }
}

/** A document EJS renders as itself: `<%` is EJS's tag, and `<%%` its escape for a literal `<%`. */
export function literalTemplate(document: string): string {
  return document.replaceAll('<%', '<%%');
}
