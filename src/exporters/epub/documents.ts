// The package's XML documents (OPF, NCX, nav, chapter), built from the model with escaped text only.
import type { Article } from '../../model/article.js';
import { articlePictures } from '../../model/article.js';
import type { SiteConfig } from '../../model/config.js';
import type { Rendition } from '../../model/picture.js';
import { fallbackRendition } from '../../model/picture.js';
import { isoSeconds } from '../../markup/dates.js';
import { languageDirection } from '../../typeset/direction.js';
import { relatedHeading } from '../../markup/labels.js';
import { articleXhtml, languageAttributes, RELATED_ANCHOR, sectionAnchor } from '../../markup/xhtml.js';
import { escapeXml } from '../../markup/xml.js';
import { articleMessages } from '../../messages/site.js';

/** File names inside OEBPS/. The nav and stylesheet names are the ones epub-gen-memory writes. */
export const FILES = {
  opf: 'content.opf',
  ncx: 'toc.ncx',
  nav: 'toc.xhtml',
  chapter: 'article.xhtml',
  css: 'style.css',
  cover: 'cover.png',
  photoCover: 'cover.jpeg',
} as const;

/** The EPUB Accessibility 1.1 conformance claim, in the exact form the specification gives. */
const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA';

/** Manifest id of the cover image, also named by the EPUB 2 `<meta name="cover">` that Kindle and calibre read. */
export const COVER_ID = 'cover-image';


/** The renditions the package holds: each picture's fallback (JPEG or PNG, at most 2,048 px on its longest side). */
export function embeddedPictures(article: Article): Rendition[] {
  return articlePictures(article).map(fallbackRendition);
}

/** The date the package was last changed: the article's update, else its publication. */
export function modifiedDate(article: Article): string {
  return article.updated ?? article.published;
}

interface TocEntry {
  href: string;
  label: string;
}

// The headline, then each titled section and the related reading, as one nested level.
function tocEntries(article: Article, config: SiteConfig): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const section of article.sections) {
    if (section.heading !== null) entries.push({ href: `${FILES.chapter}#${sectionAnchor(section)}`, label: section.heading });
  }
  if (article.related.length > 0) entries.push({ href: `${FILES.chapter}#${RELATED_ANCHOR}`, label: relatedHeading(article.language, config.relatedTitles, config.messages) });
  return entries;
}

/** The OPF package document: metadata (Dublin Core, accessibility), manifest and spine. */
export function packageDocument(article: Article, config: SiteConfig, cover: { name: string; type: string } = { name: FILES.cover, type: 'image/png' }): string {
  const lang = escapeXml(article.language);
  const dir = languageDirection(article.language);
  const meta: string[] = [
    `<dc:identifier id="pub-id">${escapeXml(article.id)}</dc:identifier>`,
    `<dc:title id="title">${escapeXml(article.title)}</dc:title>`,
    `<dc:language>${lang}</dc:language>`,
  ];
  article.authors.forEach((author, i) => {
    meta.push(
      `<dc:creator id="creator-${i + 1}">${escapeXml(author)}</dc:creator>`,
      `<meta refines="#creator-${i + 1}" property="role" scheme="marc:relators">aut</meta>`,
    );
  });
  meta.push(
    `<dc:publisher>${escapeXml(config.title)}</dc:publisher>`,
    `<dc:date>${isoSeconds(article.published)}</dc:date>`,
    `<meta property="dcterms:modified">${isoSeconds(modifiedDate(article))}</meta>`,
    `<dc:description>${escapeXml(article.summary)}</dc:description>`,
    ...article.tags.map((tag) => `<dc:subject>${escapeXml(tag)}</dc:subject>`),
  );
  if (article.url !== null) meta.push(`<dc:source>${escapeXml(article.url)}</dc:source>`);
  meta.push(
    // The cover is package metadata only, never part of the reading order, and repeats text that is in
    // the book: without pictures the content is purely textual. Pictures add the visual mode, and their
    // text alternatives keep the text sufficient alone.
    '<meta property="schema:accessMode">textual</meta>',
    ...(article.image === undefined ? [] : ['<meta property="schema:accessMode">visual</meta>']),
    '<meta property="schema:accessModeSufficient">textual</meta>',
    ...(article.image === undefined ? [] : ['<meta property="schema:accessibilityFeature">alternativeText</meta>']),
    '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
    '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
    '<meta property="schema:accessibilityFeature">readingOrder</meta>',
    '<meta property="schema:accessibilityHazard">none</meta>',
    // What a reader can expect, in words, in the book's language.
    `<meta property="schema:accessibilitySummary">${escapeXml(articleMessages(article.language, config).text(article.image === undefined ? 'epub.summary' : 'epub.summaryPictures'))}</meta>`,
    // The claim rests on the book as Galley builds every one: a single text document, no images, no script,
    // tested by DAISY Ace and EPUBCheck in English and Arabic (test/browser/epub-ace.test.ts). WCAG 2.1, the version
    // EN 301 549 and the European Accessibility Act ask for. The publisher makes the claim, so it is named.
    `<meta property="dcterms:conformsTo">${CONFORMANCE}</meta>`,
    `<meta property="a11y:certifiedBy">${escapeXml(config.title)}</meta>`,
    `<meta name="cover" content="${COVER_ID}"/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${lang}" dir="${dir}">`,
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
    ...meta,
    '</metadata>',
    '<manifest>',
    `<item id="nav" href="${FILES.nav}" media-type="application/xhtml+xml" properties="nav"/>`,
    `<item id="ncx" href="${FILES.ncx}" media-type="application/x-dtbncx+xml"/>`,
    `<item id="article" href="${FILES.chapter}" media-type="application/xhtml+xml"/>`,
    `<item id="css" href="${FILES.css}" media-type="text/css"/>`,
    `<item id="${COVER_ID}" href="${cover.name}" media-type="${cover.type}" properties="cover-image"/>`,
    ...embeddedPictures(article).map((r, i) => `<item id="picture-${i + 1}" href="${escapeXml(r.src)}" media-type="${r.type}"/>`),
    '</manifest>',
    // Pages turn the way the text runs: an Arabic or Hebrew book opens from the right.
    `<spine toc="ncx" page-progression-direction="${dir}">`,
    '<itemref idref="article"/>',
    '</spine>',
    '</package>',
    '',
  ].join('\n');
}

