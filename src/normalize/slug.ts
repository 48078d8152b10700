// File-safe slugs from headlines: ASCII letters, digits and -, transliterated where the result reads as the words.
import anyAscii from 'any-ascii';

export const MAX_SLUG = 80;
const FALLBACK = 'article';

/** Lower-case ASCII slug of at most 80 characters, cut at a word boundary; never empty. */
export function slugify(text: string): string {
  const slug = asciiSlug(text);
  return slug === '' ? FALLBACK : slug;
}

/**
 * The slug of an article whose front matter names none: its headline's; where the headline's script has no
 * romanization a reader would recognize, its seed file's name (newsrooms name files in ASCII: `ar-weather.txt`);
 * where that has none either, `article-` and the first 8 hex digits of its id (stable as long as the id is).
 */
export function articleSlug(headline: string, fileStem: string, id: string): string {
  for (const text of [headline, fileStem]) {
    const slug = romanizes(text) ? asciiSlug(text) : '';
    if (slug !== '') return slug;
  }
  return `${FALLBACK}-${id.replace(/^urn:uuid:/, '').slice(0, 8)}`;
}

/** True for a slug the model accepts as it is. */
export function isSlug(text: string): boolean {
  return text.length <= MAX_SLUG && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text);
}

// For each set of taken slugs, the number each base's search goes on from: every number below it was taken when
// last tried, and slugs are never given back, so counting from 2 again (quadratic in the slugs of one base, as in
// a seed of 50,000 sections headed `News: Update`) finds the same slug.
const nextNumber = new WeakMap<Set<string>, Map<string, number>>();

/** `base`, or `base-2`, `base-3`, ... whichever `taken` does not hold yet; the result is added to `taken`. */
export function uniqueSlug(base: string, taken: Set<string>): string {
  let next = nextNumber.get(taken);
  if (next === undefined) nextNumber.set(taken, (next = new Map()));
  let slug = base;
  let n = next.get(base) ?? 2;
  if (taken.has(slug)) {
    for (; taken.has((slug = numbered(base, n))); n++);
    next.set(base, n + 1);
  }
  taken.add(slug);
  return slug;
}

function numbered(base: string, n: number): string {
  const suffix = `-${n}`;
  return base.slice(0, MAX_SLUG - suffix.length).replace(/-+$/, '') + suffix;
}

