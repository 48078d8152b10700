// Convert an Article to its web page, out/articles/<slug>/index.html: the URL the feeds and the model name.
import type { Article } from '../model/article.js';
import { isoSeconds } from '../markup/dates.js';
import { itemDate } from '../markup/listing.js';
import { articlePagePath } from '../model/layout.js';
import { articleXhtml } from '../markup/xhtml.js';
import { xmlSafe } from '../markup/xml.js';
import type { ArticleExporter } from '../model/output.js';
import { chromeLang, downloadLinks, meta, pageHead, scriptJson, siteFooter, siteHeader } from '../markup/page.js';

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
    extra: socialMeta(article, config.title),
  });
  const files = downloadLinks(article, ctx.sizes, path);
  const html = [
    ...head,
    '<body>',
    '<div class="wrap">',
    siteHeader(config, siblings, path, article.language),
    '<main>',
    '<article>',
    articleXhtml(article, { titleBlock: true, relatedTitles: config.relatedTitles }),
    '</article>',
    ...(files === null ? [] : [`<aside class="downloads"${chromeLang(article.language)}>`, '<h2>Download</h2>', `<p>${files}</p>`, '</aside>']),
    '</main>',
    siteFooter(siblings, path, article.language),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].filter((line) => line !== '');
  return { bytes: new TextEncoder().encode(html.join('\n') + '\n'), diagnostics: [] };
};

/** Open Graph, Twitter card and schema.org NewsArticle: what a link preview or a search engine reads. */
function socialMeta(article: Article, siteTitle: string): string[] {
  const modified = itemDate(article);
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
    meta('name', 'twitter:card', 'summary'),
    meta('name', 'twitter:title', article.title),
    meta('name', 'twitter:description', article.summary),
    `<script type="application/ld+json">${scriptJson(ld)}</script>`,
  ];
}
