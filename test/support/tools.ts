// External validators in tests: skipped loudly on a machine without them, required under CI=true.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe } from 'vitest';

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

/**
 * describe() that needs external tools. Without them the block is skipped with a notice on stderr,
 * except under CI=true, where a missing validator must fail the run instead of passing quietly.
 */
export function describeWithTools(tools: readonly string[], name: string, body: () => void): void {
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

/** Run a command and return stdout; throws with stderr on a non-zero exit. */
export function run(command: string, args: readonly string[], input?: Uint8Array | string): string {
  return execFileSync(command, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
}
