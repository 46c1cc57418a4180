// Bundles the CLI into plain-node JS: build/cli/proxied-news.js (the bin) and build/cli/lib.js (for scripts).
// Runtime dependencies stay external.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: { 'proxied-news': 'src/cli/bin.ts', lib: 'src/node/lib.ts' },
  outdir: 'build/cli',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(pkg.dependencies ?? {}),
  logLevel: 'warning',
});
// The shebang goes on the bin only.
const bin = 'build/cli/proxied-news.js';
const { writeFileSync } = await import('node:fs');
writeFileSync(bin, '#!/usr/bin/env node\n' + readFileSync(bin, 'utf8'));
chmodSync(bin, 0o755);
