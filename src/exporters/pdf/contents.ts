// The edition's contents: per section its name, under it each article's title with the page it starts on,
// each entry a link to that page. Planned before the articles are laid out (its length depends only on the
// titles, so the articles' first page is known), drawn after them (when their pages are).
import type { Article } from '../../model/article.js';
import type { Edition } from '../../model/edition.js';
import type { Messages } from '../../messages/messages.js';
import { intlLocale } from '../../messages/messages.js';
import { linkToPage } from '../../patches/pdfkit.js';
import { EDITION_SPACE, EDITION_STYLES, NUMBER_COLUMN, type FrontGeometry } from './edition-style.js';
import type { Canvas } from './canvas.js';
import { baseline } from './flow.js';
import { upper } from './layout.js';
import type { Box, PageText, Setting } from './page-text.js';
import type { Tag } from './structure.js';
import type { PageGeometry } from './style.js';

interface Placed {
  /** The contents page it is on, counted from the first. */
  page: number;
  top: number;
}
interface SectionPlan extends Placed {
  section: string;
  name: Setting;
  entries: (Placed & { article: Article; title: Setting })[];
}

export interface ContentsPlan {
  /** How many pages the contents take. */
  pages: number;
  /** Draw it on its pages, from `first` on; `starts` gives the page index each article starts on. */
  draw(first: number, starts: ReadonlyMap<Article, number>): void;
}

/** The contents laid out (nothing drawn yet): heading, sections and entries, page by page. */
export function planContents(text: PageText, edition: Edition, words: Messages, page: PageGeometry, front: FrontGeometry,
  element: Tag): ContentsPlan {
  const S = EDITION_STYLES;
  const heading = text.set(words.text('edition.contents'), S.contentsHeading, front.width, words.lang('edition.contents'));
  const dateline = `${edition.label} · ${words.text('edition.number', { number: edition.number })}`;
  const under = text.set(dateline, S.dateline, front.width, edition.language);
  let pageIndex = 0;
  let y = page.top + text.height(heading) + 8 + text.height(under) + EDITION_SPACE.afterContentsHeading;
  const room = (need: number): void => {
    if (y + need <= page.bottom + 0.01) return;
    pageIndex++;
    y = page.top;
  };
  const sections: SectionPlan[] = [];
  for (const section of edition.sections) {
    const name = text.set(upper(section.name, edition.language), S.contentsSection, front.width - NUMBER_COLUMN, edition.language);
    const titles = section.articles.map((article) => text.set(article.title, S.entry, front.width - NUMBER_COLUMN, article));
    const before = y === page.top ? 0 : EDITION_SPACE.contentsSection;
    // The section's name stays with its first entry.
    room(before + text.height(name) + EDITION_SPACE.afterContentsSection + text.height(titles[0]!));
    if (y !== page.top) y += EDITION_SPACE.contentsSection;
    const plan: SectionPlan = { section: section.name, name, page: pageIndex, top: y, entries: [] };
    y += text.height(name) + EDITION_SPACE.afterContentsSection;
    section.articles.forEach((article, i) => {
      const title = titles[i]!;
      const space = i === 0 ? 0 : EDITION_SPACE.entry;
      room(space + text.height(title));
      if (y !== page.top) y += space;
      plan.entries.push({ article, title, page: pageIndex, top: y });
      y += text.height(title);
    });
    sections.push(plan);
  }

  const draw = (first: number, starts: ReadonlyMap<Article, number>): void => {
    const { tree } = text;
    const canvas = heading.canvas;
    const doc = canvas.doc;
    const box: Box = { left: front.left, width: front.width };
    // The titles keep clear of the numbers' column, at the page's far end (the left on a right-to-left site).
    const titleBox: Box = { left: text.rtl ? front.left + NUMBER_COLUMN : front.left, width: front.width - NUMBER_COLUMN };
    const lang = (language: string): string | undefined => (language === edition.language ? undefined : language);
    doc.switchToPage(first);
    let top = page.top;
    top += text.draw(heading, top, box, 'start', { element: text.element(element, 'H1', words.text('edition.contents'), lang(words.lang('edition.contents'))), tag: 'H1' });
    top += 8;
    top += text.draw(under, top, box, 'start', { element: text.element(element, 'P', dateline, lang(words.lang('edition.number'))), tag: 'P' });
    canvas.rule(front.left, front.right, top + 9, 0.6, 0.55);

    const toc = tree.element(element, 'TOC');
    const number = new Intl.NumberFormat(intlLocale(edition.language), { useGrouping: false });
    let current = 0;
    const turnTo = (p: number): void => {
      if (p === current) return;
      current = p;
      doc.switchToPage(first + p);
    };
    for (const section of sections) {
      turnTo(section.page);
      const item = tree.element(toc, 'TOCI');
      text.draw(section.name, section.top, titleBox, 'start', { element: text.element(item, 'P', section.section), tag: 'P' });
      const entries = tree.element(item, 'TOC');
      for (const entry of section.entries) {
        turnTo(entry.page);
        const start = starts.get(entry.article);
        if (start === undefined) throw new Error(`pdf: no page for ${entry.article.slug}`);
        const printed = number.format(start + 1);
        const link = text.element(tree.element(entries, 'TOCI', null, undefined, lang(entry.article.language)), 'Link', `${entry.article.title} ${printed}`);
        const height = text.draw(entry.title, entry.top, titleBox, 'start', { element: link, tag: 'Link' });
        // The number on the title's last line, at the far end, with dot leaders between them.
        const last = entry.title.lines[entry.title.lines.length - 1]!;
        const lastTop = entry.top + height - entry.title.style.leading;
        const digits = text.set(printed, EDITION_STYLES.number, NUMBER_COLUMN, edition.language);
        text.draw(digits, lastTop, box, 'end', { element: link, tag: 'Link' });
        const base = baseline(lastTop, entry.title.style);
        const title = text.place(entry.title, last, titleBox, 'start', base);
        const titleEdge = text.rtl ? title.x : title.x + text.width(entry.title, last);
        const digitsWidth = text.width(digits, digits.lines[0]!);
        const numberEdge = text.rtl ? front.left + digitsWidth : front.right - digitsWidth;
        leaders(text, canvas, Math.min(titleEdge, numberEdge) + 6, Math.max(titleEdge, numberEdge) - 6, base);
        const { annotation, page: on } = linkToPage(doc, { x: front.left, y: entry.top, width: front.width, height }, start, link, entry.article.title);
        tree.annotation(link, annotation, on);
      }
    }
  };
  return { pages: pageIndex + 1, draw };
}

/** A row of dots from x1 to x2 on `base`: drawn as a dashed stroke with round caps, so no dot is text. */
function leaders(text: PageText, canvas: Canvas, x1: number, x2: number, base: number): void {
  if (x2 - x1 < 12) return;
  const y = base - 0.5;
  // Dots on a 3.5 pt pitch, aligned to the pitch so that the rows of every entry line up.
  const pitch = 3.5;
  const from = Math.ceil(x1 / pitch) * pitch;
  const to = Math.floor(x2 / pitch) * pitch;
  text.mark(canvas, null, () => canvas.doc.addContent(`q 0.9 w 1 J [0 ${pitch}] 0 d 0.6 G ${from.toFixed(2)} ${y.toFixed(2)} m ${to.toFixed(2)} ${y.toFixed(2)} l S Q`));
}
