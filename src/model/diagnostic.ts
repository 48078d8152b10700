// Diagnostics as data: every warning and error carries its file, position and rule.

/** An `error` stops the article (no file is written for it); a `warning` reports a loss and the article is still written. */
export type Severity = 'warning' | 'error';

/**
 * A warning or an error about one seed or output, as data: what the CLI prints as
 * `file:line:col: severity: message [rule]` (see {@link formatDiagnostic}).
 */
export interface Diagnostic {
  severity: Severity;
  /** The seed's file name (as given to `normalize`, or the path under the seeds folder), or an output's name. */
  file: string;
  /** 1-based line in the seed, or null for a diagnostic about the whole file or an output. */
  line: number | null;
  /** 1-based column, counted in characters (code points, so an emoji is one), or null where `line` is. */
  column: number | null;
  /** A stable id such as `encoding/control-character`, for filtering and tests. */
  rule: string;
  /** One sentence for a person, naming what is wrong and, where it can, what to do. */
  message: string;
  /** For a writer's diagnostic without a position: the text it is about, so the build can find its line in the seed. */
  excerpt?: string;
}

/** `file:line:col: severity: message [rule]`, the format compilers use, so editors can jump to it. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.line === null ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  return escapeControls(`${place}: ${d.severity}: ${d.message} [${d.rule}]`);
}

/** A code point as messages name it: `U+00E9`, `U+1F600` (upper-case hex, four digits at least). */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Control characters as escapes (`\n`, `\x1b`, `\u2028`): a file name or quoted text cannot start a line of
 * its own (a forged `fake.txt:9:9: error:`), drive the terminal with ESC sequences, or reorder what is shown
 * with bidi controls.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/**
 * A seed that cannot become an Article: thrown by `normalize`. Its {@link SeedError.diagnostic} says where
 * (file, line, column) and which rule; its message is the diagnostic's.
 */
export class SeedError extends Error {
  /** Where the seed is wrong and which rule it breaks, as the build reports it; its message is the error's. */
  readonly diagnostic: Diagnostic;

  constructor(file: string, line: number | null, column: number | null, rule: string, message: string) {
    super(message);
    this.name = 'SeedError';
    this.diagnostic = { severity: 'error', file, line, column, rule, message };
  }
}