/** The EPUB 2 NCX, for older readers; its dtb:uid must equal the package identifier (else NCX-001). */
export function ncxDocument(article: Article, config: SiteConfig): string {
  const entries = tocEntries(article, config);
  const lang = escapeXml(article.language);
  const children = entries.map((entry, i) => [
    `<navPoint id="nav-${i + 2}" playOrder="${i + 2}">`,
    `<navLabel><text>${escapeXml(entry.label)}</text></navLabel>`,
    `<content src="${escapeXml(entry.href)}"/>`,
    '</navPoint>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${lang}" dir="${languageDirection(article.language)}">`,
    '<head>',
    `<meta name="dtb:uid" content="${escapeXml(article.id)}"/>`,
    `<meta name="dtb:depth" content="${entries.length > 0 ? 2 : 1}"/>`,
    '<meta name="dtb:totalPageCount" content="0"/>',
    '<meta name="dtb:maxPageNumber" content="0"/>',
    '</head>',
    `<docTitle><text>${escapeXml(article.title)}</text></docTitle>`,
    ...article.authors.map((author) => `<docAuthor><text>${escapeXml(author)}</text></docAuthor>`),
    '<navMap>',
    '<navPoint id="nav-1" playOrder="1">',
    `<navLabel><text>${escapeXml(article.title)}</text></navLabel>`,
    `<content src="${FILES.chapter}"/>`,
    ...children,
    '</navPoint>',
    '</navMap>',
    '</ncx>',
    '',
  ].join('\n');
}

/** The EPUB 3 navigation document: the table of contents and a landmark for where reading starts. */
export function navDocument(article: Article, config: SiteConfig): string {
  const entries = tocEntries(article, config);
  const title = escapeXml(article.title);
  const nested = entries.length === 0 ? [] : [
    '<ol>',
    ...entries.map((entry) => `<li><a href="${escapeXml(entry.href)}">${escapeXml(entry.label)}</a></li>`),
    '</ol>',
  ];
  return [
    ...xhtmlHead(article.title, article.language),
    '<body>',
    // Assistive technology reads ARIA, not epub:type: the role says the same thing to it (DAISY Ace asks for both).
    '<nav epub:type="toc" id="toc" role="doc-toc">',
    '<ol>',
    `<li><a href="${FILES.chapter}">${title}</a>`,
    ...nested,
    '</li>',
    '</ol>',
    '</nav>',
    '<nav epub:type="landmarks" id="landmarks" hidden="hidden">',
    '<ol>',
    `<li><a epub:type="bodymatter" href="${FILES.chapter}">${title}</a></li>`,
    '</ol>',
    '</nav>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The article itself, its body from the serializer the RSS feed shares. */
export function chapterDocument(article: Article, config: SiteConfig, css: string = FILES.css): string {
  // Pictures are in the package beside the chapter, at the paths they have under out/.
  const body = articleXhtml(article, { titleBlock: true, relatedTitles: config.relatedTitles, messages: config.messages, pictures: { href: (src) => src, responsive: false } });
  return [...xhtmlHead(article.title, article.language, css), '<body>', body, '</body>', '</html>', ''].join('\n');
}

// The XML declaration comes first: without it Kindle reads the file as Latin-1.
export function xhtmlHead(title: string, language: string, css: string = FILES.css): string[] {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE html>',
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${escapeXml(language)}" ${languageAttributes(language)}>`,
    '<head>',
    '<meta charset="UTF-8"/>',
    `<title>${escapeXml(title)}</title>`,
    `<link rel="stylesheet" type="text/css" href="${escapeXml(css)}"/>`,
    '</head>',
  ];
}
