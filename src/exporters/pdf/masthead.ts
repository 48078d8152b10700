// The edition's front page: the nameplate between rules, the dateline (number, date, counts), the cover's
// picture, and the top stories (each section's first article, then the next ones, up to five) as a newspaper
// sets them: the lead across the page, the others in two columns; each headline a link to its article's page.
import type { Article } from '../../model/article.js';
import { editionArticles, type Edition } from '../../model/edition.js';
import type { Messages } from '../../messages/messages.js';
import { linkToPage } from '../../patches/pdfkit.js';
import type { Canvas } from './canvas.js';
import { printRendition } from './figure.js';
import { shortTitle } from './flow.js';
import { upper } from './layout.js';
import type { Box, PageText, Setting } from './page-text.js';
import type { Tag } from './structure.js';
import type { PageGeometry } from './style.js';
import {
  COVER_MAX_HEIGHT, EDITION_SPACE, EDITION_STYLES as S, MAX_STORIES, STORY_SCALES, type FrontGeometry, type StoryScale,
} from './edition-style.js';

/** The space from the rule over a row of stories to its kickers. */
const ROW_RULE = 12;

export interface FrontPage {
  text: PageText;
  edition: Edition;
  words: Messages;
  /** The site's name (config `title`). */
  site: string;
  page: PageGeometry;
  front: FrontGeometry;
  /** The front page's element in the tag tree. */
  element: Tag;
  pictures: Readonly<Record<string, Uint8Array>>;
  open: (src: string, bytes: Uint8Array) => unknown;
  /** The page index each article starts on. */
  starts: ReadonlyMap<Article, number>;
}

/** A top story set for its box: kicker, headline, summary. */
interface Story {
  article: Article;
  section: string;
  kicker: Setting;
  headline: Setting;
  summaryText: string;
  summary: Setting;
}

/** Draw the front page on the document's first page. */
export function drawMasthead(f: FrontPage): void {
  const { text, edition, words, front } = f;
  const canvas = text.canvasFor(edition.language);
  const doc = canvas.doc;
  doc.switchToPage(0);
  const wide: Box = { left: front.left, width: front.width };
  const lang = (language: string): string | undefined => (language === edition.language ? undefined : language);
  const el = (type: string, words: string | null, language = edition.language): Tag => text.element(f.element, type, words, lang(language));

  let y = front.top;
  canvas.rule(front.left, front.right, y, 0.5, 0.1);
  y += 10;
  y += text.draw(text.set(f.site, S.nameplate, front.width, edition.language, true), y, wide, 'center', { element: el('H1', f.site), tag: 'H1' });
  y += 6;
  canvas.rule(front.left, front.right, y, 1.6, 0.1);
  canvas.rule(front.left, front.right, y + 3, 0.5, 0.1);
  y += 8;
  // The dateline: the number at the start, the day in the middle, the counts at the end, one paragraph.
  const counts = `${words.text('edition.articles', { count: editionArticles(edition).length })} · ${words.text('edition.sections', { count: edition.sections.length })}`;
  const number = words.text('edition.number', { number: edition.number });
  const dateline = el('P', `${number} · ${edition.label} · ${counts}`);
  const third = front.width / 3;
  text.draw(text.set(number, S.dateline, third, words.lang('edition.number')), y, wide, 'start', { element: dateline, tag: 'Span' });
  text.draw(text.set(edition.label, S.dateline, third, edition.language), y, wide, 'center', { element: dateline, tag: 'Span' });
  text.draw(text.set(counts, S.dateline, third, words.lang('edition.articles')), y, wide, 'end', { element: dateline, tag: 'Span' });
  y += S.dateline.leading + 4;
  canvas.rule(front.left, front.right, y, 0.5, 0.1);
  y += EDITION_SPACE.afterDateline;

  const label = upper(words.text('edition.topStories'), words.lang('edition.topStories'));
  y += text.draw(text.set(label, S.label, front.width, words.lang('edition.topStories')), y, wide, 'start', { element: el('H2', label, words.lang('edition.topStories')), tag: 'H2' });
  y += EDITION_SPACE.picture;
  y = cover(f, y);

  // Keep the foot for the sections' strip.
  const bottom = front.bottom - 34;
  // Each section's first article; where there are fewer sections than stories, the next in reading order.
  const firsts = edition.sections.map((section) => section.articles[0]!);
  const stories = [...firsts, ...editionArticles(edition).filter((a) => !firsts.includes(a))].slice(0, MAX_STORIES);
  const column = (front.width - front.gutter) / 2;
  const setStory = (article: Article, scale: StoryScale, lead: boolean): Story => {
    const width = lead ? front.width : column;
    const section = edition.sections.find((s) => s.articles.includes(article))!.name;
    const summaryText = shortTitle(article.summary, lead ? scale.leadChars : scale.chars);
    return {
      article, section, summaryText,
      kicker: text.set(upper(section, edition.language), S.label, width, edition.language),
      headline: text.set(article.title, lead ? scale.leadHeadline : scale.headline, width, article, true),
      summary: text.set(summaryText, lead ? scale.leadSummary : scale.summary, width, article),
    };
  };
  const storyHeight = (s: Story): number =>
    text.height(s.kicker) + EDITION_SPACE.kicker + text.height(s.headline) + EDITION_SPACE.summary + text.height(s.summary);
  const drawStory = (s: Story, box: Box, top: number): void => {
    let at = top;
    at += text.draw(s.kicker, at, box, 'start', { element: el('P', s.section), tag: 'P' }) + EDITION_SPACE.kicker;
    const link = text.element(el('H3', null, s.article.language), 'Link', s.article.title);
    const height = text.draw(s.headline, at, box, 'start', { element: link, tag: 'Link' });
    const target = f.starts.get(s.article)!;
    const { annotation, page } = linkToPage(doc, { x: box.left, y: at, width: box.width, height }, target, link, s.article.title);
    text.tree.annotation(link, annotation, page);
    at += height + EDITION_SPACE.summary;
    text.draw(s.summary, at, box, 'start', { element: el('P', s.summaryText, s.article.language), tag: 'P' });
  };
  // The lead across the page, the others two by two, the first of a row at the page's start: in the larger
  // type where every story fits (few stories, no picture), else the smaller.
  const arrange = (scale: StoryScale): { lead: Story | null; rows: Story[][]; height: number } => {
    const lead = stories[0] === undefined ? null : setStory(stories[0], scale, true);
    const rows: Story[][] = [];
    for (let i = 1; i < stories.length; i += 2) rows.push(stories.slice(i, i + 2).map((article) => setStory(article, scale, false)));
    const height = (lead === null ? 0 : storyHeight(lead) + EDITION_SPACE.story)
      + rows.reduce((sum, row) => sum + ROW_RULE + Math.max(...row.map(storyHeight)) + EDITION_SPACE.story, 0);
    return { lead, rows, height };
  };
  let layout = arrange(STORY_SCALES[0]);
  if (y + layout.height > bottom) layout = arrange(STORY_SCALES[1]);
  if (layout.lead !== null && y + storyHeight(layout.lead) <= bottom) {
    drawStory(layout.lead, wide, y);
    y += storyHeight(layout.lead) + EDITION_SPACE.story;
  }
  const columns: Box[] = [{ left: front.left, width: column }, { left: front.right - column, width: column }];
  if (text.rtl) columns.reverse();
  for (const row of layout.rows) {
    const height = Math.max(...row.map(storyHeight));
    // A row that does not fit is left out: its story is in the contents.
    if (y + ROW_RULE + height > bottom) break;
    canvas.rule(front.left, front.right, y, 0.5, 0.55);
    y += ROW_RULE;
    row.forEach((story, j) => drawStory(story, columns[j]!, y));
    if (row.length === 2) verticalRule(text, canvas, front.left + front.width / 2, y, y + height);
    y += height + EDITION_SPACE.story;
  }

  // The sections at the foot, as a paper's index strip.
  const strip = edition.sections.map((s) => upper(s.name, edition.language)).join('  ·  ');
  canvas.rule(front.left, front.right, front.bottom - 22, 0.5, 0.1);
  text.draw(firstLine(text.set(strip, S.label, front.width, edition.language)), front.bottom - 14, wide, 'center', { element: el('P', strip), tag: 'P' });
}

