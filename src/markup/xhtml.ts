// Article body as XHTML: shared by the EPUB chapter and the feed's content:encoded, written once.
import type { Article, Block, Section } from '../model/article.js';
import { authorList, BYLINE_SEPARATOR, formatLongDate, isoSeconds } from './dates.js';
import { languageDirection } from '../typeset/direction.js';
import { relatedHeading } from './labels.js';
import { standfirst } from './standfirst.js';
import { escapeXml } from './xml.js';
import { figureXhtml, separateLead } from './figure.js';
import type { PictureLinks } from './figure.js';
import type { MessageOverrides } from '../messages/messages.js';

export interface XhtmlOptions {
  /** Include the h1 headline, byline and standfirst (EPUB yes; a feed item has its own title). */
  titleBlock: boolean;
  /** The site's `relatedTitles`: the related heading of a language Galley has no translation for. */
  relatedTitles?: readonly string[];
  /** The site's own wording of Galley's messages (config `messages`). */
  messages?: MessageOverrides;
  /** How the document links pictures; absent (a feed without a site URL), pictures are left out. */
  pictures?: PictureLinks;
}

/**
 * `lang="ar" dir="rtl"`: the language and base direction every element Galley writes around an article's
 * text carries (the EPUB's root elements, each feed item's wrapper). The base direction comes from the
 * article's language, never dir="auto": auto takes the first strong character, so an Arabic byline that
 * starts with a Latin name, or a paragraph that opens with "BBC", would be laid out left to right and its
 * punctuation and dates would jump sides. Runs of the other direction inside a text are the reader's bidi
 * algorithm's to place.
 */
export function languageAttributes(language: string): string {
  return `lang="${escapeXml(language)}" dir="${languageDirection(language)}"`;
}

/** The article as a well-formed XHTML fragment: header, sections, related reading. Text is always escaped. */
export function articleXhtml(article: Article, options: XhtmlOptions): string {
  const parts: string[] = [];
  if (options.titleBlock) {
    const summary = standfirst(article);
    parts.push(
      '<header>',
      `<h1>${escapeXml(article.title)}</h1>`,
      `<p class="byline">${bylineXhtml(article)}</p>`,
      ...(summary === null ? [] : [`<p class="standfirst">${escapeXml(summary)}</p>`]),
      '</header>',
    );
  }
  const lead = separateLead(article);
  if (lead !== null && options.pictures !== undefined) parts.push(figureXhtml(lead, options.pictures, true));
  // The first figure is the lead where the front matter names none: fetched first, like one.
  let first = lead === null;
  const figure = (block: Extract<Block, { type: 'figure' }>): string => {
    const isLead = first;
    first = false;
    return options.pictures === undefined ? '' : figureXhtml(block.image, options.pictures, isLead);
  };
  for (const section of article.sections) parts.push(sectionXhtml(section, figure));
  if (article.related.length > 0) {
    parts.push(`<aside class="related" id="${RELATED_ANCHOR}">`, `<h2>${escapeXml(relatedHeading(article.language, options.relatedTitles, options.messages))}</h2>`, '<ul>');
    for (const link of article.related) {
      const text = escapeXml(link.text);
      parts.push(link.url ? `<li><a href="${escapeXml(link.url)}">${text}</a></li>` : `<li>${text}</li>`);
    }
    parts.push('</ul>', '</aside>');
  }
  return parts.join('\n');
}

/** The byline's text with its date as a `<time>`, so machines read the date that people read. */
function bylineXhtml(article: Article): string {
  return `${escapeXml(authorList(article.authors, article.language))}${BYLINE_SEPARATOR}${timeXhtml(article.published, article.language)}`;
}

/** A date as readers see it, in a `<time>` that gives it to machines in UTC. */
export function timeXhtml(iso: string, language: string): string {
  return `<time datetime="${isoSeconds(iso)}">${escapeXml(formatLongDate(iso, language))}</time>`;
}

/** The id of a section's element: prefixed, because a section id may start with a digit and an XML name may not. */
export function sectionAnchor(section: Section): string {
  return `s-${section.id}`;
}

/** The id of the related-reading aside; no section anchor can equal it, they all start with "s-". */
export const RELATED_ANCHOR = 'related';

function sectionXhtml(section: Section, figure: (block: Extract<Block, { type: 'figure' }>) => string): string {
  const out = [`<section id="${sectionAnchor(section)}">`];
  if (section.heading !== null) {
    const kicker = section.kicker === null ? '' : `<span class="kicker">${escapeXml(section.kicker)}</span> `;
    out.push(`<h2>${kicker}${escapeXml(section.heading)}</h2>`);
  }
  for (const block of section.blocks) out.push(block.type === 'figure' ? figure(block) : blockXhtml(block));
  out.push('</section>');
  return out.filter((line) => line !== '').join('\n');
}

function blockXhtml(block: Exclude<Block, { type: 'figure' }>): string {
  if (block.type === 'paragraph') return `<p>${escapeXml(block.text)}</p>`;
  const items = block.items.map((item) => `<li>${escapeXml(item)}</li>`).join('\n');
  const title = block.title === null ? '' : `<p class="list-title">${escapeXml(block.title)}</p>\n`;
  return `${title}<ul>\n${items}\n</ul>`;
}
