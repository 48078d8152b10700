// Galley's typefaces, named once: every format that sets type (the PDF, the EPUB cover) draws from this list.
import { createRequire } from 'node:module';
import { languageScript } from './direction.js';

const require = createRequire(import.meta.url);

/** A family that covers one script (or Han in one region's forms), set where the serif has no glyph. */
export type ScriptFamily =
  | 'arabic' | 'hebrew' | 'devanagari' | 'bengali' | 'gurmukhi' | 'gujarati' | 'tamil' | 'telugu' | 'kannada'
  | 'malayalam' | 'oriya' | 'sinhala' | 'thai' | 'lao' | 'khmer' | 'myanmar' | 'tibetan' | 'georgian' | 'armenian'
  | 'ethiopic' | 'thaana' | 'syriac' | 'sc' | 'tc' | 'jp' | 'kr';

/** The faces: three cuts of the serif, the emoji, and a regular and bold face for each script family. */
export type FaceName = 'regular' | 'bold' | 'italic' | 'emoji' | ScriptFamily | `${ScriptFamily}-bold`;

// Noto throughout, so the scripts share proportions and colour on the page. Serif designs where Noto has
// one (a newspaper's text face), else the sans. Every face here is a static TrueType file.
const FAMILIES: Record<ScriptFamily, [pkg: string, file: string]> = {
  arabic: ['noto-naskh-arabic', 'NotoNaskhArabic'],
  hebrew: ['noto-serif-hebrew', 'NotoSerifHebrew'],
  devanagari: ['noto-serif-devanagari', 'NotoSerifDevanagari'],
  bengali: ['noto-serif-bengali', 'NotoSerifBengali'],
  gurmukhi: ['noto-sans-gurmukhi', 'NotoSansGurmukhi'],
  gujarati: ['noto-sans-gujarati', 'NotoSansGujarati'],
  tamil: ['noto-sans-tamil', 'NotoSansTamil'],
  telugu: ['noto-sans-telugu', 'NotoSansTelugu'],
  kannada: ['noto-sans-kannada', 'NotoSansKannada'],
  malayalam: ['noto-sans-malayalam', 'NotoSansMalayalam'],
  oriya: ['noto-sans-oriya', 'NotoSansOriya'],
  sinhala: ['noto-sans-sinhala', 'NotoSansSinhala'],
  thai: ['noto-sans-thai', 'NotoSansThai'],
  lao: ['noto-sans-lao', 'NotoSansLao'],
  khmer: ['noto-sans-khmer', 'NotoSansKhmer'],
  myanmar: ['noto-sans-myanmar', 'NotoSansMyanmar'],
  tibetan: ['noto-serif-tibetan', 'NotoSerifTibetan'],
  georgian: ['noto-sans-georgian', 'NotoSansGeorgian'],
  armenian: ['noto-sans-armenian', 'NotoSansArmenian'],
  ethiopic: ['noto-sans-ethiopic', 'NotoSansEthiopic'],
  thaana: ['noto-sans-thaana', 'NotoSansThaana'],
  syriac: ['noto-sans-syriac', 'NotoSansSyriac'],
  sc: ['noto-serif-sc', 'NotoSerifSC'],
  tc: ['noto-serif-tc', 'NotoSerifTC'],
  jp: ['noto-serif-jp', 'NotoSerifJP'],
  kr: ['noto-serif-kr', 'NotoSerifKR'],
};

const SERIF: Record<'regular' | 'bold' | 'italic' | 'emoji', string> = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
};

/** The TTF file of a face, from its npm package: never a path written into the code. */
export function fontFile(name: FaceName): string {
  if (name in SERIF) return require.resolve(SERIF[name as keyof typeof SERIF]);
  const bold = name.endsWith('-bold');
  const [pkg, file] = FAMILIES[(bold ? name.slice(0, -5) : name) as ScriptFamily];
  const cut = bold ? '700Bold' : '400Regular';
  return require.resolve(`@expo-google-fonts/${pkg}/${cut}/${file}_${cut}.ttf`);
}

