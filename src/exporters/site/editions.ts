// The editions on the web: a page per edition (out/editions/<key>/index.html: its articles by section and its
// downloads) and the list of every edition, newest first, paged like the archive (out/editions/index.html).
import type { Article } from '../../model/article.js';
import type { EditionEntry } from '../../model/edition.js';
import { editionFilePath, editionsPagePath, folderOf, relativeLink, siteFileUrl, articlePagePath } from '../../model/layout.js';
import type { CollectionContext, EditionExporter, EditionListExporter } from '../../model/output.js';
import { PAGE_SIZE, pageCount } from '../../markup/listing.js';
import { has, languageSwitch, pageHead, siteFooter, siteHeader, type Siblings } from '../../markup/page.js';
import { pageWords, wordsLang } from '../../markup/words.js';
import { timeXhtml } from '../../markup/xhtml.js';
import { escapeXml } from '../../markup/xml.js';
import { searchBox } from '../../markup/search.js';
import { siteDescription } from '../../messages/site.js';
import type { Messages } from '../../messages/messages.js';
import { pageLinks, thumbnail } from '../site.js';

const FILES = [['epub', 'EPUB', 'application/epub+zip'], ['pdf', 'PDF', 'application/pdf']] as const;

/** The edition's page: its label and size, its downloads, then each section's articles with their summaries. */
export const exportEditionPage: EditionExporter = (edition, ctx) => {
  const { config } = ctx;
  const siblings: Siblings = { formats: ctx.formats ?? [] };
  const path = editionFilePath(edition.key, 'html');
  const language = config.language;
  const words = pageWords(config, language);
  const articles = edition.sections.flatMap((s) => s.articles);
  const html = [
    ...pageHead(config, siblings, language, {
      path, title: edition.title, description: siteDescription(config), canonical: siteFileUrl(config.url, folderOf(path)),
      pictures: articles.some((a) => a.image !== undefined),
    }),
    '<body>',
    '<div class="wrap">',
    siteHeader(config, siblings, path, language),
    ...(has(siblings, 'html') ? [searchBox(words, language)] : []),
    '<main>',
    `<h1>${escapeXml(edition.label)}</h1>`,
    `<p class="meta">${escapeXml(summaryLine(words, edition.number, articles.length, edition.sections.length))}</p>`,
    ...downloads(edition.key, ctx.sizes ?? {}, path, words, language),
    ...edition.sections.flatMap((section) => [
      `<section><h2>${escapeXml(section.name)}</h2>`,
      '<ol class="list">',
      ...section.articles.map((a) => articleItem(a, path, siblings, language)),
      '</ol></section>',
    ]),
    '</main>',
    siteFooter(siblings, path, language, words, true),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].filter((line) => line !== '');
  return { bytes: new TextEncoder().encode(html.join('\n') + '\n'), diagnostics: [] };
};

/** Every page of the list of editions, newest first (one at least). */
export const exportEditionsIndex: EditionListExporter = (entries, ctx) => {
  const pages = pageCount(entries.length);
  return Array.from({ length: pages }, (_, i) => {
    const n = i + 1;
    const html = indexPage(entries.slice(i * PAGE_SIZE, n * PAGE_SIZE), n, pages, ctx);
    return { name: editionsPagePath(n), bytes: new TextEncoder().encode(html) };
  });
};

function indexPage(entries: readonly EditionEntry[], n: number, pages: number, ctx: CollectionContext): string {
  const { config } = ctx;
  const siblings: Siblings = { formats: ctx.formats ?? [] };
  const path = editionsPagePath(n);
  const language = config.language;
  const words = pageWords(config, language);
  const heading = words.text('edition.list');
  const list = entries.length === 0
    ? [`<p${wordsLang(words, 'edition.empty', language)}>${escapeXml(words.text('edition.empty'))}</p>`]
    : ['<ol class="list">', ...entries.map((e) => entryItem(e, path, words, siblings, language)), '</ol>'];
  return [
    ...pageHead(config, siblings, language, {
      path, title: n === 1 ? `${heading} · ${config.title}` : words.text('list.pageTitle', { title: `${heading} · ${config.title}`, page: n, pages }),
      description: siteDescription(config), canonical: siteFileUrl(config.url, folderOf(path)),
      pictures: entries.some((e) => e.image !== undefined),
    }),
    '<body>',
    '<div class="wrap">',
    siteHeader(config, siblings, path, language),
    ...(has(siblings, 'html') ? [searchBox(words, language)] : []),
    '<main>',
    `<h1${wordsLang(words, 'edition.list', language)}>${escapeXml(heading)}</h1>`,
    ...(pages > 1 ? [`<p class="meta">${escapeXml(words.text('list.page', { page: n, pages }))}</p>`] : []),
    ...list,
    ...pageLinks(n, pages, path, language, words, editionsPagePath, ['edition.pages', 'edition.newer', 'edition.older']),
    '</main>',
    siteFooter(siblings, path, language, words, true),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].filter((line) => line !== '').join('\n') + '\n';
}

/** "No. 412 · 21 articles · 5 sections" */
function summaryLine(words: Messages, number: number, articles: number, sections: number): string {
  return [words.text('edition.number', { number }), words.text('edition.articles', { count: articles }), words.text('edition.sections', { count: sections })].join(' · ');
}

function downloads(key: string, sizes: Readonly<Record<string, number>>, path: string, words: Messages, language: string): string[] {
  const links = FILES.flatMap(([format, label, type]) => {
    const size = sizes[format];
    return size === undefined ? [] : [`<a href="${escapeXml(relativeLink(path, editionFilePath(key, format)))}" type="${type}" download>${label}</a> <span class="size">${escapeXml(words.size(size))}</span>`];
  });
  if (links.length === 0) return [];
  return ['<aside class="downloads">', `<h2${wordsLang(words, 'edition.download', language)}>${escapeXml(words.text('edition.download'))}</h2>`, `<p>${links.join(' · ')}</p>`, '</aside>'];
}

function articleItem(article: Article, path: string, siblings: Siblings, language: string): string {
  const title = escapeXml(article.title);
  const heading = has(siblings, 'html') ? `<a href="${escapeXml(relativeLink(path, folderOf(articlePagePath(article.slug))))}">${title}</a>` : title;
  return [
    `<li><article${languageSwitch(article.language, language)}>`,
    ...(article.image === undefined ? [] : [thumbnail(article.image, path)]),
    `<h3>${heading}</h3>`,
    `<p class="meta">${timeXhtml(article.published, article.language)}</p>`,
    `<p>${escapeXml(article.summary)}</p>`,
    '</article></li>',
  ].join('\n');
}

function entryItem(entry: EditionEntry, path: string, words: Messages, siblings: Siblings, language: string): string {
  const page = has(siblings, 'site') ? relativeLink(path, folderOf(editionFilePath(entry.key, 'html'))) : null;
  const label = escapeXml(entry.label);
  return [
    '<li><article>',
    ...(entry.image === undefined ? [] : [thumbnail(entry.image, path)]),
    `<h2>${page === null ? label : `<a href="${escapeXml(page)}">${label}</a>`}</h2>`,
    `<p class="meta">${escapeXml(summaryLine(words, entry.number, entry.articles, entry.sections.length))}</p>`,
    '<ul>',
    ...entry.headlines.map((h) => `<li${languageSwitch(h.language, language)}>${escapeXml(h.title)}</li>`),
    '</ul>',
    ...downloads(entry.key, entry.sizes, path, words, language).slice(2, 3).map((p) => p.replace('<p>', '<p class="meta">')),
    '</article></li>',
  ].join('\n');
}
