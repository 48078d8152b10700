// The edition as one EPUB (issue 22): a masthead cover (./edition-cover.ts), a contents page, a page per section,
// each article a document of its own (the article EPUB's), the nav and NCX nested section › article, the series'
// number.
import { articlePictures } from '../../model/article.js';
import { editionArticles } from '../../model/edition.js';
import type { Rendition } from '../../model/picture.js';
import { fallbackRendition } from '../../model/picture.js';
import type { EditionExporter } from '../../model/output.js';
import { epubFiles } from '../../patches/epub-gen-memory.js';
import { orderEntries } from './container.js';
import { invalidCharacterDiagnostics } from './diagnostics.js';
import { chapterDocument } from './documents.js';
import { editionCover } from './edition-cover.js';
import { contentsDocument, EDITION_FILES, editionNav, editionNcx, editionPackage, planEdition, sectionDocument } from './edition-documents.js';
import { editionStylesheet, stylesheet } from './stylesheet.js';
import { zipEntries, type ZipEntry } from './zip.js';

export const exportEditionEpub: EditionExporter = async (edition, ctx) => {
  const { config } = ctx;
  const plan = planEdition(edition);
  const articles = editionArticles(edition);
  const { cover, diagnostics: coverDiagnostics } = await editionCover(edition, ctx);
  const pictures = uniquePictures(articles.flatMap((a) => articlePictures(a).map(fallbackRendition)));
  const languages = [...new Set(articles.map((a) => a.language))];
  const files = await epubFiles({
    title: edition.title,
    author: [config.title],
    publisher: config.title,
    description: edition.label,
    lang: edition.language,
    date: edition.start,
    version: 3,
    verbose: false,
    css: editionStylesheet(edition.language, languages),
    cover: new File([cover.bytes], cover.name, { type: cover.type }),
  }, {
    opf: editionPackage(edition, plan, config, cover, pictures, languages),
    ncx: editionNcx(edition, plan, config),
    nav: editionNav(edition, plan, config),
    chapter: { fileName: EDITION_FILES.contents, title: edition.title, xhtml: contentsDocument(edition, plan, config) },
  });
  const encode = (text: string) => new TextEncoder().encode(text);
  const own: ZipEntry[] = [
    ...plan.sections.flatMap((s) => [
      { name: `OEBPS/${s.file}`, data: encode(sectionDocument(edition, s)), deflate: true },
      ...s.articles.map(({ article, file }) => ({ name: `OEBPS/${file}`, data: encode(chapterDocument(article, config, EDITION_FILES.css(article.language))), deflate: true })),
    ]),
    // Each language's articles get their script's font fallbacks, and the picture rules where any has one.
    ...languages.map((l) => ({ name: `OEBPS/${EDITION_FILES.css(l)}`, data: encode(stylesheet(l, pictures.length > 0)), deflate: true })),
    ...pictures.map((r) => {
      const data = ctx.pictures?.[r.src];
      if (data === undefined) throw new Error(`epub: the picture ${r.src} was not given (EditionContext.pictures)`);
      return { name: `OEBPS/${r.src}`, data, deflate: false };
    }),
  ];
  const bytes = zipEntries([...orderEntries(files, cover.name, EDITION_FILES.contents), ...own], new Date(edition.modified));
  const diagnostics = [
    ...articles.flatMap((a) => invalidCharacterDiagnostics(a, config.title)),
    ...coverDiagnostics,
  ];
  return { bytes, diagnostics };
};

/** Each rendition once, in order of first use: a picture two articles show is stored once. */
function uniquePictures(renditions: readonly Rendition[]): Rendition[] {
  const seen = new Map<string, Rendition>();
  for (const r of renditions) if (!seen.has(r.src)) seen.set(r.src, r);
  return [...seen.values()];
}
