import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const shared = {
  environment: 'node' as const,
  testTimeout: 20_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        // Node-only files (jsdom, the built CLI): side by side, one per core (vitest's default leaves a core free).
        test: {
          ...shared,
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/security/**/*.test.ts'],
          // The CLI tests run the built bin. The browser files do not: `npm run test:browser` leaves build/cli alone
          // (.ci/run checks the corpus with it meanwhile).
          globalSetup: ['test/setup/build-cli.ts'],
          maxWorkers: Math.max(2, availableParallelism()),
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Real-browser files: one browser per file, each built into a directory of its own. Two files at a time,
        // after the unit files: a browser file mostly waits on its browser (≈0.3-0.4 of a core measured), and no
        // browser test asserts a time (the one bound, cleaning within 60 s of DOMContentLoaded, is far off).
        test: {
          ...shared,
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // Both extensions built once; each launch copies its browser's build.
          globalSetup: ['test/setup/build-extensions.ts'],
          maxWorkers: 2,
          // In CI only, a failed browser test runs once more (reported as retried): a real browser on a loaded 2-core
          // machine has lost a poll or a navigation race a few times in ~230 tests, and each time a whole stop was lost.
          // A test that fails twice still fails; at a desk it never retries, so a flaky test shows at once.
          retry: process.env.CI ? 1 : 0,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
