// Entry of the startup snapshot (`node --build-snapshot`, run by scripts/build-snapshot.mjs): load every
// exporter, render a small article in every format so fonts and layout tables are decoded, then freeze
// the heap. The CLI then starts from it in a fraction of the time a cold process takes.
import { NativeTextDecoder } from './snapshot-prelude.js';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { HAND_OFF, run } from './cli.js';
import { FORMATS } from '../exporters/registry.js';
import { DEFAULT_CONFIG } from '../model/config.js';
import { forgetIntl } from '../typeset/intl.js';
import { forgetMessages } from '../messages/messages.js';
import { forbidWorkers } from '../render/pool.js';
import { warmUp } from '../render/warm-up.js';

async function prepare(): Promise<void> {
  await warmUp(FORMATS.map((f) => f.name), DEFAULT_CONFIG, true);
  forgetIntl();
  forgetMessages();
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
    if (dist !== BUILT_IN || argv[0] === 'serve') {
      // The project was moved or copied since `npm run compile`: the paths in the heap are stale. Or a
      // preview, whose server and watcher are not in the snapshot (bin/galley does not start one for it).
      // Either way bin/galley runs the compiled CLI next to this blob instead.
      process.exitCode = HAND_OFF;
      return;
    }
    forbidWorkers();
    void run(argv);
  });
});
