// Document options, Info dictionary and XMP packet: everything a PDF says about itself, from the article only.
import type PDFDocument from 'pdfkit';
import type { Article } from '../../model/article.js';
import { isoSeconds } from '../../markup/dates.js';
import { escapeXml } from '../../markup/xml.js';
import { openFace } from '../../typeset/faces.js';
import { replaceXmpBody } from '../../patches/pdfkit.js';
import type { PageGeometry } from './style.js';

type Doc = InstanceType<typeof PDFDocument>;
type Options = ConstructorParameters<typeof PDFDocument>[0];

const PRODUCER = 'Galley with PDFKit';

/** pdfkit constructor options: page size, tagging, PDF/UA, and the article's own dates, never the clock. */
export function documentOptions(article: Article, page: PageGeometry): Options {
  const created = new Date(article.published);
  return {
    size: page.size,
    margin: 0,
    // XMP is only written above PDF 1.3; 1.7 is what PDF/UA-1 builds on.
    pdfVersion: '1.7',
    autoFirstPage: true,
    bufferPages: true,
    tagged: true,
    // pdfkit accepts 'PDF/UA' (it writes pdfuaid:part 1); @types/pdfkit only knows the PDF/A names.
    subset: 'PDF/UA' as never,
    displayTitle: true,
    lang: article.language,
    // A Font object, not a name: otherwise pdfkit loads Helvetica as the default font.
    font: openFace('regular') as never,
    // The trailer /ID is hashed from these in the constructor, so fixed dates make the bytes reproducible.
    info: {
      Title: article.title,
      Author: article.authors.join(', '),
      Subject: article.summary,
      Keywords: article.tags.join(', '),
      Creator: 'Galley',
      Producer: PRODUCER,
      CreationDate: created,
      ModDate: new Date(article.updated ?? article.published),
    },
  };
}

/**
 * Replace pdfkit's XMP body with an escaped one. pdfkit interpolates Title and Author into the XML as they
 * are (an `&` makes the packet malformed) and writes no ModifyDate, keywords list or language.
 */
export function installXmp(doc: Doc, article: Article): void {
  replaceXmpBody(doc, xmpBody(article));
}

function xmpBody(article: Article): string {
  const li = (values: readonly string[]): string => values.map((v) => `<rdf:li>${escapeXml(v)}</rdf:li>`).join('');
  const alt = (value: string): string => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt>`;
  const keywords = article.tags.length > 0 ? `<pdf:Keywords>${escapeXml(article.tags.join(', '))}</pdf:Keywords>` : '';
  const subjects = article.tags.length > 0 ? `<dc:subject><rdf:Bag>${li(article.tags)}</rdf:Bag></dc:subject>` : '';
  return [
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${isoSeconds(article.published)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${isoSeconds(article.updated ?? article.published)}</xmp:ModifyDate>`,
    '<xmp:CreatorTool>Galley</xmp:CreatorTool>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(article.title)}</dc:title>`,
    `<dc:creator><rdf:Seq>${li(article.authors)}</rdf:Seq></dc:creator>`,
    `<dc:description>${alt(article.summary)}</dc:description>`,
    subjects,
    `<dc:language><rdf:Bag>${li([article.language])}</rdf:Bag></dc:language>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${PRODUCER}</pdf:Producer>`,
    keywords,
    '</rdf:Description>',
  ].filter((line) => line !== '').join('\n');
}
