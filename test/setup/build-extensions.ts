// Builds each extension once per test run, before any browser file: every launch then copies the build into a
// directory of its own (a file may load, reload or inspect it while another file runs), instead of running
// `vite build` again for each of the ~35 launches (2–5 s of a core each).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExtension, type BrowserKind } from '../../scripts/lib/browsers.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built extension of each browser, to be copied, never loaded in place. */
    extensionBuilds: Record<BrowserKind, string>;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const root = join(import.meta.dirname, '..', '..', 'build', 'test-extensions');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const kinds: BrowserKind[] = ['chromium', 'firefox'];
  const dirs = await Promise.all(kinds.map((kind) => buildExtension(kind, join(root, kind))));
  project.provide('extensionBuilds', { chromium: dirs[0]!, firefox: dirs[1]! });
}