/** The slug of `text`, '' when nothing is left. */
function asciiSlug(text: string): string {
  // Apostrophes go before transliteration (Russia's -> russias) and after it: any-ascii writes the Cyrillic soft
  // and hard signs as ' and " (сблизиться -> sblizit'sya), which would otherwise split a word with a hyphen.
  const plain = inherentVowels(text.normalize('NFC').replace(/['\u2019\u2018]/g, ''));
  const ascii = anyAscii(plain).replace(/['"]/g, '').toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG) {
    const cut = slug.slice(0, MAX_SLUG + 1);
    const boundary = cut.lastIndexOf('-');
    slug = (boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, MAX_SLUG)).replace(/-+$/, '');
  }
  return slug;
}

// Scripts whose any-ascii output a reader of the language would not recognize: abjads, which write no short
// vowels (بوتين يسعى -> bwtyn ys`a, פוטין -> fvtyn); Han, as toneless pinyin run together with no word breaks
// (and Chinese readings of Japanese kanji: 北朝鮮 -> BeiChaoXian, not kitachosen); and Thai, Lao, Khmer, Myanmar
// and Tibetan, which write no spaces between words and whose letter-by-letter output misleads (Thai vowels
// written before their consonant: เกาหลี -> ekahlie for kaoli).
const OPAQUE = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Han}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

/** False when at least half the letters of `text` are in a script any-ascii cannot make readable. */
function romanizes(text: string): boolean {
  // Kana next to kanji is Japanese, all of which goes together: only the kanji would be read wrongly, but a slug
  // of half the words, in the wrong order of languages, is no better.
  const japanese = HAN.test(text) && KANA.test(text);
  let letters = 0;
  let opaque = 0;
  for (const char of text) {
    if (!LETTER.test(char)) continue;
    letters++;
    if (OPAQUE.test(char) || (japanese && KANA.test(char))) opaque++;
  }
  return opaque === 0 || opaque * 2 < letters;
}

// The Brahmic scripts from Devanagari to Malayalam (U+0900-U+0D7F) follow ISCII: the same offset in each 128-point
// block is the same letter. Sinhala does not, and is described apart.
type Brahmic = 'consonant' | 'nukta' | 'virama' | 'vowel-sign' | 'other';

function brahmic(char: string | undefined): Brahmic {
  const cp = char?.codePointAt(0) ?? 0;
  if (cp >= 0x0d80 && cp < 0x0e00) {
    if (cp >= 0x0d9a && cp <= 0x0dc6) return 'consonant';
    if (cp === 0x0dca) return 'virama';
    return (cp >= 0x0dcf && cp <= 0x0ddf) || cp === 0x0df2 || cp === 0x0df3 ? 'vowel-sign' : 'other';
  }
  if (cp < 0x0900 || cp >= 0x0d80) return 'other';
  const block = cp & ~0x7f;
  const at = cp & 0x7f;
  const malayalam = block === 0x0d00;
  // Malayalam's U+0D54-U+0D56 are chillus, consonants with no vowel; Bengali's U+09F0-U+09F1 are Assamese ra and wa.
  if ((at >= 0x15 && at <= 0x39) || (at >= 0x58 && at <= 0x5f && !malayalam) || cp === 0x09f0 || cp === 0x09f1) return 'consonant';
  // Malayalam's U+0D3B-U+0D3C are viramas where the other blocks have a vowel sign and the nukta.
  if (at === 0x4d || (malayalam && (at === 0x3b || at === 0x3c))) return 'virama';
  if (at === 0x3c) return 'nukta';
  const sign = (at >= 0x3a && at <= 0x3b) || (at >= 0x3e && at <= 0x4c) || (block === 0x0900 && at >= 0x4e && at <= 0x4f)
    || (at >= 0x55 && at <= 0x57) || at === 0x62 || at === 0x63;
  return sign ? 'vowel-sign' : 'other';
}

// Hindi, Marathi, Nepali, Bengali, Punjabi and Gujarati do not sound a word's last inherent vowel (उत्तर is
// uttar); Odia and the Dravidian languages do (Telugu ఉత్తర is uttara; Tamil marks every dead consonant).
const SILENT_FINAL_VOWEL = new Set([0x0900, 0x0980, 0x0a00, 0x0a80]);
// ...except after a cluster that ends in ya, ra, la or va: सत्य satya, मित्र mitra, शुक्ल shukla (but फ़िल्म film).
const SOUNDED_AFTER_CLUSTER = new Set([0x2f, 0x30, 0x32, 0x35]);
// Where any-ascii writes ISO 15919 without its accents, newspapers write च ch, छ chh, श and ष sh, and Tamil and
// Malayalam ழ/ഴ zh (கோழிக்கோடு, Kozhikode); a nukta makes a Persian or English sound: ज़ z, फ़ f, क़ q.
const LATIN: ReadonlyMap<number, string> = new Map([[0x1a, 'ch'], [0x1b, 'chh'], [0x34, 'zh'], [0x36, 'sh'], [0x37, 'sh']]);
const NUKTA_LATIN: ReadonlyMap<number, string> = new Map([
  [0x15, 'q'], [0x16, 'kh'], [0x17, 'gh'], [0x1c, 'z'], [0x21, 'r'], [0x22, 'rh'], [0x2b, 'f'], [0x2f, 'y'],
]);
const WORD_CHAR = /[\p{L}\p{M}]/u;
const BRAHMIC_TEXT = /[\u0900-\u0DFF]/u;

/** The offset of a letter in its ISCII-like block (U+0900-U+0D7F), else -1. */
function offset(char: string | undefined): number {
  const cp = char?.codePointAt(0) ?? 0;
  return cp >= 0x0900 && cp < 0x0d80 ? cp & 0x7f : -1;
}

/**
 * `text` with each Brahmic consonant's inherent vowel written out as an ASCII `a`, and the few letters
 * any-ascii spells unlike a newspaper in ASCII. any-ascii writes a consonant bare, so without this every
 * unmarked vowel is lost: उत्तर -> uttr, பயணம் -> pynm, సందర్శన -> sndrsn.
 */
function inherentVowels(text: string): string {
  if (!BRAHMIC_TEXT.test(text)) return text;
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const block = char.codePointAt(0)! & ~0x7f;
    if (offset(char) === 0x01 || offset(char) === 0x02 || char === '\u0A70') {
      // Candrabindu, anusvara, tippi: a nasal that takes the place of the next consonant (संबंध sambandh,
      // हिंदी hindi); at the end of a word n in the north (मैं main), m in the south (సందర్శనం sandarshanam);
      // Bengali ং is always ng (বাংলা bangla).
      const next = offset(chars[i + 1]);
      const end = next === -1 ? (block >= 0x0b80 ? 'm' : 'n') : next >= 0x2a && next <= 0x2e ? 'm' : 'n';
      out += block === 0x0980 ? 'ng' : end;
      continue;
    }
    if (brahmic(char) !== 'consonant') {
      out += char;
      continue;
    }
    const start = i;
    const nukta = brahmic(chars[i + 1]) === 'nukta' ? chars[++i]! : '';
    out += (nukta === '' ? LATIN.get(offset(char)) : NUKTA_LATIN.get(offset(char))) ?? char + nukta;
    const next = brahmic(chars[i + 1]);
    if (next === 'vowel-sign' || next === 'virama') continue;
    const last = chars[i + 1] === undefined || !WORD_CHAR.test(chars[i + 1]!);
    // A word of one consonant keeps its vowel (न, na).
    const alone = start === 0 || !WORD_CHAR.test(chars[start - 1]!);
    const cluster = brahmic(chars[start - 1]) === 'virama';
    const silent = SILENT_FINAL_VOWEL.has(block) && !alone && !(cluster && SOUNDED_AFTER_CLUSTER.has(offset(char)));
    if (!(last && silent)) out += 'a';
  }
  return out;
}
