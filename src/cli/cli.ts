#!/usr/bin/env node
// The galley command: arguments, progress, messages and exit codes. The work is in the pipeline (src/pipeline/).
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { build } from '../pipeline/build.js';
import { collect, CollectError } from '../pipeline/shards/collect.js';
import { parseShard } from '../pipeline/shards/shard.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { ConfigError, loadConfig } from '../pipeline/config-file.js';
import { FileSystemFault } from '../pipeline/fs-fault.js';
import { escapeControls, formatDiagnostic } from '../model/diagnostic.js';
import { progressReporter } from './progress.js';
import { WorkersUnavailable } from '../render/pool.js';
import { FORMAT_NAMES, selectFormats } from '../exporters/registry.js';
import type { Listening } from '../serve/serve.js';

/** galley serve's port when none is given: the one eleventy --serve uses. */
const DEFAULT_PORT = 8080;

const USAGE = `Usage: galley build [SEEDS_DIR] [options]
       galley serve [SEEDS_DIR] [--port N] [options]
       galley collect --out DIR [options]

Build every SEEDS_DIR/*.txt (default: seeds) into PDF, EPUB, JSON, feeds and web pages.
serve builds, then previews the output folder at http://127.0.0.1:N/ and builds again when a seed
changes, until Ctrl-C. A sharded build runs galley build --shard K/N for K from 1 to N (on as many
machines as you like, into one output folder), then galley collect once they have all finished.

Options:
  --out DIR          output folder (default: out)
  --site-url URL     site URL for article links, feed links and ids (overrides the config)
  --formats LIST     comma-separated subset of: ${FORMAT_NAMES.join(', ')} (default: all)
  --config FILE      site config (default: ./galley.config.json when it exists)
  --force            rebuild every article, even those whose outputs are current
  --quiet            print errors only; no progress
  --port N           serve: the port on 127.0.0.1 (default: ${DEFAULT_PORT}; 0 picks a free one)
  --shard K/N        build: render only shard K of N and no feed or page of the whole site
                     (collect writes those; use the same --formats, --config, --site-url)
  -h, --help         show this help
  -v, --version      show the version

Exit status: 0 all articles built, 1 some article failed, 2 usage, config or file-system error;
stopped by SIGINT, SIGTERM or SIGHUP: that signal (130, 143, 129 in a shell).`;

class UsageError extends Error {}

/** galley serve's port is taken: like a file-system fault, a fact of the machine to fix, not a misuse. */
class PortTaken extends Error {}

/** A build stopped by a signal: the process then ends by that same signal. */
class Stopped extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
  }
}

async function main(argv: string[], signal: AbortSignal): Promise<number> {
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
        port: { type: 'string' },
        shard: { type: 'string' },
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
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`galley ${pkg.version}\n`);
    return 0;
  }
  const [command, seedsDir = 'seeds', ...extra] = positionals;
  if (command !== 'build' && command !== 'serve' && command !== 'collect') return usage(command === undefined ? 'no command given' : `unknown command "${command}"`);
  if (extra.length > 0 || (command === 'collect' && positionals.length > 1)) return usage(`unexpected argument "${command === 'collect' ? seedsDir : extra[0]}"`);
  if (command !== 'serve' && values.port !== undefined) return usage('--port is an option of galley serve');
  if (command !== 'build' && values.shard !== undefined) return usage('--shard is an option of galley build');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard === null) return usage(`--shard takes K/N with 1 <= K <= N, not "${values.shard}"`);
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || port > 65535) return usage(`--port takes a number from 0 to 65535, not "${values.port}"`);

  try {
    const formats = selectFormats(values.formats === undefined ? null : values.formats.split(',').map((s) => s.trim()).filter(Boolean));
    if (formats.length === 0) throw new UsageError('--formats names no format');
    const config = loadConfig(values.config ?? null, { url: values['site-url'] });
    const onWait = () => process.stderr.write(`galley: another galley build is writing into ${escapeControls(values.out)}; waiting for it to finish\n`);
    const report = (diagnostics: readonly Diagnostic[]) => {
      for (const d of diagnostics) {
        if (d.severity === 'error' || !values.quiet) process.stderr.write(formatDiagnostic(d) + '\n');
      }
    };
    if (command === 'collect') {
      const result = await collect({ outDir: values.out, config, formats, onWait, signal });
      report(result.diagnostics);
      if (!values.quiet) process.stderr.write(`galley: collected ${result.articles} articles of ${result.shards} shards into ${escapeControls(values.out)}\n`);
      return 0;
    }
    const buildOnce = async (force: boolean, stop: AbortSignal): Promise<number> => {
      const mode = values.quiet ? 'off' : process.stderr.isTTY ? 'bar' : 'lines';
      const onArticle = progressReporter(mode, process.stderr);
      const result = await build({ seedsDir, outDir: values.out, config, formats, force, onArticle, onWait, signal: stop, ...(shard && { shard }) })
        .catch((e: unknown) => {
          if (e instanceof WorkersUnavailable) report(e.diagnostics);
          throw e;
        })
        .finally(() => onArticle.interrupt());
      report(result.diagnostics);
      if (!values.quiet) {
        const failed = result.failed.length ? `, ${result.failed.length} failed` : '';
        const cached = result.built.length - result.rendered;
        const current = cached > 0 ? ` (${cached} already current)` : '';
        const of = shard === undefined ? `of ${result.seeds.length} articles` : `articles, shard ${shard.index}/${shard.count} of ${result.seeds.length} seeds,`;
        process.stderr.write(`galley: built ${result.built.length} ${of} into ${escapeControls(values.out)}${current}${failed}\n`);
      }
      return result.failed.length > 0 ? 1 : 0;
    };
    // Loaded for serve only: a build needs neither the HTTP server nor the watcher.
    const preview = command === 'serve' ? await import('../serve/serve.js') : null;
    const server = preview === null ? null : await listenOn(preview.listen, values.out, port);
    try {
      const status = await buildOnce(values.force, signal);
      if (preview === null || server === null) return status;
      await serveAndRebuild(preview.serve, server, seedsDir, values.out, buildOnce, signal);
    } finally {
      // Closed already where the preview ran; here for a first build that threw.
      await server?.close();
    }
    throw signal.reason;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof FileSystemFault || e instanceof PortTaken || e instanceof CollectError) return usage(e.message, false);
    if (e instanceof UsageError || (e instanceof Error && e.message.startsWith('unknown format'))) return usage(e.message);
    throw e;
  }
}

