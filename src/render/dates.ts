// Dates as readers see them, formatted for the article's language; always in UTC so time zones never change bytes.

/** "19 June 2024" in en-GB style, "19. Juni 2024" in German, ...; falls back to English for an unknown tag. */
export function formatLongDate(iso: string, language: string): string {
  const date = new Date(iso);
  let locale = language;
  try {
    Intl.DateTimeFormat.supportedLocalesOf([language]);
  } catch {
    locale = 'en';
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** "Vladimir Putin and Kim Jong Un · 19 June 2024" */
export function byline(authors: readonly string[], published: string, language: string): string {
  return `${joinNames(authors, language)} · ${formatLongDate(published, language)}`;
}

function joinNames(names: readonly string[], language: string): string {
  try {
    return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}
