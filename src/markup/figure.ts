// A picture as markup: a <figure> with its caption and credit, for a web page (every rendition, the browser
// picks), an EPUB chapter or a feed item (the fallback rendition alone).
import type { Article } from '../model/article.js';
import type { Picture, Rendition } from '../model/picture.js';
import { fallbackRendition } from '../model/picture.js';
import { escapeXml } from './xml.js';

/** How a document links the files of out/images/. */
export interface PictureLinks {
  /** The URL of out/<src> as this document links it. */
  href: (src: string) => string;
  /** A web page: `<picture>` with a source per type, `srcset`/`sizes`, lazy loading below the fold. */
  responsive: boolean;
}

/** The page's text column (max-width 42rem less its padding): what a picture is drawn at on a wide screen. */
const SIZES = '(min-width: 42rem) 39.5rem, calc(100vw - 2.5rem)';

/**
 * The lead picture where it stands apart from the body: from the front matter, and not also the first figure
 * (rule 15 makes the first figure the lead when there is none; it is then shown where the seed has it).
 */
export function separateLead(article: Article): Picture | null {
  if (article.image === undefined) return null;
  for (const s of article.sections) {
    for (const b of s.blocks) {
      if (b.type === 'figure') return JSON.stringify(b.image) === JSON.stringify(article.image) ? null : article.image;
    }
  }
  return article.image;
}

/** The figure: the picture (every rendition where responsive) and a caption of its caption and credit. */
export function figureXhtml(picture: Picture, links: PictureLinks, lead: boolean): string {
  const img = links.responsive ? responsiveImg(picture, links, lead) : plainImg(picture, links);
  const caption = [
    ...(picture.caption === null ? [] : [escapeXml(picture.caption)]),
    ...(picture.credit === null ? [] : [`<span class="credit">${escapeXml(picture.credit)}</span>`]),
  ];
  const figcaption = caption.length === 0 ? '' : `\n<figcaption>${caption.join(' ')}</figcaption>`;
  return `<figure class="${lead ? 'lead' : 'figure'}">\n${img}${figcaption}\n</figure>`;
}

function plainImg(picture: Picture, links: PictureLinks): string {
  const src = fallbackRendition(picture);
  return `<img src="${escapeXml(links.href(src.src))}" alt="${escapeXml(picture.alt)}" width="${src.width}" height="${src.height}"/>`;
}

function srcset(renditions: readonly Rendition[], links: PictureLinks): string {
  return renditions.map((r) => `${escapeXml(links.href(r.src))} ${r.width}w`).join(', ');
}

function responsiveImg(picture: Picture, links: PictureLinks, lead: boolean): string {
  const fallback = fallbackRendition(picture);
  const byType = (type: string) => picture.renditions.filter((r) => r.type === type);
  const sources = ['image/avif', 'image/webp']
    .filter((type) => byType(type).length > 0)
    .map((type) => `<source type="${type}" srcset="${srcset(byType(type), links)}" sizes="${SIZES}">`);
  // The lead is the page's largest picture, near the top: fetched first. Every other one waits until it is near.
  const loading = lead ? 'fetchpriority="high" decoding="async"' : 'loading="lazy" decoding="async"';
  const img = `<img src="${escapeXml(links.href(fallback.src))}" srcset="${srcset(byType(fallback.type), links)}" sizes="${SIZES}" `
    + `width="${fallback.width}" height="${fallback.height}" alt="${escapeXml(picture.alt)}" ${loading}>`;
  return ['<picture>', ...sources, img, '</picture>'].join('\n');
}
