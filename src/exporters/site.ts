// The site around the article pages: out/index.html and its archive pages (page/2/, ...), newest first with
// downloads, the sitemap that lists every page, and the icon.
import type { Article } from '../model/article.js';
import type { Picture } from '../model/picture.js';
import { searchBox } from '../markup/search.js';
import { thumbnailRendition } from '../model/picture.js';
import type { SiteConfig } from '../model/config.js';
import { isoSeconds } from '../markup/dates.js';
import { itemDate, newestItemDate, pageCount as countPages, pageFile, exportByPages } from '../markup/listing.js';
import { archivePagePath, articlePagePath, folderOf, relativeLink, siteFileUrl, sitemapPartPath } from '../model/layout.js';
import { timeXhtml } from '../markup/xhtml.js';
import { escapeXml } from '../markup/xml.js';
import type { CollectionContext, CollectionExporter, PagedExporter } from '../model/output.js';
import {
  downloadLinks, FAVICON_SVG, has, languageSwitch, pageHead, siteFooter, WEB_FILES,
} from '../markup/page.js';
import { pageWords, wordsLang } from '../markup/words.js';
import type { Messages } from '../messages/messages.js';
import type { Siblings } from '../markup/page.js';
import { siteDescription } from '../messages/site.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** sitemap.xml (the writer's first file), then index.html, page/2/index.html, ..., favicon.svg, a page at a time. */
export const exportSitePages: PagedExporter = (count, ctx) => {
  const siblings: Siblings = { formats: ctx.formats ?? [] };
  const pageCount = countPages(count);
  const sitemap = new Sitemap(ctx.config, has(siblings, 'html'));
  return {
    page(items, n) {
      sitemap.add(n, items);
      const page = pageFile(archivePagePath(n), items, n, pageCount, ctx, () => archivePage(items, n, pageCount, ctx, siblings));
      return page === null ? [] : [page];
    },
    end() {
      const { main, parts } = sitemap.files();
      return {
        bytes: encode(main),
        diagnostics: [],
        more: [...parts.map((p) => ({ name: p.name, bytes: encode(p.xml) })), { name: WEB_FILES.favicon, bytes: encode(FAVICON_SVG) }],
      };
    },
  };
};

/** The site from every article (any order) or their pages. */
export const exportSite: CollectionExporter = exportByPages(exportSitePages);

function archivePage(items: readonly Article[], n: number, pageCount: number, ctx: CollectionContext, siblings: Siblings): string {
  const { config } = ctx;
  const path = archivePagePath(n);
  const language = config.language;
  const words = pageWords(config, language);
  const title = n === 1 ? config.title : words.text('list.pageTitle', { title: config.title, page: n, pages: pageCount });
  const home = n === 1 ? escapeXml(config.title) : `<a href="${escapeXml(relativeLink(path, ''))}">${escapeXml(config.title)}</a>`;
  const list = items.length === 0
    ? [`<p${wordsLang(words, 'list.empty', language)}>${escapeXml(words.text('list.empty'))}</p>`]
    : ['<ol class="list">', ...items.map((article) => listItem(article, path, ctx, siblings)), '</ol>'];
  return [
    ...pageHead(config, siblings, language, {
      path, title, description: siteDescription(config), canonical: siteFileUrl(config.url, folderOf(path)),
      pictures: items.some((a) => a.image !== undefined),
    }),
    '<body>',
    '<div class="wrap">',
    '<header class="site">',
    `<h1 class="site-name">${home}</h1>`,
    `<p class="meta">${escapeXml(siteDescription(config))}</p>`,
    '</header>',
    ...(has(siblings, 'html') ? [searchBox(words, language)] : []),
    '<main>',
    ...(pageCount > 1 ? [`<p class="meta"${wordsLang(words, 'list.page', language)}>${escapeXml(words.text('list.page', { page: n, pages: pageCount }))}</p>`] : []),
    ...list,
    ...pageLinks(n, pageCount, path, language, words),
    '</main>',
    siteFooter(siblings, path, language, words, config.editions !== null),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].filter((line) => line !== '').join('\n') + '\n';
}

