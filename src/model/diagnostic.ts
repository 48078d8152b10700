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
  return `${place}: ${d.severity}: ${d.message} [${d.rule}]`;
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

  toDiagnostic(): Diagnostic {
    return { severity: 'error', file: this.file, line: this.line, column: this.column, rule: this.rule, message: this.message };
  }
}
