// Builds the CLI once per test run, before any file: the CLI tests run the built bin, and files running side by
// side must not rebuild it under each other (a file read while another writes it).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/build-cli.mjs failed (${r.status}): ${r.stderr}`);
}
