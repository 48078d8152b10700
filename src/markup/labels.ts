// The heading Galley puts over an article's related reading, in the article's language, for every format.
import { messagesFor, type MessageOverrides } from '../messages/messages.js';

/**
 * The related list's heading: the translation for the article's language; else the first of the site's
 * `relatedTitles` (the site writes its own related lists under it, so it is in the site's language, which
 * the article's most likely shares); else English.
 */
export function relatedHeading(language: string, relatedTitles: readonly string[] = [], overrides: MessageOverrides = {}): string {
  const words = messagesFor(language, overrides);
  if (words.lang('article.related') !== 'en' || primaryLanguage(language) === 'en') return words.text('article.related');
  // A configured title may be written with its colon, as it stands over a list in a seed. Cut by hand, as
  // normalize/blocks.ts does: /\s*:$/ is quadratic on a long run of white space.
  const title = relatedTitles[0]?.trim();
  const configured = title !== undefined && /[:\uFF1A]$/u.test(title) ? title.slice(0, -1).trimEnd() : title;
  return configured !== undefined && configured !== '' ? configured : words.text('article.related');
}

/** The language subtag, canonical: Intl maps the retired iw and in to he and id. */
function primaryLanguage(language: string): string {
  try {
    return new Intl.Locale(language).language;
  } catch {
    return language.split('-')[0]!.toLowerCase();
  }
}
