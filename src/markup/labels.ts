// Words Galley itself adds to an article, in the article's language: one table for every format.
import { languageScript } from '../typeset/direction.js';

// The related list's heading in the article's language, so a screen reader does not read it with the
// wrong voice. Each is the phrase newspapers in that language print over their related-reading box ("read
// also" or "related news", whichever the press there uses). A key with a script subtag is for a language
// written in two scripts; the tag's script (explicit or likely: zh-TW and zh-HK are Hant) picks it.
const RELATED_HEADINGS: Readonly<Record<string, string>> = {
  en: 'Related reading',
  de: 'Mehr zum Thema',
  fr: 'À lire aussi',
  es: 'Lecturas relacionadas',
  it: 'Letture correlate',
  nl: 'Meer over dit onderwerp',
  pt: 'Leia também',
  pl: 'Czytaj także',
  cs: 'Čtěte také',
  sk: 'Čítajte aj',
  ro: 'Citește și',
  hr: 'Pročitajte još',
  'sr-Cyrl': 'Прочитајте још',
  'sr-Latn': 'Pročitajte još',
  bg: 'Прочетете още',
  sv: 'Läs också',
  da: 'Læs også',
  no: 'Les også',
  nb: 'Les også',
  nn: 'Les også',
  fi: 'Lue myös',
  ru: 'Читайте также',
  uk: 'Читайте також',
  el: 'Διαβάστε επίσης',
  tr: 'İlgili haberler',
  ka: 'ასევე წაიკითხეთ',
  hy: 'Կարդացեք նաև',
  ar: 'اقرأ أيضا',
  fa: 'بیشتر بخوانید',
  ur: 'مزید پڑھیے',
  he: 'עוד בנושא',
  hi: 'ये भी पढ़ें',
  mr: 'हेही वाचा',
  ne: 'यो पनि पढ्नुहोस्',
  bn: 'আরও পড়ুন',
  pa: 'ਇਹ ਵੀ ਪੜ੍ਹੋ',
  gu: 'આ પણ વાંચો',
  ta: 'தொடர்புடைய செய்திகள்',
  te: 'ఇవి కూడా చదవండి',
  kn: 'ಇದನ್ನೂ ಓದಿ',
  ml: 'ഇതും വായിക്കുക',
  th: 'ข่าวที่เกี่ยวข้อง',
  lo: 'ຂ່າວທີ່ກ່ຽວຂ້ອງ',
  km: 'អត្ថបទពាក់ព័ន្ធ',
  my: 'ဆက်စပ်သတင်းများ',
  'zh-Hans': '相关阅读',
  'zh-Hant': '相關閱讀',
  ja: '関連記事',
  ko: '관련 기사',
  am: 'ተዛማጅ ዜናዎች',
  vi: 'Tin liên quan',
  id: 'Baca juga',
  ms: 'Baca juga',
  sw: 'Soma pia',
};

/**
 * The related list's heading: the translation for the article's language; else the first of the site's
 * `relatedTitles` (the site writes its own related lists under it, so it is in the site's language, which
 * the article's most likely shares); else English.
 */
export function relatedHeading(language: string, relatedTitles: readonly string[] = []): string {
  const primary = primaryLanguage(language);
  const script = languageScript(language);
  const translated = (script === null ? undefined : RELATED_HEADINGS[`${primary}-${script}`]) ?? RELATED_HEADINGS[primary];
  if (translated !== undefined) return translated;
  // A configured title may be written with its colon, as it stands over a list in a seed. Cut by hand, as
  // normalize/blocks.ts does: /\s*:$/ is quadratic on a long run of white space.
  const title = relatedTitles[0]?.trim();
  const configured = title !== undefined && /[:\uFF1A]$/u.test(title) ? title.slice(0, -1).trimEnd() : title;
  return configured !== undefined && configured !== '' ? configured : RELATED_HEADINGS.en!;
}

/** The language subtag, canonical: Intl maps the retired iw and in to he and id. */
function primaryLanguage(language: string): string {
  try {
    return new Intl.Locale(language).language;
  } catch {
    return language.split('-')[0]!.toLowerCase();
  }
}
