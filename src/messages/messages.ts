// Galley's own words in a reader's language: a message from the catalog of that language (or the site's
// override of it), formatted by intl-messageformat; numbers, sizes, lists and dates through Intl (CLDR).
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGS } from './catalogs/index.js';
import { en } from './catalogs/en.js';
import { isMessageId, MESSAGE_IDS, SAMPLES } from './ids.js';
import type { Catalog, MessageId, MessageValues } from './ids.js';

/** A site's own wording, by language tag then message id (config `messages`). */
export type MessageOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface Messages {
  /** The language the words are in: the tag asked for where Galley has a whole catalog for it (or the site words of its own), else `en`. */
  readonly language: string;
  /** The message, its arguments filled in; a missing argument throws. */
  text(id: MessageId, values?: MessageValues): string;
  /** The language the message is in: the reader's, or `en` where neither the site nor Galley has it in theirs. */
  lang(id: MessageId): string;
  /** "23 kB", "1.4 MB": decimal units, as download sizes are given on the web; never "0 kB". */
  size(bytes: number): string;
  /** A year as the language writes one: its digits, no grouping ("2026", "۲۰۲۶"). */
  year(year: number): string;
  /** "Ana, Ben and Cleo", as the language joins a list. */
  list(items: readonly string[]): string;
  /** A day as the language writes it in full ("Friday, March 13, 2026"); `day` is YYYY-MM-DD. */
  day(day: string, style?: 'full' | 'long' | 'medium'): string;
}

/**
 * The words for a reader of `language`. Each message is looked up in the site's overrides for the tag, then
 * for its language subtag, then in Galley's catalog for the tag's script (zh-Hant) or language, then in
 * English; the first that has it is used.
 */
export function messagesFor(language: string, overrides: MessageOverrides = {}): Messages {
  const key = `${language}\u0000${overrideKey(overrides)}`;
  let made = MADE.get(key);
  if (made === undefined) {
    made = make(language, overrides);
    MADE.set(key, made);
  }
  return made;
}

const MADE = new Map<string, Messages>();

/**
 * Drop every memoized message set. A V8 startup snapshot cannot hold one (each wraps native ICU objects), so
 * the snapshot builder calls this after its warm-up render; they are made again on first use.
 */
export function forgetMessages(): void {
  MADE.clear();
}
const overrideIds = new WeakMap<object, string>();

function overrideKey(overrides: MessageOverrides): string {
  let id = overrideIds.get(overrides);
  if (id === undefined) {
    id = JSON.stringify(overrides);
    overrideIds.set(overrides, id);
  }
  return id;
}

/** The catalogs that hold a message for `language`, most specific first (Galley's own; no overrides). */
export function catalogFor(language: string): Catalog | null {
  for (const tag of lookupTags(language)) {
    const catalog = CATALOGS[tag];
    if (catalog !== undefined) return catalog;
  }
  return null;
}

/** True when Galley has a catalog for the language (a language without one reads English). */
export function hasCatalog(language: string): boolean {
  return catalogFor(language) !== null;
}

function make(language: string, overrides: MessageOverrides): Messages {
  const tags = lookupTags(language);
  const catalog = catalogFor(language);
  const own = tags.map((t) => overrides[t]).filter((o): o is Readonly<Record<string, string>> => o !== undefined);
  const complete = catalog !== null && MESSAGE_IDS.every((id) => catalog[id] !== undefined);
  const locale = intlLocale(language);
  // A message in English is formatted with English plural rules, and marked English where it stands.
  const sourceOf = (id: MessageId): { text: string; lang: string } => {
    const given = own.find((o) => o[id] !== undefined)?.[id] ?? catalog?.[id];
    return given === undefined ? { text: en[id], lang: 'en' } : { text: given, lang: language };
  };
  const compiled = new Map<MessageId, IntlMessageFormat>();
  const format = (id: MessageId) => {
    let f = compiled.get(id);
    if (f === undefined) {
      const source = sourceOf(id);
      f = new IntlMessageFormat(source.text, source.lang === 'en' ? 'en' : locale, undefined, { ignoreTag: true });
      compiled.set(id, f);
    }
    return f;
  };
  // Numbers, sizes, lists and dates follow the reader's language wherever Intl knows it.
  const number = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options);
  const kilo = number({ style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
  const mega = number({ style: 'unit', unit: 'megabyte', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const years = number({ useGrouping: false });
  const days = { full: dayFormat(locale, 'full'), long: dayFormat(locale, 'long'), medium: dayFormat(locale, 'medium') };
  return {
    language: complete || own.length > 0 ? language : 'en',
    text(id, values = {}) {
      return String(format(id).format(values as Record<string, string | number>));
    },
    lang: (id) => sourceOf(id).lang,
    size(bytes) {
      return bytes >= 999_500 ? mega.format(Math.round(bytes / 100_000) / 10) : kilo.format(Math.max(1, Math.round(bytes / 1000)));
    },
    list: (items) => list.format(items),
    year: (year) => years.format(year),
    day: (day, style = 'full') => days[style].format(new Date(`${day}T12:00:00Z`)),
  };
}

function dayFormat(locale: string, dateStyle: 'full' | 'long' | 'medium'): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' });
}

/** The tags to look a message up by: the tag, its language with its script, its language. */
function lookupTags(language: string): string[] {
  const tags = [language];
  try {
    const locale = new Intl.Locale(language);
    const script = locale.maximize().script;
    if (script !== undefined) tags.push(`${locale.language}-${script}`);
    tags.push(locale.language);
  } catch {
    tags.push(language.split('-')[0]!.toLowerCase());
  }
  return [...new Set(tags)];
}

/**
 * The language Intl should use: the given one, or English where ICU lacks it. Intl would otherwise fall back
 * to the process's locale (LANG=de_DE makes a "tlh" byline German) and the bytes would depend on the machine.
 */
export function intlLocale(language: string): string {
  try {
    const known = Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 && Intl.ListFormat.supportedLocalesOf([language]).length > 0;
    return known ? language : 'en';
  } catch {
    return 'en';
  }
}

/**
 * Why a site's override cannot be used, or null: an unknown id, a message that does not parse, or one that
 * takes an argument its English message does not give. Named by `where` (the config's path to it).
 */
export function overrideProblem(id: string, message: string, where: string): string | null {
  if (!isMessageId(id)) return `${where}: no message "${id}"; Galley's messages are listed in docs/messages.md`;
  let parsed: IntlMessageFormat;
  try {
    parsed = new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true });
  } catch (e) {
    return `${where}: not an ICU message: ${(e as Error).message}`;
  }
  try {
    parsed.format(SAMPLES[id] as Record<string, string | number>);
  } catch (e) {
    return `${where}: ${(e as Error).message}; "${id}" gives ${argumentNames(id)}`;
  }
  return null;
}

function argumentNames(id: MessageId): string {
  const names = Object.keys(SAMPLES[id]);
  return names.length === 0 ? 'no argument' : names.map((n) => `{${n}}`).join(', ');
}