/** Title (a link to the article's page where the build writes pages), date, summary, downloads. */
function listItem(article: Article, path: string, ctx: CollectionContext, siblings: Siblings): string {
  const title = escapeXml(article.title);
  const heading = has(siblings, 'html')
    ? `<a href="${escapeXml(relativeLink(path, folderOf(articlePagePath(article.slug))))}">${title}</a>`
    : title;
  // The sizes in the article's language, as the article's own page gives them.
  const files = downloadLinks(article, ctx.sizes.get(article.slug), path, pageWords(ctx.config, article.language));
  return [
    `<li><article${languageSwitch(article.language, ctx.config.language)}>`,
    ...(article.image === undefined ? [] : [thumbnail(article.image, path)]),
    `<h2>${heading}</h2>`,
    `<p class="meta">${timeXhtml(article.published, article.language)}</p>`,
    `<p>${escapeXml(article.summary)}</p>`,
    ...(files === null ? [] : [`<p class="meta">${files}</p>`]),
    '</article></li>',
  ].join('\n');
}

/**
 * The lead picture beside a listed article, its smallest rendition: it repeats the headline's subject, so it
 * is decorative here (alt=""), and the headline's link is the one a reader follows.
 */
export function thumbnail(picture: Picture, path: string): string {
  const r = thumbnailRendition(picture);
  return `<img class="thumb" src="${escapeXml(relativeLink(path, r.src))}" width="${r.width}" height="${r.height}" alt="" loading="lazy" decoding="async">`;
}

/** The links to the newer and older pages of a list (the archive, the editions), in the page's words. */
export function pageLinks(n: number, pageCount: number, path: string, language: string, words: Messages,
  pagePath: (n: number) => string = archivePagePath, ids: readonly ['list.pages' | 'edition.pages', 'list.newer' | 'edition.newer', 'list.older' | 'edition.older'] = ['list.pages', 'list.newer', 'list.older']): string[] {
  if (pageCount === 1) return [];
  const [label, newer, older] = ids;
  const link = (to: number, rel: string, id: typeof newer | typeof older) =>
    `<a rel="${rel}" href="${escapeXml(relativeLink(path, folderOf(pagePath(to))))}"${wordsLang(words, id, language)}>${escapeXml(words.text(id))}</a>`;
  return [
    `<nav class="pages" aria-label="${escapeXml(words.text(label))}">`,
    ...(n > 1 ? [link(n - 1, 'prev', newer)] : []),
    ...(n < pageCount ? [link(n + 1, 'next', older)] : []),
    '</nav>',
  ];
}

/** The most URLs the sitemap protocol lets one sitemap file list. */
export const SITEMAP_LIMIT = 50_000;

/**
 * The sitemap protocol's urlset: the home page, the archive pages and every article page, each with the
 * date it last changed. A sitemap takes absolute URLs only: without a site URL it lists none. Made a page
 * of the archive at a time: what it keeps of each article is its entry. Past `limit` URLs (an archive of
 * tens of thousands), sitemap.xml is a sitemap index of sitemaps/sitemap-<n>.xml, each within the limit.
 */
export class Sitemap {
  readonly #pages: string[] = [];
  readonly #articles: string[] = [];

  constructor(private readonly config: SiteConfig, private readonly articlePages: boolean, private readonly limit = SITEMAP_LIMIT) {}

  add(n: number, items: readonly Article[]): void {
    if (this.config.url === null) return;
    this.#pages.push(this.#entry(folderOf(archivePagePath(n)), newestItemDate(items)));
    if (this.articlePages) for (const article of items) this.#articles.push(this.#entry(folderOf(articlePagePath(article.slug)), itemDate(article)));
  }

  /** sitemap.xml, and the sitemaps it indexes where there are more URLs than one may list. */
  files(): { main: string; parts: { name: string; xml: string }[] } {
    const entries = [...this.#pages, ...this.#articles];
    if (entries.length <= this.limit) return { main: urlset(entries), parts: [] };
    const parts: { name: string; xml: string }[] = [];
    for (let from = 0; from < entries.length; from += this.limit) {
      parts.push({ name: sitemapPartPath(parts.length + 1), xml: urlset(entries.slice(from, from + this.limit)) });
    }
    const main = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...parts.map((p) => `<sitemap><loc>${escapeXml(siteFileUrl(this.config.url, p.name)!)}</loc></sitemap>`),
      '</sitemapindex>',
      '',
    ].join('\n');
    return { main, parts };
  }

  #entry(path: string, lastmod: string | null): string {
    return [
      '<url>',
      `<loc>${escapeXml(siteFileUrl(this.config.url, path)!)}</loc>`,
      ...(lastmod === null ? [] : [`<lastmod>${isoSeconds(lastmod)}</lastmod>`]),
      '</url>',
    ].join('');
  }
}

function urlset(entries: readonly string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...entries, '</urlset>', ''].join('\n');
}
