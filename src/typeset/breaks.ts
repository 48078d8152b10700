// Break opportunities inside a space-free token for the scripts that need more than spaces: UAX #14 for
// Han and Kana (between characters, with kinsoku), dictionary words for Thai, Lao, Khmer and Myanmar.
import LineBreaker from 'linebreak';
import { intl } from './intl.js';
import { segments } from './segments.js';

// Han and Kana break between characters; Tibetan after each tsheg (syllable mark), as UAX #14 says.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Tibetan}\u3000-\u303f\uff00-\uffef]/u;
const ASCII = /^[\x00-\x7f]*$/;
const START_FORBIDDEN = /^[\p{M}\p{Pe}\p{Pf}\p{Po}\u0e2f\u0e46]/u;
const SOUTHEAST_ASIAN = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * The token cut at its break opportunities, or the token whole where spaces are a script's only ones.
 * CJK follows UAX #14, whose classes keep closing punctuation and small kana off a line's start
 * (、。」） and ぁっー) and opening brackets off its end (「（). Words of Thai and its neighbours come
 * from ICU's dictionaries (Intl.Segmenter), since those scripts write no space between words.
 */
export function breakToken(token: string, language: string): string[] {
  if (ASCII.test(token)) return [token];
  const cjk = CJK.test(token);
  const southeast = SOUTHEAST_ASIAN.test(token);
  if (!cjk && !southeast) return [token];
  const cuts = new Set<number>();
  if (cjk) {
    const breaker = new LineBreaker(token);
    for (let bk = breaker.nextBreak(); bk !== null; bk = breaker.nextBreak()) cuts.add(bk.position);
  }
  if (southeast) {
    const words = intl(`words:${language}`, () => new Intl.Segmenter(segmenterLanguage(language), { granularity: 'word' }));
    for (const { index: at } of segments(words, token)) {
      // A word boundary before a mark or closing punctuation is no place to break.
      if (at > 0 && !START_FORBIDDEN.test(token.slice(at, at + 2))) cuts.add(at);
    }
  }
  const pieces: string[] = [];
  let from = 0;
  for (const at of [...cuts].sort((a, b) => a - b)) {
    if (at <= from || at >= token.length) continue;
    pieces.push(token.slice(from, at));
    from = at;
  }
  pieces.push(token.slice(from));
  return pieces;
}

function segmenterLanguage(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'th';
  } catch {
    return 'th';
  }
}
