// Entry of the startup snapshot (`node --build-snapshot`, run by scripts/build-snapshot.mjs): load every
// exporter, render a small article in every format so fonts and layout tables are decoded, then freeze
// the heap. The CLI then starts from it in a fraction of the time a cold process takes.
import { NativeTextDecoder } from './snapshot-prelude.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { run, runCompiledCli } from './cli.js';
import { FORMATS } from '../exporters/registry.js';
import { DEFAULT_CONFIG } from '../model/config.js';
import { forgetIntl } from '../exporters/shared/intl.js';
import { forbidWorkers } from '../pool/pool.js';
import { warmUp } from '../build/warm-up.js';

async function prepare(): Promise<void> {
  await warmUp(FORMATS.map((f) => f.name), DEFAULT_CONFIG, true);
  forgetIntl();
  (globalThis as { gc?: () => void }).gc?.();
}

// Not top-level await: the snapshot is built from a CommonJS bundle. Node takes the snapshot once the
// event loop is empty, so after the warm-up.
// The folder the snapshot was built in: its heap holds paths into it (fonts, the worker, package.json).
const BUILT_IN = dirname(fileURLToPath(import.meta.url));

void prepare().then(() => {
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    globalThis.TextDecoder = NativeTextDecoder;
    // Started as `node --snapshot-blob FILE args...`: the arguments follow the executable directly.
    const argv = process.argv.slice(1);
    const blob = process.execArgv[process.execArgv.indexOf('--snapshot-blob') + 1];
    const dist = blob === undefined ? BUILT_IN : dirname(resolve(blob));
    if (dist !== BUILT_IN) {
      // The project was moved or copied since `npm run build`: the paths in the heap are stale, so run
      // the compiled CLI next to this blob instead.
      runCompiledCli(join(dist, 'cli.js'), argv);
      return;
    }
    if (argv[0] === 'serve') {
      // A preview runs for hours, so a quick start is worth little; and its HTTP server and file watcher
      // are not in the snapshot. The compiled CLI serves, with the worker pool for large rebuilds.
      runCompiledCli(join(dist, 'cli.js'), argv);
      return;
    }
    forbidWorkers();
    void run(argv);
  });
});
