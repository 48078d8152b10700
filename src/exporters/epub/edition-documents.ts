// An edition's own documents in its EPUB: the package, the contents page, a page per section, the nav and the
// NCX, nested section › article. The articles' documents are the article EPUB's (./documents.ts).
import type { Article } from '../../model/article.js';
import type { SiteConfig } from '../../model/config.js';
import type { Edition } from '../../model/edition.js';
import type { Rendition } from '../../model/picture.js';
import { authorList, isoSeconds } from '../../markup/dates.js';
import { escapeXml } from '../../markup/xml.js';
import { siteMessages } from '../../messages/site.js';
import { languageDirection } from '../../typeset/direction.js';
import { COVER_ID, FILES, xhtmlHead } from './documents.js';

/** The edition's files in OEBPS/, besides those every Galley EPUB has (./documents.ts FILES). */
export const EDITION_FILES = {
  contents: 'contents.xhtml',
  section: (k: number) => `section-${k}.xhtml`,
  article: (n: number) => `article-${n}.xhtml`,
  /** A stylesheet for the articles of one language: its script's font fallbacks. */
  css: (language: string) => `style-${language.toLowerCase().replace(/[^a-z0-9-]/g, '')}.css`,
};

const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA';

/** Each section with its document, and each article with its number in reading order (from 1). */
export interface Plan {
  sections: { name: string; file: string; articles: { article: Article; file: string }[] }[];
}

export function planEdition(edition: Edition): Plan {
  let n = 0;
  return {
    sections: edition.sections.map((s, k) => ({
      name: s.name, file: EDITION_FILES.section(k + 1),
      articles: s.articles.map((article) => ({ article, file: EDITION_FILES.article(++n) })),
    })),
  };
}

/** ` xml:lang="…" lang="…" dir="…"` on text in another language than the document's; else nothing. */
function switchTo(language: string, documentLanguage: string): string {
  if (language === documentLanguage) return '';
  const lang = escapeXml(language);
  const dir = languageDirection(language);
  return ` xml:lang="${lang}" lang="${lang}"${dir === languageDirection(documentLanguage) ? '' : ` dir="${dir}"`}`;
}

/** The package: the edition's metadata (its date, its series and number), its files and the reading order. */
export function editionPackage(edition: Edition, plan: Plan, config: SiteConfig, cover: { name: string; type: string },
  pictures: readonly Rendition[], languages: readonly string[]): string {
  const words = siteMessages(config);
  const visual = pictures.length > 0;
  const lang = escapeXml(edition.language);
  const items = plan.sections.flatMap((s) => [
    { id: s.file.replace('.xhtml', ''), href: s.file },
    ...s.articles.map((a) => ({ id: a.file.replace('.xhtml', ''), href: a.file })),
  ]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${lang}" dir="${languageDirection(edition.language)}">`,
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `<dc:identifier id="pub-id">${escapeXml(edition.id)}</dc:identifier>`,
    `<dc:title id="title">${escapeXml(edition.title)}</dc:title>`,
    // The edition's language alone, though its articles speak others (each document says its own): calibre's
    // AZW3 keeps one dc:language, the last listed, and a Kindle would read an English edition as Japanese.
    `<dc:language>${lang}</dc:language>`,
    `<dc:creator id="creator-1">${escapeXml(config.title)}</dc:creator>`,
    `<dc:publisher>${escapeXml(config.title)}</dc:publisher>`,
    `<dc:date>${edition.start}</dc:date>`,
    `<meta property="dcterms:modified">${isoSeconds(edition.modified)}</meta>`,
    `<dc:description>${escapeXml(words.text('edition.articles', { count: plan.sections.reduce((n, s) => n + s.articles.length, 0) }))}</dc:description>`,
    ...plan.sections.map((s) => `<dc:subject>${escapeXml(s.name)}</dc:subject>`),
    // The editions are a series, numbered from the first: a library shelves them in order.
    `<meta property="belongs-to-collection" id="c01">${escapeXml(config.title)}</meta>`,
    '<meta refines="#c01" property="collection-type">series</meta>',
    `<meta refines="#c01" property="group-position">${edition.number}</meta>`,
    '<meta property="schema:accessMode">textual</meta>',
    ...(visual ? ['<meta property="schema:accessMode">visual</meta>'] : []),
    '<meta property="schema:accessModeSufficient">textual</meta>',
    ...(visual ? ['<meta property="schema:accessibilityFeature">alternativeText</meta>'] : []),
    '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
    '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
    '<meta property="schema:accessibilityFeature">readingOrder</meta>',
    '<meta property="schema:accessibilityHazard">none</meta>',
    `<meta property="schema:accessibilitySummary">${escapeXml(words.text(visual ? 'edition.summaryPictures' : 'edition.summary'))}</meta>`,
    `<meta property="dcterms:conformsTo">${CONFORMANCE}</meta>`,
    `<meta property="a11y:certifiedBy">${escapeXml(config.title)}</meta>`,
    `<meta name="cover" content="${COVER_ID}"/>`,
    '</metadata>',
    '<manifest>',
    `<item id="nav" href="${FILES.nav}" media-type="application/xhtml+xml" properties="nav"/>`,
    `<item id="ncx" href="${FILES.ncx}" media-type="application/x-dtbncx+xml"/>`,
    `<item id="contents" href="${EDITION_FILES.contents}" media-type="application/xhtml+xml"/>`,
    ...items.map((i) => `<item id="${i.id}" href="${i.href}" media-type="application/xhtml+xml"/>`),
    `<item id="css" href="${FILES.css}" media-type="text/css"/>`,
    ...languages.map((l, i) => `<item id="css-${i + 1}" href="${EDITION_FILES.css(l)}" media-type="text/css"/>`),
    `<item id="${COVER_ID}" href="${cover.name}" media-type="${cover.type}" properties="cover-image"/>`,
    ...pictures.map((r, i) => `<item id="picture-${i + 1}" href="${escapeXml(r.src)}" media-type="${r.type}"/>`),
    '</manifest>',
    // Pages turn the way the site's language runs: an Arabic edition opens from the right.
    `<spine toc="ncx" page-progression-direction="${languageDirection(edition.language)}">`,
    '<itemref idref="contents"/>',
    ...items.map((i) => `<itemref idref="${i.id}"/>`),
    '</spine>',
    '</package>',
    '',
  ].join('\n');
}

