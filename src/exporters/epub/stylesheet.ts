// The EPUB stylesheet: light-touch CSS that leaves sizes, margins, colours and most fonts to the reader.
import { languageScript } from '../../typeset/direction.js';
import { languageFamily, type ScriptFamily } from '../../typeset/fonts.js';

/**
 * Rules written for e-readers: em units only, no colours (night modes stay readable), no flex or grid
 * (older Kobo firmware shows blank pages), automatic hyphenation driven by the lang attribute on <html>,
 * with the prefixed forms older engines read. Right-to-left rules use physical properties under
 * [dir="rtl"]: RMSDK (Adobe Digital Editions, older Kobos) and older Kindles know no logical properties
 * and may start lines on the left whatever the direction. The direction itself is the dir attribute's
 * alone: EPUB forbids the CSS `direction` property (EPUBCheck CSS-001).
 */
const BASE = `@charset "UTF-8";

p, li {
  -webkit-hyphens: auto;
  -epub-hyphens: auto;
  -moz-hyphens: auto;
  -adobe-hyphenate: auto;
  hyphens: auto;
  orphans: 2;
  widows: 2;
}

/* Scripts without hyphenation dictionaries; Korean breaks between words, not inside them. */
:lang(ja) p, :lang(ja) li, :lang(zh) p, :lang(zh) li, :lang(ko) p, :lang(ko) li {
  -webkit-hyphens: none;
  -epub-hyphens: none;
  hyphens: none;
}
:lang(ko) p, :lang(ko) li {
  word-break: keep-all;
}

h1, h2 {
  -webkit-hyphens: manual;
  -epub-hyphens: manual;
  hyphens: manual;
  line-height: 1.2;
  page-break-after: avoid;
  break-after: avoid;
  page-break-inside: avoid;
  break-inside: avoid;
}

h1 {
  font-size: 1.6em;
  margin: 0 0 0.5em 0;
}

h2 {
  font-size: 1.25em;
  margin: 1.5em 0 0.5em 0;
}

.kicker {
  display: block;
  font-size: 0.7em;
  font-weight: normal;
  letter-spacing: 0.05em;
  margin-bottom: 0.25em;
}

p {
  margin: 0 0 0.75em 0;
  text-indent: 0;
}

.byline {
  font-style: italic;
  font-size: 0.9em;
}

.standfirst {
  font-weight: bold;
  margin-bottom: 1.5em;
}

.list-title {
  font-weight: bold;
  margin-bottom: 0.25em;
  page-break-after: avoid;
  break-after: avoid;
}

ul {
  margin: 0 0 0.75em 0;
  padding-left: 1.5em;
}

li {
  margin-bottom: 0.25em;
}

.related {
  margin-top: 2em;
  border-top: 0.0625em solid;
  padding-top: 0.5em;
}

nav ol {
  list-style-type: none;
  padding: 0;
}

[dir="rtl"] {
  text-align: right;
}

[dir="rtl"] ul {
  padding-left: 0;
  padding-right: 1.5em;
}
`;

// Serif families per script family of typeset/fonts.ts (sans where a script has no Noto serif): the Noto
// face first, then the names Apple and Windows ship, so a reader with any of them shows the script in a face
// made for it, and CJK in its regional forms (one code point, drawn differently in Chinese, Japanese and
// Korean). Nothing is embedded: the fonts would outweigh the text many times over (the PDF embeds its own).
// Latin, Cyrillic and Greek get none: there the reader's choice of font wins.
const FAMILY_FONTS: Readonly<Partial<Record<ScriptFamily, string>>> = {
  arabic: '"Noto Naskh Arabic", "Amiri", "Geeza Pro", "Traditional Arabic", serif',
  hebrew: '"Noto Serif Hebrew", "David", "Frank Ruehl CLM", serif',
  thaana: '"Noto Sans Thaana", "MV Boli", sans-serif',
  devanagari: '"Noto Serif Devanagari", "Devanagari MT", "Kokila", "Mangal", serif',
  bengali: '"Noto Serif Bengali", "Bangla MN", "Vrinda", serif',
  gurmukhi: '"Noto Serif Gurmukhi", "Gurmukhi MN", "Raavi", serif',
  gujarati: '"Noto Serif Gujarati", "Gujarati MT", "Shruti", serif',
  tamil: '"Noto Serif Tamil", "Tamil MN", "Latha", serif',
  telugu: '"Noto Serif Telugu", "Telugu MN", "Gautami", serif',
  kannada: '"Noto Serif Kannada", "Kannada MN", "Tunga", serif',
  malayalam: '"Noto Serif Malayalam", "Malayalam MN", "Kartika", serif',
  sinhala: '"Noto Serif Sinhala", "Sinhala MN", "Iskoola Pota", serif',
  thai: '"Noto Serif Thai", "Thonburi", "Angsana New", serif',
  myanmar: '"Noto Serif Myanmar", "Myanmar MN", "Myanmar Text", serif',
  khmer: '"Noto Serif Khmer", "Khmer MN", "Khmer UI", serif',
  ethiopic: '"Noto Serif Ethiopic", "Kefa", "Nyala", serif',
  armenian: '"Noto Serif Armenian", "Mshtakan", "Sylfaen", serif',
  georgian: '"Noto Serif Georgian", "Sylfaen", serif',
  sc: '"Noto Serif SC", "Noto Serif CJK SC", "Songti SC", "STSong", "SimSun", serif',
  tc: '"Noto Serif TC", "Noto Serif CJK TC", "Songti TC", "PMingLiU", serif',
  jp: '"Noto Serif JP", "Noto Serif CJK JP", "Hiragino Mincho ProN", "Yu Mincho", "MS Mincho", serif',
  kr: '"Noto Serif KR", "Noto Serif CJK KR", "AppleMyungjo", "Batang", serif',
};