/** The face of a script family in the weight of a style face (italic has no counterpart: it sets upright). */
export function familyFace(family: ScriptFamily, style: FaceName): FaceName {
  return style === 'bold' || style.endsWith('-bold') ? `${family}-bold` : family;
}

// The script each family sets: its Unicode Script property, for a character, and its ISO 15924 code, for
// the script a language is written in (as Intl.Locale gives it). Han, Kana and Bopomofo go to the CJK
// family of the article's language, chosen in hanFamily; so does a Korean article (code Kore), while a
// Hangul character in any article is Korean's.
const SCRIPTS: readonly [family: ScriptFamily, script: string, code: string | null][] = [
  ['arabic', 'Arabic', 'Arab'],
  ['hebrew', 'Hebrew', 'Hebr'],
  ['devanagari', 'Devanagari', 'Deva'],
  ['bengali', 'Bengali', 'Beng'],
  ['gurmukhi', 'Gurmukhi', 'Guru'],
  ['gujarati', 'Gujarati', 'Gujr'],
  ['tamil', 'Tamil', 'Taml'],
  ['telugu', 'Telugu', 'Telu'],
  ['kannada', 'Kannada', 'Knda'],
  ['malayalam', 'Malayalam', 'Mlym'],
  ['oriya', 'Oriya', 'Orya'],
  ['sinhala', 'Sinhala', 'Sinh'],
  ['thai', 'Thai', 'Thai'],
  ['lao', 'Lao', 'Laoo'],
  ['khmer', 'Khmer', 'Khmr'],
  ['myanmar', 'Myanmar', 'Mymr'],
  ['tibetan', 'Tibetan', 'Tibt'],
  ['georgian', 'Georgian', 'Geor'],
  ['armenian', 'Armenian', 'Armn'],
  ['ethiopic', 'Ethiopic', 'Ethi'],
  ['thaana', 'Thaana', 'Thaa'],
  ['syriac', 'Syriac', 'Syrc'],
  ['kr', 'Hangul', null],
];
const SCRIPT_FAMILIES = SCRIPTS.map(([family, script]) => [new RegExp(`\\p{Script=${script}}`, 'u'), family] as const);
const CODE_FAMILIES = new Map(SCRIPTS.flatMap(([family, , code]) => (code === null ? [] : [[code, family] as const])));
const HAN_CODES = new Set(['Jpan', 'Kore', 'Hans', 'Hant']);
const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef\u30fc]/u;

/** The CJK family whose regional glyph forms a language reads: Japanese, Korean, Traditional or Simplified. */
export function hanFamily(language: string): ScriptFamily {
  const script = languageScript(language);
  if (script === 'Jpan') return 'jp';
  if (script === 'Kore') return 'kr';
  if (script === 'Hant') return 'tc';
  return 'sc';
}

/** The family for a character by its script, or null for characters of no one script (punctuation, digits). */
export function scriptFamily(char: string, language: string): ScriptFamily | null {
  for (const [test, family] of SCRIPT_FAMILIES) if (test.test(char)) return family;
  return HAN.test(char) ? hanFamily(language) : null;
}

/** The script families to try for a character of no one script, the article's own first. */
export function familiesFor(language: string): readonly ScriptFamily[] {
  let order = orders.get(language);
  if (order === undefined) {
    const own = languageFamily(language);
    const all = Object.keys(FAMILIES) as ScriptFamily[];
    order = own === null ? all : [own, ...all.filter((f) => f !== own)];
    orders.set(language, order);
  }
  return order;
}

// Asked for each character of no single script: the order is worked out once per language.
const orders = new Map<string, readonly ScriptFamily[]>();

/** The family of the script a language is written in, or null where the serif sets it (Latin, Cyrillic, Greek). */
export function languageFamily(language: string): ScriptFamily | null {
  const script = languageScript(language);
  if (script === null) return null;
  return HAN_CODES.has(script) ? hanFamily(language) : CODE_FAMILIES.get(script) ?? null;
}
