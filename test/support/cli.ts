// Running the built galley command from tests.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CLI = resolve('dist/cli/cli.js');
/** `node --import` this, with GALLEY_FAULT=CODE:NAME, for a full disk or an unwritable out/ (see the file). */
export const FS_FAULT = ['--import', pathToFileURL(resolve('test/support/fs-fault.mjs')).href];
/** The installed command: starts from the startup snapshot when `npm run compile` made one. */
export const BIN = resolve('bin/galley');

export function galleySync(args: readonly string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env, nodeArgs: readonly string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run bin/galley, as a user's shell does. */
export function binSync(args: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Start a build without waiting for it. */
export function galleySpawn(args: readonly string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env) {
  return spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env });
}

/** Start bin/galley without waiting for it, as a user's shell does. */
export function binSpawn(args: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  return spawn(BIN, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
}

/** Every visible file under a folder, relative path to bytes (the hidden build state and temp files aside). */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !relative(dir, join(e.parentPath, e.name)).split(sep).some((part) => part.startsWith('.')))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
  return new Map(files.map((f) => [f, readFileSync(join(dir, f))]));
}
