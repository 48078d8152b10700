// Diagnostics as data: every warning and error carries its file, position and rule.

export type Severity = 'warning' | 'error';

export interface Diagnostic {
  severity: Severity;
  file: string;
  line: number | null;
  column: number | null;
  /** A stable id such as `encoding/control-character`, for filtering and tests. */
  rule: string;
  message: string;
  /** For a writer's diagnostic without a position: the text it is about, so the build can find its line in the seed. */
  excerpt?: string;
}

/** `file:line:col: severity: message [rule]`, the format compilers use, so editors can jump to it. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.line === null ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  return escapeControls(`${place}: ${d.severity}: ${d.message} [${d.rule}]`);
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

/** A seed that cannot become an Article. */
export class SeedError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly rule: string;

  constructor(file: string, line: number | null, column: number | null, rule: string, message: string) {
    super(message);
    this.name = 'SeedError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.rule = rule;
  }

  /** The error as the build reports it: positioned, with its rule. */
  get diagnostic(): Diagnostic {
    return this.toDiagnostic();
  }

  toDiagnostic(): Diagnostic {
    return { severity: 'error', file: this.file, line: this.line, column: this.column, rule: this.rule, message: this.message };
  }
}
