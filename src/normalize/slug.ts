// File-safe slugs from headlines: ASCII letters, digits and -, transliterated where a mapping exists.
import anyAscii from 'any-ascii';

export const MAX_SLUG = 80;
const FALLBACK = 'article';

/** Lower-case ASCII slug of at most 80 characters, cut at a word boundary; never empty. */
export function slugify(text: string): string {
  // Apostrophes go before transliteration (Russia's -> russias) and after it: any-ascii writes the Cyrillic soft
  // and hard signs as ' and " (сблизиться -> sblizit'sya), which would otherwise split a word with a hyphen.
  const ascii = anyAscii(text.normalize('NFC').replace(/['\u2019\u2018]/g, '')).replace(/['"]/g, '').toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG) {
    const cut = slug.slice(0, MAX_SLUG + 1);
    const boundary = cut.lastIndexOf('-');
    slug = (boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, MAX_SLUG)).replace(/-+$/, '');
  }
  return slug === '' ? FALLBACK : slug;
}

/** True for a slug the model accepts as it is. */
export function isSlug(text: string): boolean {
  return text.length <= MAX_SLUG && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text);
}

/** `base`, or `base-2`, `base-3`, ... whichever `taken` does not hold yet; the result is added to `taken`. */
export function uniqueSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) {
    const suffix = `-${n}`;
    slug = base.slice(0, MAX_SLUG - suffix.length).replace(/-+$/, '') + suffix;
  }
  taken.add(slug);
  return slug;
}
