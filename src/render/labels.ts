// Words Galley itself adds to an article, in the article's language: one table for every format.

// The related list's heading in the article's language, so a screen reader does not read it with the
// wrong voice; English for a language not listed.
const RELATED_HEADINGS: Readonly<Record<string, string>> = {
  en: 'Related reading',
  de: 'Mehr zum Thema',
  fr: 'À lire aussi',
  es: 'Lecturas relacionadas',
  it: 'Letture correlate',
  nl: 'Meer over dit onderwerp',
  pt: 'Leia também',
  pl: 'Czytaj także',
  ru: 'Читайте также',
  uk: 'Читайте також',
  el: 'Διαβάστε επίσης',
  ko: '관련 기사',
};

/** "Related reading", or its translation for the article's primary language subtag. */
export function relatedHeading(language: string): string {
  const primary = language.split('-')[0]!.toLowerCase();
  return RELATED_HEADINGS[primary] ?? RELATED_HEADINGS.en!;
}