/**
 * galley serve after its first build: serve out/ until a stop signal, building again on each change of a
 * seed. A later build that fails (a seed gone bad, a full disk) is reported and the preview goes on, showing
 * the last good files, so the fix can be saved and seen.
 */
async function serveAndRebuild(
  serve: typeof import('../serve/serve.js').serve, server: Listening, seedsDir: string, outDir: string,
  buildOnce: (force: boolean, stop: AbortSignal) => Promise<number>, signal: AbortSignal,
): Promise<void> {
  await serve({
    seedsDir,
    server,
    signal,
    rebuild: async (stop) => {
      try {
        await buildOnce(false, stop);
      } catch (e) {
        // A stop is the serve's own end, which main() reports.
        if (stop.aborted) return;
        const message = e instanceof ConfigError || e instanceof FileSystemFault ? e.message
          : `internal error: ${e instanceof Error ? e.stack : String(e)}`;
        process.stderr.write(`galley: ${escapeControls(message)}\n`);
      }
    },
    onListening: (url) => process.stdout.write(`galley: serving ${escapeControls(outDir)} at ${url} (Ctrl-C stops)\n`),
  });
}

/** out/'s server on 127.0.0.1, before the first build: a port in use is said before any work is done. */
async function listenOn(listen: typeof import('../serve/serve.js').listen, outDir: string, port: number): Promise<Listening> {
  try {
    return await listen(outDir, port);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortTaken(`port ${port} on 127.0.0.1 is in use; give another --port`);
    throw e;
  }
}

function usage(message: string, showHelp = true): number {
  process.stderr.write(`galley: ${escapeControls(message)}\n${showHelp ? "Try 'galley --help'.\n" : ''}`);
  return 2;
}

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Until the returned function is called, a stop signal calls `onSignal` instead of ending the process. */
function trapStopSignals(onSignal: (signal: NodeJS.Signals) => void): () => void {
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  };
}

/** End this process by `signal`, untrapped, so its caller sees the signal (a shell: 128 + its number). */
function endBy(signal: NodeJS.Signals): void {
  process.exitCode = 128 + (constants.signals[signal] ?? 0); // should the signal not end the process at once
  for (const s of STOP_SIGNALS) process.removeAllListeners(s);
  process.kill(process.pid, signal);
}

/** Set by bin/galley for the snapshot it starts: the pid whose end must end the snapshot's build too. */
const PARENT_ENV = 'GALLEY_PARENT_PID';

/** The status by which a run from the snapshot asks bin/galley to run the compiled CLI instead (see there). */
export const HAND_OFF = 75;

/** Run the command with these arguments (without node and script) and set the process's exit code. */
export async function run(argv: string[]): Promise<void> {
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) return; // the first signal is being honoured
    stop.abort(new Stopped(signal));
    // The build stops between two files and rejects; should it hang (a stalled disk), end anyway: the
    // check before each write keeps out/ whole regardless.
    setTimeout(() => endBy(signal), 5000).unref();
  };
  const release = trapStopSignals(onSignal);
  const parent = Number(process.env[PARENT_ENV]);
  delete process.env[PARENT_ENV];
  if (Number.isInteger(parent) && parent > 0) {
    // A parent killed outright (SIGKILL, the OOM killer) forwards nothing: notice it, and stop as on a hang-up.
    const orphaned = () => process.ppid !== parent && onSignal('SIGHUP');
    orphaned();
    setInterval(orphaned, 200).unref();
  }
  try {
    process.exitCode = await main(argv, stop.signal);
  } catch (e) {
    if (e instanceof Stopped || (e instanceof WorkersUnavailable && stop.signal.reason instanceof Stopped)) {
      const { signal } = e instanceof Stopped ? e : (stop.signal.reason as Stopped);
      process.stderr.write(`galley: stopped by ${signal}; every file written is whole, and the next build finishes the rest\n`);
      endBy(signal);
    } else if (e instanceof WorkersUnavailable) {
      // Started from the snapshot, with a batch to render: nothing has been written, and the state is let
      // go of. bin/galley then runs the compiled CLI, which can start the pool, in this process's place.
      process.exitCode = HAND_OFF;
    } else {
      process.stderr.write(`galley: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 70;
    }
  } finally {
    release();
  }
}

// Run when started as a script. While the startup snapshot is built this module is only loaded: the
// snapshot calls run() when it starts (bin/galley).
if (!v8.startupSnapshot.isBuildingSnapshot()) void run(process.argv.slice(2));