/** The contents page: the edition's label and number, then each section and its articles with their bylines. */
export function contentsDocument(edition: Edition, plan: Plan, config: SiteConfig): string {
  const words = siteMessages(config);
  const title = words.text('edition.contents');
  return [
    ...xhtmlHead(title, edition.language),
    '<body>',
    '<section epub:type="frontmatter toc" role="doc-toc" aria-labelledby="contents-title">',
    `<h1 id="contents-title">${escapeXml(title)}</h1>`,
    `<p class="byline">${escapeXml(edition.label)} · ${escapeXml(words.text('edition.number', { number: edition.number }))}</p>`,
    ...plan.sections.flatMap((s) => [
      `<h2><a href="${s.file}">${escapeXml(s.name)}</a></h2>`,
      '<ul>',
      ...s.articles.map(({ article, file }) =>
        `<li><a href="${file}"${switchTo(article.language, edition.language)}>${escapeXml(article.title)}</a>`
        + `<br/><span class="byline"${switchTo(article.language, edition.language)}>${escapeXml(authorList(article.authors, article.language))}</span></li>`),
      '</ul>',
    ]),
    '</section>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A section's opening page: its name and its articles' headlines and summaries. */
export function sectionDocument(edition: Edition, section: Plan['sections'][number]): string {
  return [
    ...xhtmlHead(section.name, edition.language),
    '<body>',
    '<section epub:type="part" role="doc-part" aria-labelledby="section-title">',
    `<h1 id="section-title">${escapeXml(section.name)}</h1>`,
    '<ul>',
    ...section.articles.map(({ article, file }) => `<li${switchTo(article.language, edition.language)}><a href="${file}">${escapeXml(article.title)}</a>`
      + `<br/>${escapeXml(article.summary)}</li>`),
    '</ul>',
    '</section>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The EPUB 3 navigation document: section › article, and the landmarks. */
export function editionNav(edition: Edition, plan: Plan, config: SiteConfig): string {
  const words = siteMessages(config);
  const contents = words.text('edition.contents');
  return [
    ...xhtmlHead(edition.title, edition.language),
    '<body>',
    '<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">',
    `<h1 id="toc-title">${escapeXml(contents)}</h1>`,
    '<ol>',
    `<li><a href="${EDITION_FILES.contents}">${escapeXml(contents)}</a></li>`,
    ...plan.sections.flatMap((s) => [
      `<li><a href="${s.file}">${escapeXml(s.name)}</a>`,
      '<ol>',
      ...s.articles.map(({ article, file }) => `<li><a href="${file}"${switchTo(article.language, edition.language)}>${escapeXml(article.title)}</a></li>`),
      '</ol>',
      '</li>',
    ]),
    '</ol>',
    '</nav>',
    '<nav epub:type="landmarks" id="landmarks" hidden="hidden">',
    '<ol>',
    `<li><a epub:type="toc" href="${EDITION_FILES.contents}">${escapeXml(contents)}</a></li>`,
    `<li><a epub:type="bodymatter" href="${plan.sections[0]!.file}">${escapeXml(plan.sections[0]!.name)}</a></li>`,
    '</ol>',
    '</nav>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The NCX (EPUB 2 readers, Kindle's conversion): the same tree, every point in reading order. */
export function editionNcx(edition: Edition, plan: Plan, config: SiteConfig): string {
  const words = siteMessages(config);
  let order = 0;
  const point = (label: string, src: string, children: string[] = []) => {
    order++;
    return [`<navPoint id="nav-${order}" playOrder="${order}">`, `<navLabel><text>${escapeXml(label)}</text></navLabel>`, `<content src="${src}"/>`, ...children, '</navPoint>'].join('\n');
  };
  const points = [point(words.text('edition.contents'), EDITION_FILES.contents)];
  for (const s of plan.sections) {
    // The section's point comes before its articles' in playOrder, as its page does in the spine.
    const at = order + 1;
    order = at;
    const children = s.articles.map(({ article, file }) => point(article.title, file));
    points.push([`<navPoint id="nav-${at}" playOrder="${at}">`, `<navLabel><text>${escapeXml(s.name)}</text></navLabel>`, `<content src="${s.file}"/>`, ...children, '</navPoint>'].join('\n'));
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escapeXml(edition.language)}" dir="${languageDirection(edition.language)}">`,
    '<head>',
    `<meta name="dtb:uid" content="${escapeXml(edition.id)}"/>`,
    '<meta name="dtb:depth" content="2"/>',
    '<meta name="dtb:totalPageCount" content="0"/>',
    '<meta name="dtb:maxPageNumber" content="0"/>',
    '</head>',
    `<docTitle><text>${escapeXml(edition.title)}</text></docTitle>`,
    '<navMap>',
    ...points,
    '</navMap>',
    '</ncx>',
    '',
  ].join('\n');
}
