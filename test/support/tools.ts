// External validators in tests: skipped loudly on a machine without them, required under CI=true.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

const cache = new Map<string, boolean>();

/** True when `command` is on PATH (or is an absolute path that exists and runs). */
export function haveTool(command: string): boolean {
  let found = cache.get(command);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', `command -v "${command}"`], { stdio: 'ignore' }).status === 0;
    cache.set(command, found);
  }
  return found;
}

// `npm run test:unit` (vitest.unit.config.ts) sets GALLEY_UNIT=1: it keeps what runs inside the test process
// and leaves the validators and child processes to the full suite.
const UNIT = process.env.GALLEY_UNIT === '1';

/**
 * describe() that needs external tools. Without them the block is skipped with a notice on stderr,
 * except under CI=true, where a missing validator must fail the run instead of passing quietly.
 */
export function describeWithTools(tools: readonly string[], name: string, body: () => void): void {
  if (UNIT) {
    describe.skip(name, body);
    return;
  }
  const missing = tools.filter((t) => !haveTool(t));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const notice = `${name}: SKIPPED, missing ${missing.join(', ')} (apt-get install the packages named in README.md)`;
  if (process.env.CI === 'true') throw new Error(`${notice}; CI=true requires every validator`);
  process.stderr.write(`\n!!! ${notice}\n`);
  describe.skip(name, body);
}

/** describe() and it() for tests that start other processes (tsc, the CLI): the full suite's, skipped by test:unit. */
export const describeOutOfProcess = UNIT ? describe.skip : describe;
export const itOutOfProcess = UNIT ? it.skip : it;

/** Run a command and return stdout; throws with stderr on a non-zero exit. */
export function run(command: string, args: readonly string[], input?: Uint8Array | string): string {
  return execFileSync(command, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
}
