// Entry of the startup snapshot (`node --build-snapshot`, run by scripts/build-snapshot.mjs): load every
// exporter, render a small article in every format so fonts and layout tables are decoded, then freeze
// the heap. The CLI then starts from it in a fraction of the time a cold process takes.
import { NativeTextDecoder } from './snapshot-prelude.js';
import v8 from 'node:v8';
import { run } from './cli.js';
import { FORMATS } from './exporters/registry.js';
import { DEFAULT_CONFIG } from './model/config.js';
import { forgetIntl } from './render/intl.js';
import { renderArticle } from './render-article.js';
import { forbidWorkers } from './render-pool.js';
import { WARM_UP_ARTICLE } from './warm-up.js';

async function warmUp(): Promise<void> {
  const articleFormats = FORMATS.filter((f) => f.kind === 'article').map((f) => f.name);
  await renderArticle(WARM_UP_ARTICLE, articleFormats, DEFAULT_CONFIG);
  for (const format of FORMATS) {
    if (format.kind === 'collection') await (await format.load())([WARM_UP_ARTICLE], { config: DEFAULT_CONFIG, sizes: new Map() });
  }
  forgetIntl();
  (globalThis as { gc?: () => void }).gc?.();
}

// Not top-level await: the snapshot is built from a CommonJS bundle. Node takes the snapshot once the
// event loop is empty, so after the warm-up.
void warmUp().then(() => {
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    globalThis.TextDecoder = NativeTextDecoder;
    forbidWorkers();
    // Started as `node --snapshot-blob FILE args...`: the arguments follow the executable directly.
    void run(process.argv.slice(1));
  });
});
