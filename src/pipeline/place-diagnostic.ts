// A writer knows the text it lost, not the line: find that text in the seed.
import type { Diagnostic } from '../model/diagnostic.js';
import { nfc } from '../normalize/decode.js';

const linesOf = new WeakMap<() => Uint8Array, string[]>();

/**
 * The diagnostic with the seed's file and, when the writer gave only an excerpt, the line and column where
 * that excerpt is. `seed` gives the seed's bytes; they are split into lines (in NFC, as the writers saw the
 * text) once per seed, however many diagnostics it has: a line of a thousand characters no font has gives a
 * thousand, so this call must stay linear.
 */
export function placeDiagnostic(d: Diagnostic, file: string, seed: () => Uint8Array): Diagnostic {
  const placed = { ...d, file };
  if (d.line !== null || !d.excerpt) return placed;
  let lines = linesOf.get(seed);
  if (lines === undefined) {
    lines = new TextDecoder().decode(seed()).split(/\r\n|\r|\n/).map(nfc);
    linesOf.set(seed, lines);
  }
  const index = lines.findIndex((l) => l.includes(d.excerpt!));
  if (index < 0) return placed;
  const column = [...lines[index]!.slice(0, lines[index]!.indexOf(d.excerpt))].length + 1;
  return { ...placed, line: index + 1, column };
}