// Urdu is written in Nastaliq, which CLDR does not give a script subtag of its own.
const NASTALIQ = '"Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", "Noto Naskh Arabic", serif';

// Scripts whose type has italics and takes letter-spacing; in the others (Arabic's joined letters,
// Indic clusters, CJK) both are synthesized or break the shaping.
const ITALIC_SCRIPTS = new Set(['Latn', 'Cyrl', 'Grek']);

/**
 * The stylesheet of an article in `language`: the shared rules, then the font fallback of its script. The
 * script comes from the language tag (likely subtags: "zh-TW" is Hant, "ja" Jpan), which :lang() selectors
 * cannot work out, so the one rule this article needs is written instead of a table of them all.
 */
export function stylesheet(language: string, pictures = false): string {
  return pictures ? `${textStylesheet(language)}\n${PICTURE_RULES}` : textStylesheet(language);
}

// A picture no wider than the page, never split from its caption; the caption smaller, the credit apart.
const PICTURE_RULES = `figure {
  margin: 1em 0;
  page-break-inside: avoid;
  break-inside: avoid;
}

figure img {
  display: block;
  max-width: 100%;
  height: auto;
  margin: 0 auto;
}

figcaption {
  font-size: 0.85em;
  line-height: 1.4;
  margin-top: 0.4em;
}

.credit {
  font-size: 0.9em;
  font-variant: small-caps;
}
`;

function textStylesheet(language: string): string {
  if (upright(language) === false) return BASE;
  const fonts = scriptFonts(language);
  const rules = fonts === undefined ? [] : [`body {\n  font-family: ${fonts};\n}`];
  rules.push('.byline {\n  font-style: normal;\n}', '.kicker {\n  letter-spacing: 0;\n}');
  return `${BASE}\n${rules.join('\n\n')}\n`;
}

/** True where the language's script has no italics and takes no letter-spacing; false for Latin, Cyrillic, Greek and unknown scripts. */
function upright(language: string): boolean {
  const script = languageScript(language);
  return script !== null && !ITALIC_SCRIPTS.has(script);
}

/** The font fallback of the language's script, if it has one. */
function scriptFonts(language: string): string | undefined {
  const family = languageFamily(language);
  const urdu = family === 'arabic' && language.split('-')[0]!.toLowerCase() === 'ur';
  return urdu ? NASTALIQ : family === null ? undefined : FAMILY_FONTS[family];
}

/**
 * The stylesheet of an edition's own pages (its contents, its sections' pages, its nav), in `language`, where
 * headlines and bylines of `languages` stand each under its lang attribute: the page's rules, then each other
 * language's font fallback and upright bylines, by that attribute (an exact tag, as the pages write it).
 */
export function editionStylesheet(language: string, languages: readonly string[]): string {
  const rules = languages.filter((l) => l !== language && /^[A-Za-z0-9-]+$/.test(l)).flatMap((l) => {
    const fonts = upright(l) ? scriptFonts(l) : undefined;
    return [
      ...(fonts === undefined ? [] : [`[lang="${l}"] {\n  font-family: ${fonts};\n}`]),
      ...(upright(l) ? [`.byline[lang="${l}"] {\n  font-style: normal;\n}`] : []),
    ];
  });
  const own = textStylesheet(language);
  return rules.length === 0 ? own : `${own}\n${rules.join('\n\n')}\n`;
}
