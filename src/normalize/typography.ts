// Rule 7: straight quotes to typographic ones, -- and --- to dashes, ... to an ellipsis.

const OPENING_CONTEXT = /[\s([{\u2018\u201C\u2014\u2013\-/]/u;

/** Apply the seed format's typography to one text. Idempotent: typographic input is left alone. */
export function typeset(text: string): string {
  const dashed = text.replace(/---/g, '\u2014').replace(/--/g, '\u2013').replace(/\.\.\./g, '\u2026');
  let out = '';
  for (let i = 0; i < dashed.length; i++) {
    const c = dashed[i]!;
    if (c !== '"' && c !== "'") {
      out += c;
      continue;
    }
    // The character before as already typeset, so a quote right after an opening quote opens too ("'Hi'").
    const prev = i === 0 ? ' ' : out[out.length - 1]!;
    const next = i + 1 < dashed.length ? dashed[i + 1]! : ' ';
    const opens = OPENING_CONTEXT.test(prev) && !/\s/u.test(next);
    if (c === '"') {
      out += opens ? '\u201C' : '\u201D';
    } else {
      // An apostrophe inside a word (Russia's) or eliding the start of one ('90s) is a right quote.
      const elision = opens && /\d/u.test(next) && /^\d\ds/u.test(dashed.slice(i + 1, i + 4));
      out += opens && !elision ? '\u2018' : '\u2019';
    }
  }
  return out;
}
