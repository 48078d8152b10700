// Writing direction and script of a language tag: one answer for the PDF, the EPUB, the feeds and the cover.

// Scripts written right to left (ISO 15924). Intl.Locale's textInfo is wrong for some (Thaana, az-Arab),
// so the direction comes from the tag's likely script instead.
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Samr', 'Mand', 'Yezi', 'Aran']);

const scripts = new Map<string, string | null>();

/** The tag's script subtag, or the likely script of its language (CLDR): "zh-TW" is Hant, "ja" is Jpan. */
export function languageScript(language: string): string | null {
  let script = scripts.get(language);
  if (script === undefined) {
    try {
      script = new Intl.Locale(language).maximize().script ?? null;
    } catch {
      script = null;
    }
    scripts.set(language, script);
  }
  return script;
}

/** Base direction of text in a language: "rtl" for Arabic, Persian, Urdu, Hebrew, Yiddish, ...; else "ltr". */
export function languageDirection(language: string): 'ltr' | 'rtl' {
  const script = languageScript(language);
  return script !== null && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}
