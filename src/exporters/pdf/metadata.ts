// Document options, Info dictionary and XMP packet: everything a PDF says about itself, from the article (or the edition) only.
import type PDFDocument from 'pdfkit';
import type { Article } from '../../model/article.js';
import type { Edition } from '../../model/edition.js';
import { isoSeconds } from '../../markup/dates.js';
import { escapeXml } from '../../markup/xml.js';
import { openFace } from '../../typeset/faces.js';
import { replaceXmpBody } from '../../patches/pdfkit.js';
import type { PageGeometry } from './style.js';

type Doc = InstanceType<typeof PDFDocument>;
type Options = ConstructorParameters<typeof PDFDocument>[0];

const PRODUCER = 'Galley with PDFKit';

/** What a document says about itself, in the Info dictionary and the XMP packet. */
interface Description {
  title: string;
  authors: readonly string[];
  summary: string;
  tags: readonly string[];
  language: string;
  /** ISO dates. */
  created: string;
  modified: string;
}

const articleDescription = (article: Article): Description => ({
  title: article.title, authors: article.authors, summary: article.summary, tags: article.tags, language: article.language,
  created: article.published, modified: article.updated ?? article.published,
});

/**
 * An edition as its PDF describes itself: by the site (its author), the period (its subject), its sections
 * (its keywords), dated by its newest article, so the same edition is the same file whenever it is made.
 */
const editionDescription = (edition: Edition, site: string): Description => ({
  title: edition.title, authors: [site], summary: edition.label, tags: edition.sections.map((s) => s.name), language: edition.language,
  created: edition.modified, modified: edition.modified,
});

/** pdfkit constructor options: page size, tagging, PDF/UA, and the article's own dates, never the clock. */
export function documentOptions(article: Article, page: PageGeometry): Options {
  return options(articleDescription(article), page);
}

/** pdfkit constructor options for an edition's PDF (site title: the config's `title`). */
export function editionDocumentOptions(edition: Edition, site: string, page: PageGeometry): Options {
  return options(editionDescription(edition, site), page);
}

function options(d: Description, page: PageGeometry): Options {
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
    lang: d.language,
    // A Font object, not a name: otherwise pdfkit loads Helvetica as the default font.
    font: openFace('regular') as never,
    // The trailer /ID is hashed from these in the constructor, so fixed dates make the bytes reproducible.
    info: {
      Title: d.title,
      Author: d.authors.join(', '),
      Subject: d.summary,
      Keywords: d.tags.join(', '),
      Creator: 'Galley',
      Producer: PRODUCER,
      CreationDate: new Date(d.created),
      ModDate: new Date(d.modified),
    },
  };
}

/**
 * Replace pdfkit's XMP body with an escaped one. pdfkit interpolates Title and Author into the XML as they
 * are (an `&` makes the packet malformed) and writes no ModifyDate, keywords list or language.
 */
export function installXmp(doc: Doc, article: Article): void {
  replaceXmpBody(doc, xmpBody(articleDescription(article)));
}

/** The same for an edition's PDF. */
export function installEditionXmp(doc: Doc, edition: Edition, site: string): void {
  replaceXmpBody(doc, xmpBody(editionDescription(edition, site)));
}

function xmpBody(d: Description): string {
  const li = (values: readonly string[]): string => values.map((v) => `<rdf:li>${escapeXml(v)}</rdf:li>`).join('');
  const alt = (value: string): string => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt>`;
  const keywords = d.tags.length > 0 ? `<pdf:Keywords>${escapeXml(d.tags.join(', '))}</pdf:Keywords>` : '';
  const subjects = d.tags.length > 0 ? `<dc:subject><rdf:Bag>${li(d.tags)}</rdf:Bag></dc:subject>` : '';
  return [
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${isoSeconds(d.created)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${isoSeconds(d.modified)}</xmp:ModifyDate>`,
    '<xmp:CreatorTool>Galley</xmp:CreatorTool>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(d.title)}</dc:title>`,
    `<dc:creator><rdf:Seq>${li(d.authors)}</rdf:Seq></dc:creator>`,
    `<dc:description>${alt(d.summary)}</dc:description>`,
    subjects,
    `<dc:language><rdf:Bag>${li([d.language])}</rdf:Bag></dc:language>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${PRODUCER}</pdf:Producer>`,
    keywords,
    '</rdf:Description>',
  ].filter((line) => line !== '').join('\n');
}
