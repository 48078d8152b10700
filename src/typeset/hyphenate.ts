// Hyphenation by language with the `hyphen` package's TeX patterns: soft hyphens mark where a word may break.
import { createRequire } from 'node:module';
import english from 'hyphen/en/index.js';
import { Recent, recentIn } from './recent.js';

const require = createRequire(import.meta.url);

interface Patterns {
  hyphenateSync(text: string): string;
}

// English, imported rather than required: most articles are English, and an import goes into the bundle
// the CLI's startup snapshot is made from (a snapshot can hold no module loaded by require()).
const IMPORTED: Record<string, Patterns> = { en: english, 'en-us': english };

// Pattern sets the package ships (its folder names), so a language tag never reaches require() unchecked.
// `zh` is left out: it is pinyin, not Chinese text. So are the Indic languages and Thai: their newspapers
// do not break words with a hyphen at the line's end, so those articles are set ragged, unhyphenated.
const AVAILABLE = new Set(
  ('af be bg ca cop cs cu cy da de de-1901 de-1996 de-ch-1901 el el-monoton el-polyton en en-gb en-us es et ' +
    'eu fi fr fur ga gl grc hr hsb hu hy ia id is it ka kmr la lt lv mk mn mn-cyrl nb nl nn no oc ' +
    'pi pl pms pt rm ro ru sh sh-cyrl sh-latn sk sl sq sr sr-cyrl sv tk tr uk').split(' '),
);

/** Puts U+00AD at every permitted break in a word. */
export type Hyphenator = (word: string) => string;

const loaded = new Map<string, Hyphenator | null>();
const MEMO_LIMIT = 10_000;

/**
 * The hyphenator for a BCP 47 tag ("en", "en-GB", "de-CH", ...), trying ever shorter prefixes of the tag;
 * null when the package has no patterns for the language. Each pattern set is loaded once per process.
 */
export function hyphenatorFor(language: string): Hyphenator | null {
  const tag = language.toLowerCase();
  let hit = loaded.get(tag);
  if (hit !== undefined) return hit;
  hit = null;
  const parts = tag.split('-');
  for (let n = parts.length; n > 0 && hit === null; n--) {
    const candidate = parts.slice(0, n).join('-');
    if (AVAILABLE.has(candidate)) hit = cached(IMPORTED[candidate] ?? (require(`hyphen/${candidate}`) as Patterns));
  }
  loaded.set(tag, hit);
  return hit;
}

function cached(module: Patterns): Hyphenator {
  // Pattern matching costs ~30 µs a word; articles repeat their words, and a process renders many articles.
  const memo = new Recent<string, string>(MEMO_LIMIT);
  return (word) => memo.obtain(word, () => module.hyphenateSync(word));
}

const LETTERS = /\p{L}+/gu;
const MAX_WORD = 80;
const URL_LIKE = /[:/@]|\.\p{L}/u;

/** Soft hyphens in the letter runs of a space-free token; URLs and e-mail addresses are left whole. */
export function hyphenateToken(token: string, hyphenate: Hyphenator): string {
  // The pattern matcher's time grows with the square of a word's length, and no word of any language
  // runs past MAX_WORD letters: a longer run is a string of letters, cut anywhere when it overflows.
  return recentIn(tokens, hyphenate, MEMO_LIMIT).obtain(token, () =>
    URL_LIKE.test(token) ? token : token.replace(LETTERS, (run) => (run.length >= 5 && run.length <= MAX_WORD ? hyphenate(run) : run)));
}

const tokens = new WeakMap<Hyphenator, Recent<string, string>>();
