// Bundles the CLI into plain-node JS: build/cli/proxied-news.js (the bin), build/cli/worker.js (its worker
// threads, `--jobs`) and build/cli/lib.js (for scripts). Runtime dependencies stay external.
// Run by `npm run build:cli`, `npm run build`, `npm test`, and by npm itself as `prepare` (npm install / npm ci in
// the checkout, `npm install -g .`), so that the package's bin exists wherever the package is installed from here.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  console.error('build-cli: esbuild is missing. It is a devDependency: run `npm install` (without --omit=dev) first.');
  process.exit(1);
}
// Chunk names change with their contents: old ones would pile up.
rmSync(new URL('../build/cli', import.meta.url), { recursive: true, force: true });
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: { 'proxied-news': 'src/cli/bin.ts', worker: 'src/cli/worker.ts', lib: 'src/node/lib.ts' },
  absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
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
const bin = new URL('../build/cli/proxied-news.js', import.meta.url);
writeFileSync(bin, '#!/usr/bin/env node\n' + readFileSync(bin, 'utf8'));
chmodSync(bin, 0o755);
