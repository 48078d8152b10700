// Dates and bylines as readers see them, in the article's language; always UTC, never the machine's locale.
import { intl } from '../typeset/intl.js';

/**
 * The language Intl should use: the article's, or English where ICU lacks it. Intl would otherwise fall back
 * to the process's locale (LANG=de_DE makes a "tlh" byline German) and the bytes would depend on the machine.
 */
function intlLanguage(language: string): string {
  try {
    const known = Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 && Intl.ListFormat.supportedLocalesOf([language]).length > 0;
    return known ? language : 'en';
  } catch {
    return 'en';
  }
}

/** "June 19, 2024" in English, "19. Juni 2024" in German, ...; English for a language ICU lacks. */
export function formatLongDate(iso: string, language: string): string {
  return intl(`date:${language}`, () => new Intl.DateTimeFormat(intlLanguage(language), { dateStyle: 'long', timeZone: 'UTC' })).format(new Date(iso));
}

/** "Vladimir Putin and Kim Jong Un": the authors as the article's language lists names. */
export function authorList(authors: readonly string[], language: string): string {
  return intl(`list:${language}`, () => new Intl.ListFormat(intlLanguage(language), { style: 'long', type: 'conjunction' })).format(authors);
}

/** The separator between the authors and the date of a byline. */
export const BYLINE_SEPARATOR = ' · ';

/** "Vladimir Putin and Kim Jong Un · June 19, 2024" */
export function byline(authors: readonly string[], published: string, language: string): string {
  return `${authorList(authors, language)}${BYLINE_SEPARATOR}${formatLongDate(published, language)}`;
}

/** `YYYY-MM-DDThh:mm:ssZ`: whole seconds in UTC, the form EPUB's dcterms:modified requires and XMP dates use. */
export function isoSeconds(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}
