// Golden files: compared byte for byte, rewritten only on purpose (npm run golden:update), then read in the diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');

/** Compare `actual` with test/golden/<name>; with GALLEY_UPDATE_GOLDEN=1, write it instead. */
export function expectGolden(name: string, actual: string | Uint8Array): void {
  const path = join(GOLDEN_DIR, name);
  const text = typeof actual === 'string' ? actual : new TextDecoder().decode(actual);
  if (process.env.GALLEY_UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  if (!existsSync(path)) throw new Error(`no golden file ${path}: run npm run golden:update and review the diff`);
  expect(text).toBe(readFileSync(path, 'utf8'));
}
