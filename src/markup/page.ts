// What every web page Galley writes shares: the head (metadata, feeds, icon, stylesheet), the site's header
// and footer, download links and the favicon. HTML5, no script, nothing fetched from another host.
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { articleFilePath } from '../model/layout.js';
import { languageDirection } from '../typeset/direction.js';
import { OPDS_NAVIGATION_TYPE } from './listing.js';
import type { Messages } from '../messages/messages.js';
import { wordsLang } from './words.js';
import type { MessageId, MessageValues } from '../messages/ids.js';
import { archivePagePath, CATALOG_ROOT, editionsPagePath, FEED_FILES, folderOf, relativeLink } from '../model/layout.js';
import { escapeXml, xmlSafe } from './xml.js';
import { searchHead } from './search.js';

/** Where the site's shared files are under out/. */
export const WEB_FILES = {
  home: archivePagePath(1),
  favicon: 'favicon.svg',
  rss: FEED_FILES.rss,
  jsonFeed: FEED_FILES.jsonFeed,
  catalog: CATALOG_ROOT,
} as const;


/** What one build writes besides this page: a page links only files that exist. */
export interface Siblings {
  formats: readonly string[];
}

export const has = (s: Siblings, format: string): boolean => s.formats.includes(format);

/** ` lang="…" dir="…"` for text in `language` inside a page in `pageLanguage`, where they differ; else nothing. */
export function languageSwitch(language: string, pageLanguage: string): string {
  if (language === pageLanguage) return '';
  const dir = languageDirection(language);
  return ` lang="${escapeXml(language)}"${dir === languageDirection(pageLanguage) ? '' : ` dir="${dir}"`}`;
}

export interface HeadOptions {
  /** The page's path under out/ (its links are relative to it). */
  path: string;
  title: string;
  description: string;
  /** Absolute URL of this page, or null without a site URL. */
  canonical: string | null;
  /** More elements for the head: Open Graph, JSON-LD. */
  extra?: readonly string[];
  /** The page shows pictures: the stylesheet gets their rules (a page without keeps its bytes). */
  pictures?: boolean;
}

