// Rule 7: straight quotes to typographic ones, -- and --- to dashes, ... to an ellipsis.

const OPENING_CONTEXT = /[\s([{\u2018\u201C\u2014\u2013\-/]/u;

/** Apply the seed format's typography to one text. Idempotent: typographic input is left alone. */
export function typeset(text: string): string {
  const dashed = text.replace(/---/g, '\u2014').replace(/--/g, '\u2013').replace(/\.\.\./g, '\u2026');
  // The character before a quote as already typeset, so a quote right after an opening quote opens too ("'Hi'").
  // Kept in variables, not read back from the output: indexing a string built by += flattens it each time, which
  // made a line of 1 MiB of quotes quadratic.
  let lastAt = -1;
  let lastQuote = '';
  return dashed.replace(/["']/g, (c: string, i: number) => {
    const prev = i === 0 ? ' ' : i - 1 === lastAt ? lastQuote : dashed[i - 1]!;
    const next = i + 1 < dashed.length ? dashed[i + 1]! : ' ';
    const opens = OPENING_CONTEXT.test(prev) && !/\s/u.test(next);
    let quote: string;
    if (c === '"') {
      quote = opens ? '\u201C' : '\u201D';
    } else {
      // An apostrophe inside a word (Russia's) or eliding the start of one ('90s) is a right quote.
      const elision = opens && /^\d\ds/u.test(dashed.slice(i + 1, i + 4));
      quote = opens && !elision ? '\u2018' : '\u2019';
    }
    lastAt = i;
    lastQuote = quote;
    return quote;
  });
}
