// `npm run test:unit`: the tests that run inside the test process (normalizer, model, config, exporters,
// goldens), for the inner loop. Validators, child processes, the CLI, the browser and whole builds into a
// folder are the full suite's (`npm test`).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/normalize/**/*.test.ts',
      'test/{api,config,labels,render,golden}.test.ts',
      'test/{epub,epub-cover,epub-png,epub-raster,epub-gen-memory}.test.ts',
      'test/{feed,node-rss,opds,web}.test.ts',
      'test/{pdf,pdf-units,fontkit,recent}.test.ts',
    ],
    env: { GALLEY_UNIT: '1' },
  },
});
