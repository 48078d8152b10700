// Rule 7: straight quotes to typographic ones, -- and --- to dashes, ... to an ellipsis.

const OPENING_CONTEXT = /[\s([{\u2018\u201C\u2014\u2013\-/]/u;

/** Apply the seed format's typography to one text. Idempotent: typographic input is left alone. */
export function typeset(text: string): string {
  return closeBidi(quotes(text));
}

function quotes(text: string): string {
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

const EMBEDDING_OPENERS = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
const ISOLATE_OPENERS = new Set(['\u2066', '\u2067', '\u2068']);

/**
 * Close the bidi embeddings and isolates a text leaves open (U+202C, U+2069 added at its end, innermost
 * first), as UAX #9 closes them at a paragraph's end: otherwise one reaches past its text into whatever a
 * reader shows next (a feed reader's list of titles, the rest of a web page). Unmatched closers are left
 * as they are: they do nothing.
 */
export function closeBidi(text: string): string {
  if (!/[\u202A-\u202E\u2066-\u2069]/u.test(text)) return text;
  const open: string[] = [];
  // Counted, not searched for in `open`: a run of PDIs over a deep stack of embeddings stays linear.
  let isolates = 0;
  for (const c of text) {
    if (EMBEDDING_OPENERS.has(c)) open.push('\u202C');
    else if (ISOLATE_OPENERS.has(c)) {
      open.push('\u2069');
      isolates++;
    } else if (c === '\u202C' && open.at(-1) === '\u202C') open.pop();
    else if (c === '\u2069' && isolates > 0) {
      // A PDI closes its isolate and every embedding opened inside it.
      while (open.pop() !== '\u2069');
      isolates--;
    }
  }
  return text + open.reverse().join('');
}
