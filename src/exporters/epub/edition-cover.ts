// The edition EPUB's cover image: its masthead (./masthead.ts) in the site's and the edition's words, with the
// cover article's photo across the top when the build gave its crop and a Raster; and what it could not draw.
import type { Article } from '../../model/article.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { editionArticles, type Edition } from '../../model/edition.js';
import { editionFilePath } from '../../model/layout.js';
import type { EditionContext } from '../../model/output.js';
import { coverCrop } from '../../model/picture.js';
import { xmlSafe } from '../../markup/xml.js';
import { siteMessages } from '../../messages/site.js';
import { languageDirection } from '../../typeset/direction.js';
import type { CoverImage } from './container.js';
import { COVER_HEIGHT, COVER_WIDTH } from './cover.js';
import { coverDiagnostics, missingGlyphDiagnostics } from './diagnostics.js';
import { FILES } from './documents.js';
import { type Masthead, mastheadIndices, type MastheadLayout } from './masthead.js';
import { photoAbove } from './photo-cover.js';
import { encodeIndexedPng } from './png.js';

/** The most headlines the cover shows: a front page's top stories, each still large enough to read in a thumbnail. */
export const COVER_STORIES = 4;
/**
 * The photo band's height: shorter than the article cover's, so the nameplate and the headlines fit under it;
 * a whole number of JPEG blocks (16 rows with subsampled chroma), so the photo's edge bleeds into no text.
 */
export const MASTHEAD_PHOTO_BAND = 352;

/** The top stories: each section's first article, then the next in reading order, as many as the cover shows. */
export function topStories(edition: Edition): Article[] {
  const firsts = edition.sections.map((s) => s.articles[0]!);
  return [...firsts, ...editionArticles(edition).filter((a) => !firsts.includes(a))].slice(0, COVER_STORIES);
}

/** The words on the cover: the site's name, the edition's number and day, the label and the top headlines. */
export function editionMasthead(edition: Edition, ctx: Pick<EditionContext, 'config'>): Masthead {
  const words = siteMessages(ctx.config);
  return {
    site: { text: xmlSafe(ctx.config.title), language: ctx.config.language },
    dateline: { text: xmlSafe(`${words.text('edition.number', { number: edition.number })} · ${edition.label}`), language: edition.language },
    label: { text: words.text('edition.topStories'), language: words.lang('edition.topStories') },
    headlines: topStories(edition).map((a) => ({ text: xmlSafe(a.title), language: a.language })),
    direction: languageDirection(edition.language),
  };
}

/**
 * The cover: the masthead as an indexed PNG, or (given the cover article's crop and a Raster) as a JPEG under
 * the photo; the site's colours, the same on every edition. Warnings for the characters no face could draw,
 * a headline's about its article's seed, the edition's own words about the edition's file.
 */
export async function editionCover(edition: Edition, ctx: Pick<EditionContext, 'config' | 'pictures' | 'raster'>): Promise<{ cover: CoverImage; diagnostics: Diagnostic[] }> {
  const masthead = editionMasthead(edition, ctx);
  const picture = editionArticles(edition).find((a) => a.slug === edition.cover)?.image;
  const photo = picture === undefined ? undefined : ctx.pictures?.[coverCrop(picture).src];
  const key = ctx.config.title;
  let cover: CoverImage;
  let layout: MastheadLayout;
  if (photo !== undefined && ctx.raster !== undefined) {
    const { data } = await ctx.raster.decode(photo);
    const drawn = mastheadIndices(masthead, MASTHEAD_PHOTO_BAND, key);
    layout = drawn.layout;
    const rgb = photoAbove(data, MASTHEAD_PHOTO_BAND, drawn.indices, drawn.palette);
    cover = { bytes: new Uint8Array(await ctx.raster.jpeg(rgb, COVER_WIDTH, COVER_HEIGHT)), name: FILES.photoCover, type: 'image/jpeg', missing: [] };
  } else {
    const drawn = mastheadIndices(masthead, 0, key);
    layout = drawn.layout;
    cover = { bytes: encodeIndexedPng(COVER_WIDTH, COVER_HEIGHT, drawn.palette, drawn.indices), name: FILES.cover, type: 'image/png', missing: [] };
  }
  const { missing } = layout;
  cover.missing = [...new Set([missing.site, missing.dateline, missing.label, ...missing.headlines].flat())];
  const file = editionFilePath(edition.key, 'epub');
  const stories = topStories(edition);
  const diagnostics = [
    ...missingGlyphDiagnostics(file, missing.site, masthead.site.text),
    ...missingGlyphDiagnostics(file, missing.dateline, masthead.dateline.text),
    ...missingGlyphDiagnostics(file, missing.label, masthead.label.text),
    ...missing.headlines.flatMap((m, i) => coverDiagnostics(stories[i]!, m)),
  ];
  return { cover, diagnostics };
}
