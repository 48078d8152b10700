// Convert an Article to its web page, out/articles/<slug>/index.html: the URL the feeds and the model name.
import type { Article } from '../model/article.js';
import type { Picture, Rendition } from '../model/picture.js';
import { fallbackRendition } from '../model/picture.js';
import { relativeLink, siteFileUrl } from '../model/layout.js';
import { isoSeconds } from '../markup/dates.js';
import { itemDate } from '../markup/listing.js';
import { articlePagePath } from '../model/layout.js';
import { articleXhtml } from '../markup/xhtml.js';
import { searchBox } from '../markup/search.js';
import { escapeXml, xmlSafe } from '../markup/xml.js';
import type { ArticleExporter } from '../model/output.js';
import { downloadLinks, meta, pageHead, scriptJson, siteFooter, siteHeader } from '../markup/page.js';
import { pageWords, wordsLang } from '../markup/words.js';

/**
 * The article as an HTML5 page: the body from the serializer the EPUB and the feeds share, then the PDF and
 * EPUB this build writes with their sizes; in the head a canonical link, Open Graph and Twitter card meta,
 * JSON-LD NewsArticle and the feeds. Every link to another file of out/ is relative.
 */
export const exportHtml: ArticleExporter = (article, ctx) => {
  const { config } = ctx;
  const siblings = { formats: ctx.formats ?? [] };
  const path = articlePagePath(article.slug);
  const head = pageHead(config, siblings, article.language, {
    path,
    title: `${xmlSafe(article.title)} · ${xmlSafe(config.title)}`,
    description: article.summary,
    canonical: article.url,
    extra: socialMeta(article, config.title, config.url),
    pictures: article.image !== undefined,
  });
  const words = pageWords(config, article.language);
  const files = downloadLinks(article, ctx.sizes, path, words);
  const html = [
    ...head,
    '<body>',
    '<div class="wrap">',
    siteHeader(config, siblings, path, article.language),
    searchBox(words, article.language),
    '<main>',
    // What the search indexes: the article, not the site's header, downloads or feeds.
    '<article data-pagefind-body>',
    articleXhtml(article, { titleBlock: true, relatedTitles: config.relatedTitles, messages: config.messages, pictures: { href: (src) => relativeLink(path, src), responsive: true } }),
    '</article>',
    ...(files === null ? [] : ['<aside class="downloads">', `<h2${wordsLang(words, 'article.download', article.language)}>${escapeXml(words.text('article.download'))}</h2>`, `<p>${files}</p>`, '</aside>']),
    '</main>',
    siteFooter(siblings, path, article.language, words, config.editions !== null),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].filter((line) => line !== '');
  return { bytes: new TextEncoder().encode(html.join('\n') + '\n'), diagnostics: [] };
};

/** Open Graph, Twitter card and schema.org NewsArticle: what a link preview or a search engine reads. */
function socialMeta(article: Article, siteTitle: string, siteUrl: string | null): string[] {
  const modified = itemDate(article);
  // A link preview needs the picture's absolute URL: without a site URL there is none to give.
  const image = article.image === undefined ? null : sharedPicture(article.image, siteUrl);
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: xmlSafe(article.title),
    description: xmlSafe(article.summary),
    inLanguage: article.language,
    datePublished: isoSeconds(article.published),
    dateModified: isoSeconds(modified),
    author: article.authors.map((name) => ({ '@type': 'Person', name: xmlSafe(name) })),
    publisher: { '@type': 'Organization', name: xmlSafe(siteTitle) },
    ...(article.tags.length > 0 ? { keywords: article.tags.map(xmlSafe) } : {}),
    wordCount: article.stats.words,
    ...(article.url === null ? {} : { url: article.url, mainEntityOfPage: article.url }),
    ...(image === null ? {} : { image: imageObject(image) }),
  };
  return [
    meta('property', 'og:type', 'article'),
    meta('property', 'og:title', article.title),
    meta('property', 'og:description', article.summary),
    meta('property', 'og:site_name', siteTitle),
    meta('property', 'og:locale', article.language.replace(/-/g, '_')),
    ...(article.url === null ? [] : [meta('property', 'og:url', article.url)]),
    meta('property', 'article:published_time', isoSeconds(article.published)),
    meta('property', 'article:modified_time', isoSeconds(modified)),
    ...article.tags.map((tag) => meta('property', 'article:tag', tag)),
    ...(image === null ? [] : [
      meta('property', 'og:image', image.url),
      meta('property', 'og:image:type', image.rendition.type),
      meta('property', 'og:image:width', String(image.rendition.width)),
      meta('property', 'og:image:height', String(image.rendition.height)),
      ...(image.picture.decorative ? [] : [meta('property', 'og:image:alt', image.picture.alt)]),
    ]),
    meta('name', 'twitter:card', image === null ? 'summary' : 'summary_large_image'),
    meta('name', 'twitter:title', article.title),
    meta('name', 'twitter:description', article.summary),
    ...(image === null || image.picture.decorative ? [] : [meta('name', 'twitter:image:alt', image.picture.alt)]),
    `<script type="application/ld+json">${scriptJson(ld)}</script>`,
  ];
}

/** The lead picture as a link preview takes it: its fallback rendition (JPEG or PNG, at most 1,280 px) by absolute URL. */
function sharedPicture(picture: Picture, siteUrl: string | null): { picture: Picture; rendition: Rendition; url: string } | null {
  const rendition = fallbackRendition(picture);
  const url = siteFileUrl(siteUrl, rendition.src);
  return url === null ? null : { picture, rendition, url };
}

/** schema.org ImageObject of the lead picture: search engines show it with the article. */
function imageObject({ picture, rendition, url }: { picture: Picture; rendition: Rendition; url: string }): Record<string, unknown> {
  return {
    '@type': 'ImageObject',
    url,
    contentUrl: url,
    width: rendition.width,
    height: rendition.height,
    encodingFormat: rendition.type,
    ...(picture.decorative ? {} : { description: xmlSafe(picture.alt) }),
    ...(picture.caption === null ? {} : { caption: xmlSafe(picture.caption) }),
    ...(picture.credit === null ? {} : { creditText: xmlSafe(picture.credit) }),
  };
}