/** `<!DOCTYPE html>` through `</head>`, the `<html>` element stating the page's language and direction. */
export function pageHead(config: SiteConfig, siblings: Siblings, language: string, options: HeadOptions): string[] {
  const link = (to: string) => escapeXml(relativeLink(options.path, to));
  const feedTitle = escapeXml(config.title);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeXml(language)}" dir="${languageDirection(language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(options.title)}</title>`,
    `<meta name="description" content="${escapeXml(options.description)}">`,
    '<meta name="generator" content="Galley">',
    // Both themes are drawn by the stylesheet; this lets the browser match its scroll bars and form controls.
    '<meta name="color-scheme" content="light dark">',
    ...(options.canonical === null ? [] : [`<link rel="canonical" href="${escapeXml(options.canonical)}">`]),
    ...(has(siblings, 'site') ? [`<link rel="icon" type="image/svg+xml" href="${link(WEB_FILES.favicon)}">`] : []),
    ...(has(siblings, 'rss') ? [`<link rel="alternate" type="application/rss+xml" title="${feedTitle}" href="${link(WEB_FILES.rss)}">`] : []),
    ...(has(siblings, 'jsonfeed') ? [`<link rel="alternate" type="application/feed+json" title="${feedTitle}" href="${link(WEB_FILES.jsonFeed)}">`] : []),
    ...(has(siblings, 'opds') ? [`<link rel="alternate" type="${OPDS_NAVIGATION_TYPE}" title="${feedTitle}" href="${link(WEB_FILES.catalog)}">`] : []),
    ...(options.extra ?? []),
    // The search index is made from the article pages: where the build writes them, every page can search.
    ...(has(siblings, 'html') ? searchHead(options.path) : []),
    `<style>${STYLESHEET}${options.pictures === true ? PICTURE_STYLES : ''}</style>`,
    '</head>',
  ];
}

/** The site's name above every page, a link to the home page where the build writes one. */
export function siteHeader(config: SiteConfig, siblings: Siblings, path: string, pageLanguage: string): string {
  const name = escapeXml(config.title);
  // The name's language and direction go on an inline element: on the paragraph, dir="ltr" pulled an
  // English name to the left edge of an Arabic page, whose header starts on the right.
  const lang = languageSwitch(config.language, pageLanguage);
  const inner = has(siblings, 'site') && path !== WEB_FILES.home
    ? `<a href="${escapeXml(relativeLink(path, ''))}"${lang}>${name}</a>`
    : lang === '' ? name : `<span${lang}>${name}</span>`;
  return `<header class="site"><p class="site-name">${inner}</p></header>`;
}

/** The feeds this build writes, as links under every page, and the editions where the site has them. */
export function siteFooter(siblings: Siblings, path: string, pageLanguage: string, words: Messages, editions = false): string {
  const links = [
    ...(has(siblings, 'rss') ? [`<a href="${escapeXml(relativeLink(path, WEB_FILES.rss))}" type="application/rss+xml">RSS</a>`] : []),
    ...(has(siblings, 'jsonfeed') ? [`<a href="${escapeXml(relativeLink(path, WEB_FILES.jsonFeed))}" type="application/feed+json">JSON Feed</a>`] : []),
    ...(has(siblings, 'opds') ? [`<a href="${escapeXml(relativeLink(path, WEB_FILES.catalog))}" type="${OPDS_NAVIGATION_TYPE}"${wordsLang(words, 'site.opds', pageLanguage)}>${escapeXml(words.text('site.opds'))}</a>`] : []),
  ];
  const feeds = links.length === 0 ? [] : [`<p${wordsLang(words, 'site.feeds', pageLanguage)}>${markupMessage(words, 'site.feeds', { links: links.join(' · ') })}</p>`];
  const edition = editions && has(siblings, 'site')
    ? [`<p><a href="${escapeXml(relativeLink(path, folderOf(editionsPagePath(1))))}"${wordsLang(words, 'site.editions', pageLanguage)}>${escapeXml(words.text('site.editions'))}</a></p>`]
    : [];
  if (feeds.length + edition.length === 0) return '';
  return `<footer class="site">${[...edition, ...feeds].join('')}</footer>`;
}

/** The article's PDF and EPUB this build writes, with their sizes: `[label, href, type, size]`. */
function downloads(article: Article, sizes: Readonly<Record<string, number>> | undefined, path: string, words: Messages) {
  const files: { label: string; href: string; type: string; size: string }[] = [];
  for (const [format, label, type] of [['pdf', 'PDF', 'application/pdf'], ['epub', 'EPUB', 'application/epub+zip']] as const) {
    const size = sizes?.[format];
    if (size !== undefined) files.push({ label, href: relativeLink(path, articleFilePath(format, article.slug)), type, size: words.size(size) });
  }
  return files;
}

/** The download links as one line of markup, or null where there is none. */
export function downloadLinks(article: Article, sizes: Readonly<Record<string, number>> | undefined, path: string, words: Messages): string | null {
  const files = downloads(article, sizes, path, words);
  if (files.length === 0) return null;
  return files.map((f) => `<a href="${escapeXml(f.href)}" type="${f.type}" download>${f.label}</a> <span class="size">${f.size}</span>`).join(' · ');
}

/**
 * A message as markup: its text escaped, and each of `markup`'s arguments put in as the markup it is (a
 * list of links). The arguments stand in for themselves while the message is formatted, so a translation
 * may put them anywhere.
 */
export function markupMessage(words: Messages, id: MessageId, markup: Readonly<Record<string, string>>, values: MessageValues = {}): string {
  const token = (i: number) => `\uE000${i}\uE001`;
  const names = Object.keys(markup);
  const text = escapeXml(words.text(id, { ...values, ...Object.fromEntries(names.map((n, i) => [n, token(i)])) }));
  return names.reduce((out, name, i) => out.split(token(i)).join(markup[name]!), text);
}

/** JSON for a `<script>` element: no "<" can end the element early, whatever the text holds. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `<meta property|name="…" content="…">`, the content made XML-safe and escaped. */
export function meta(attribute: 'property' | 'name', key: string, content: string): string {
  return `<meta ${attribute}="${key}" content="${escapeXml(xmlSafe(content))}">`;
}

// Pictures at the column's width, never wider than drawn; the caption in the byline's face, the credit apart.
const PICTURE_STYLES = `
figure{margin:1.75rem 0}
figure.lead{margin-top:1.25rem}
figure img{display:block;width:100%;height:auto;background:var(--rule)}
figcaption{font:.9rem/1.45 system-ui,sans-serif;color:var(--muted);margin-top:.5rem}
.credit{font-size:.8rem;letter-spacing:.02em;white-space:nowrap}
.list .thumb{float:inline-end;width:7.5rem;height:auto;margin:.25rem 0 .5rem 1rem;margin-inline:1rem 0}
.list>li{display:flow-root}
@media print{figure{break-inside:avoid}}
`.trim().replace(/\n/g, '');

/** A small icon, drawn here so out/ needs nothing from elsewhere: a galley proof, a page of set lines. */
export const FAVICON_SVG = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">',
  '<rect x="5" y="2" width="22" height="28" rx="3" fill="#1f3b5c"/>',
  '<path d="M10 9h12M10 14h12M10 19h12M10 24h8" stroke="#f5f1e8" stroke-width="2.5" stroke-linecap="round"/>',
  '</svg>',
  '',
].join('\n');

// One stylesheet, inline in each page so a page stands alone (opened from disk, saved, mirrored). Logical
// properties (inline-start) mirror the layout for right-to-left pages; system fonts only.
const STYLESHEET = `
:root{color-scheme:light dark;--bg:#fdfcf9;--fg:#1b1b1b;--muted:#585858;--link:#0b57a4;--rule:#d6d2c8}
@media (prefers-color-scheme:dark){:root{--bg:#141414;--fg:#ebe8e1;--muted:#b4b0a8;--link:#93c5ff;--rule:#3d3d3d}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.125rem/1.6 Georgia,"Noto Serif","Times New Roman",serif;overflow-wrap:anywhere}
.wrap{max-width:42rem;margin:0 auto;padding:1rem 1.25rem 3rem}
a{color:var(--link)}
h1{font-size:2rem;line-height:1.2;margin:1rem 0 .75rem}
h2{font-size:1.35rem;line-height:1.3;margin:2rem 0 .5rem}
.kicker{display:block;font:600 .8rem/1.4 system-ui,sans-serif;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.byline,.meta,.size,.pages,footer.site{font:.95rem/1.5 system-ui,sans-serif;color:var(--muted)}
.standfirst{font-size:1.25rem;line-height:1.5}
.list-title{font-weight:700;margin-bottom:.25rem}
ul{padding-inline-start:1.5rem}
.related,.downloads,footer.site{border-top:1px solid var(--rule);margin-top:2.5rem}
header.site{border-bottom:1px solid var(--rule)}
.site-name{font:700 1rem/1.4 system-ui,sans-serif;margin:.25rem 0 .75rem}
.site-name a{color:var(--fg);text-decoration:none}
.search{margin:.75rem 0 1.25rem}
.search-label{font:600 .8rem/1.4 system-ui,sans-serif;letter-spacing:.06em;text-transform:uppercase;color:var(--muted);margin:0 0 .25rem}
.list{list-style:none;padding:0;margin:0}
.list>li{border-bottom:1px solid var(--rule);padding:1rem 0}
.list h2{margin:0 0 .25rem}
.list p{margin:.25rem 0}
footer.site a{white-space:nowrap}
.pages{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;margin-top:1.5rem}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#333;--link:#000;--rule:#999}
header.site,footer.site,.downloads,.pages,.search{display:none}
body{font-size:11pt}
.wrap{max-width:none;padding:0}
a{text-decoration:none}
h1,h2{break-after:avoid}
p,li{orphans:3;widows:3}
}
`.trim().replace(/\n/g, '');
