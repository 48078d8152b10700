#!/usr/bin/env node
// The galley command: arguments, progress, messages and exit codes. The work is in build.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { build } from './build.js';
import { ConfigError, loadConfig } from './config-file.js';
import { formatDiagnostic } from './model/diagnostic.js';
import { progressReporter } from './progress.js';
import { WorkersUnavailable } from './render-pool.js';
import { FORMAT_NAMES, selectFormats } from './exporters/registry.js';

const USAGE = `Usage: galley build [SEEDS_DIR] [options]

Build every SEEDS_DIR/*.txt (default: seeds) into PDF, EPUB, JSON and feeds.

Options:
  --out DIR          output folder (default: out)
  --site-url URL     site URL for article links, feed links and ids (overrides the config)
  --formats LIST     comma-separated subset of: ${FORMAT_NAMES.join(', ')} (default: all)
  --config FILE      site config (default: ./galley.config.json when it exists)
  --force            rebuild every article, even those whose outputs are current
  --quiet            print errors only; no progress
  -h, --help         show this help
  -v, --version      show the version

Exit status: 0 all articles built, 1 some article failed, 2 usage or config error.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'out' },
        'site-url': { type: 'string' },
        formats: { type: 'string' },
        config: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`galley ${pkg.version}\n`);
    return 0;
  }
  const [command, seedsDir = 'seeds', ...extra] = positionals;
  if (command !== 'build') return usage(command === undefined ? 'no command given' : `unknown command "${command}"`);
  if (extra.length > 0) return usage(`unexpected argument "${extra[0]}"`);

  try {
    const formats = selectFormats(values.formats === undefined ? null : values.formats.split(',').map((s) => s.trim()).filter(Boolean));
    if (formats.length === 0) throw new UsageError('--formats names no format');
    const config = loadConfig(values.config ?? null, { url: values['site-url'] });
    const mode = values.quiet ? 'off' : process.stderr.isTTY ? 'bar' : 'lines';
    const onArticle = progressReporter(mode, process.stderr);
    const result = await build({ seedsDir, outDir: values.out, config, formats, force: values.force, onArticle });
    for (const d of result.diagnostics) {
      if (d.severity === 'error' || !values.quiet) process.stderr.write(formatDiagnostic(d) + '\n');
    }
    if (!values.quiet) {
      const failed = result.failed.length ? `, ${result.failed.length} failed` : '';
      const cached = result.built.length - result.rendered;
      const current = cached > 0 ? ` (${cached} already current)` : '';
      process.stderr.write(`galley: built ${result.built.length} of ${result.seeds.length} articles into ${values.out}${current}${failed}\n`);
    }
    return result.failed.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof ConfigError) return usage(e.message, false);
    if (e instanceof UsageError || (e instanceof Error && e.message.startsWith('unknown format'))) return usage(e.message);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && (e as NodeJS.ErrnoException).path === seedsDir) {
      return usage(`${seedsDir}: no such seeds folder`, false);
    }
    throw e;
  }
}

function usage(message: string, showHelp = true): number {
  process.stderr.write(`galley: ${message}\n${showHelp ? "Try 'galley --help'.\n" : ''}`);
  return 2;
}

/** Run the command with these arguments (without node and script) and set the process's exit code. */
export async function run(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof WorkersUnavailable) {
      // Started from the snapshot, with a batch to render: the compiled CLI, which can start the pool,
      // does the whole build (nothing has been written yet).
      runCompiledCli(fileURLToPath(new URL('./cli.js', import.meta.url)), argv);
      return;
    }
    process.stderr.write(`galley: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 70;
  }
}

/** Run the command in a new process of the compiled CLI at `cliFile`, and end as it ends. */
export function runCompiledCli(cliFile: string, argv: string[]): void {
  const child = spawnSync(process.execPath, [cliFile, ...argv], { stdio: 'inherit' });
  // A child killed by a signal: end the same way, so callers see the signal, not an exit code.
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 1;
}

// Run when started as a script. While the startup snapshot is built this module is only loaded: the
// snapshot calls run() when it starts (bin/galley).
if (!v8.startupSnapshot.isBuildingSnapshot()) void run(process.argv.slice(2));
