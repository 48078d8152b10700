// Convert an Article to a print-ready, tagged PDF (PDF/UA identifier, outline, embedded subset fonts).
import PDFDocument from 'pdfkit';
import { codePointLabel } from '../model/diagnostic.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { Canvas } from './pdf/canvas.js';
import { layoutArticle } from './pdf/layout.js';
import { documentOptions, installXmp } from './pdf/metadata.js';
import { collectOutput, fastStreams } from '../patches/pdfkit.js';
import { geometry } from './pdf/style.js';
import type { ArticleExporter } from '../model/output.js';

/** The article as PDF bytes: the same article and config always give the same bytes. */
export const exportPdf: ArticleExporter = (article, ctx) => {
  const page = geometry(ctx.config.pageSize);
  const doc = new PDFDocument(documentOptions(article, page));
  installXmp(doc, article);
  fastStreams(doc);
  const output = collectOutput(doc);
  const canvas = new Canvas(doc, article.language);
  layoutArticle(canvas, article, page, ctx.config, ctx.pictures);
  doc.end();
  // pdfkit writes synchronously, so everything is written once end() returns.
  const bytes = output();
  const diagnostics: Diagnostic[] = [...canvas.missing].map((char) => ({
    severity: 'warning',
    file: article.source.path,
    line: null,
    column: null,
    rule: 'pdf/missing-glyph',
    message: `no font has a glyph for ${codePoints(char)}; the character is left out of the PDF`,
    excerpt: char,
  }));
  return { bytes, diagnostics };
};

function codePoints(char: string): string {
  return [...char].map((c) => codePointLabel(c.codePointAt(0)!)).join(' ');
}