/** One line at most: a strip of many sections is cut rather than run off the page. */
function firstLine(setting: Setting): Setting {
  return { ...setting, lines: setting.lines.slice(0, 1) };
}

/** The cover article's lead picture across the page, with its caption; gives the y below it. */
function cover(f: FrontPage, top: number): number {
  const { text, edition, front } = f;
  const article = edition.sections.flatMap((s) => s.articles).find((a) => a.slug === edition.cover);
  const picture = article?.image;
  if (article === undefined || picture === undefined) return top;
  const aspect = picture.height / picture.width;
  const height = Math.min(front.width * aspect, f.page.height * COVER_MAX_HEIGHT);
  const width = height / aspect;
  const rendition = printRendition(picture, width);
  const bytes = f.pictures[rendition.src];
  if (bytes === undefined) throw new Error(`pdf: the picture ${rendition.src} was not given (EditionContext.pictures)`);
  const image = f.open(rendition.src, bytes);
  const x = front.left + (front.width - width) / 2;
  const canvas = text.canvasFor(article);
  const lang = article.language === edition.language ? undefined : article.language;
  const figure = picture.decorative ? null : text.tree.element(f.element, 'Figure', null, picture.alt, lang);
  text.mark(canvas, figure === null ? null : { element: figure, tag: 'Figure' }, () => canvas.doc.image(image as Buffer, x, top, { width, height }));
  let y = top + height;
  const captionText = [picture.caption, picture.credit].filter((t) => t !== null).join(' · ');
  if (captionText !== '') {
    y += EDITION_SPACE.caption;
    const caption = text.element(figure ?? f.element, figure === null ? 'P' : 'Caption', captionText, figure === null ? lang : undefined);
    y += text.draw(text.set(captionText, S.caption, width, article), y, { left: x, width }, 'start', { element: caption, tag: figure === null ? 'P' : 'Caption' });
  }
  return y + EDITION_SPACE.afterPicture;
}

/** A hairline between two columns, as page decoration. */
function verticalRule(text: PageText, canvas: Canvas, x: number, y1: number, y2: number): void {
  text.mark(canvas, null, () => canvas.doc.addContent(`q 0.5 w 0.55 G ${x.toFixed(2)} ${y1.toFixed(2)} m ${x.toFixed(2)} ${y2.toFixed(2)} l S Q`));
}
