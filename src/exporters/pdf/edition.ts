// The edition as one PDF (issue 22): a front page, the contents with each article's page, then the articles,
// each from a new page as the article PDF sets it, under running heads of its section and the day; tagged,
// with an outline of section › article › heading. The same edition and config always give the same bytes.
//
// The page numbers are the document's own: the contents' length depends only on the titles, so it is laid
// out (not drawn) first and its pages added blank; the articles follow, each noting the page it starts on;
// then the front page and the contents are drawn on their buffered pages, links and all. One pass.
import PDFDocument from 'pdfkit';
import type { Article } from '../../model/article.js';
import { codePointLabel, type Diagnostic } from '../../model/diagnostic.js';
import { editionFilePath } from '../../model/layout.js';
import type { EditionExporter } from '../../model/output.js';
import { siteMessages } from '../../messages/site.js';
import { collectOutput, fastStreams, pointOutlineAt, settlePage } from '../../patches/pdfkit.js';
import { languageDirection } from '../../typeset/direction.js';
import { Canvas } from './canvas.js';
import { planContents } from './contents.js';
import { frontGeometry } from './edition-style.js';
import { Flow } from './flow.js';
import { articleBlocks, bookmark, imageOpener, type ArticleOutline } from './layout.js';
import { drawMasthead } from './masthead.js';
import { editionDocumentOptions, installEditionXmp } from './metadata.js';
import { PageText, type Owner } from './page-text.js';
import { drawFurniture, type PageRun } from './running.js';
import { StructureTree } from './structure.js';
import { geometry, MEASURE } from './style.js';

export const exportEditionPdf: EditionExporter = (edition, ctx) => {
  const { config } = ctx;
  const pictures = ctx.pictures ?? {};
  const page = geometry(config.pageSize);
  const front = frontGeometry(page);
  const words = siteMessages(config);
  const doc = new PDFDocument(editionDocumentOptions(edition, config.title, page));
  installEditionXmp(doc, edition, config.title);
  fastStreams(doc);
  const output = collectOutput(doc);

  // One surface per article, sharing the document's faces, so each article's missing glyphs are its own.
  const base = new Canvas(doc, edition.language);
  const own = new Map<Article, Canvas>();
  const canvasOf = (article: Article): Canvas => {
    let canvas = own.get(article);
    if (canvas === undefined) own.set(article, (canvas = base.forLanguage(article.language)));
    return canvas;
  };
  const byLanguage = new Map<string, Canvas>([[edition.language, base]]);
  const canvasFor = (owner: Owner): Canvas => {
    if (typeof owner !== 'string') return canvasOf(owner as Article);
    const language = owner;
    let canvas = byLanguage.get(language);
    if (canvas === undefined) byLanguage.set(language, (canvas = base.forLanguage(language)));
    return canvas;
  };
  const tree = new StructureTree(doc, 'Document');
  const text = new PageText(canvasFor, languageDirection(edition.language) === 'rtl', tree);
  const open = imageOpener(doc);
  // Made now so that they come first in the tag tree, filled once the articles' pages are known.
  const frontElement = tree.element(tree.root, 'Sect');
  const contentsElement = tree.element(tree.root, 'Sect');

  pointOutlineAt(doc, doc.outline.addItem(config.title), 0);
  const contents = planContents(text, edition, words, page, front, contentsElement);
  for (let i = 0; i < contents.pages; i++) {
    settlePage(doc);
    doc.addPage();
    if (i === 0) pointOutlineAt(doc, doc.outline.addItem(words.text('edition.contents')), 0);
  }

  const starts = new Map<Article, number>();
  const runs: PageRun[] = [{ start: 1, end: 1 + contents.pages, section: null, foot: words.text('edition.contents'), owner: words.lang('edition.contents'), box: { left: front.left, width: front.width } }];
  for (const section of edition.sections) {
    const sect = tree.element(tree.root, 'Sect');
    let sectionItem: PDFKit.PDFOutline | null = null;
    for (const article of section.articles) {
      settlePage(doc);
      doc.addPage();
      const start = doc.bufferedPageRange().count - 1;
      starts.set(article, start);
      if (sectionItem === null) {
        sectionItem = doc.outline.addItem(section.name, { expanded: true });
        pointOutlineAt(doc, sectionItem, 0);
      }
      const parent = sectionItem;
      let item: PDFKit.PDFOutline | null = null;
      // Section › article › its headings.
      const outline: ArticleOutline = {
        title: (title, top) => (item = bookmark(doc, parent, title, top)),
        heading: (heading, top) => void bookmark(doc, item ?? parent, heading, top),
      };
      const canvas = canvasOf(article);
      const art = tree.element(sect, 'Art', null, undefined, article.language);
      const blocks = articleBlocks(canvas, article, page, config, pictures, { tree, root: art, outline, open });
      new Flow(canvas, page, tree).run(blocks);
      runs.push({ start, end: doc.bufferedPageRange().count, section: section.name, foot: article.title, owner: article, box: { left: page.left, width: MEASURE } });
    }
  }

  drawMasthead({ text, edition, words, site: config.title, page, front, element: frontElement, pictures, open, starts });
  contents.draw(1, starts);
  drawFurniture(text, runs, page, words, edition.label, edition.language);
  settlePage(doc);
  doc.end();
  const bytes = output();

  const diagnostics: Diagnostic[] = [];
  const report = (missing: ReadonlySet<string>, file: string): void => {
    for (const char of missing) {
      diagnostics.push({
        severity: 'warning', file, line: null, column: null, rule: 'pdf/missing-glyph',
        message: `no font has a glyph for ${codePoints(char)}; the character is left out of the PDF`, excerpt: char,
      });
    }
  };
  for (const [article, canvas] of own) report(canvas.missing, article.source.path);
  const editionFile = editionFilePath(edition.key, 'pdf');
  for (const canvas of byLanguage.values()) report(canvas.missing, editionFile);
  return { bytes, diagnostics };
};

function codePoints(char: string): string {
  return [...char].map((c) => codePointLabel(c.codePointAt(0)!)).join(' ');
}
