// `npm run test:unit`: the tests that run inside the test process (test/unit/, one folder per floor of src/),
// for the inner loop. Validators, child processes, the CLI, the browser and whole builds into a folder are
// the full suite's (`npm test`).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
  },
});
