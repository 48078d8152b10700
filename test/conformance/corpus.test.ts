// The fixture corpus through the CLI and the users' validators (../shared/tools/check-out), and rebuilt
// byte for byte in another time zone and locale.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { galleySync, snapshot } from '../support/cli.js';
import { describeWithTools } from '../support/tools.js';

const CHECK_OUT = resolve('../shared/tools/check-out');
const CORPUS = 'test/fixtures/corpus';
const tools = ['java', 'qpdf', 'pdffonts', 'pdfinfo', 'pdftotext', 'xmllint', existsSync(CHECK_OUT) ? CHECK_OUT : 'check-out'];

describeWithTools(tools, 'the fixture corpus', () => {
  const root = mkdtempSync(join(tmpdir(), 'galley-corpus-'));
  const out = join(root, 'out');

  it('builds every seed and passes every check of check-out', () => {
    const build = galleySync(['build', CORPUS, '--out', out, '--config', join(CORPUS, 'galley.config.json'), '--quiet']);
    expect(build.code, build.stderr).toBe(0);
    // The same EPUBCheck, started with C1 only and the serial GC: a third of the CPU for a short-lived JVM.
    const env = { ...process.env, JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC' };
    const check = spawnSync(CHECK_OUT, [out], { encoding: 'utf8', env });
    const verdict = check.stdout.trim().split('\n').pop();
    expect(check.stdout.split('\n').filter((l) => l.startsWith('FAIL')), check.stdout).toEqual([]);
    expect(verdict).toMatch(/^\d+ passed, 0 failed$/);
  }, 900_000);

  it('is byte-identical when rebuilt with TZ=Pacific/Kiritimati and LC_ALL=C.UTF-8', () => {
    const again = join(root, 'again');
    const env = { ...process.env, TZ: 'Pacific/Kiritimati', LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
    const r = galleySync(['build', CORPUS, '--out', again, '--config', join(CORPUS, 'galley.config.json'), '--quiet'], undefined, env);
    expect(r.code, r.stderr).toBe(0);
    expect(snapshot(again)).toEqual(snapshot(out));
  }, 300_000);
});
