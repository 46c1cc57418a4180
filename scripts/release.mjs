#!/usr/bin/env node
// npm run release -- patch|minor|major|x.y.z
// Bumps package.json's version (and package-lock.json's two fields for the project), turns CHANGELOG.md's
// Unreleased section into the new version dated today (UTC) under a fresh empty Unreleased, then runs
// `npm run package`. Every new text is computed first (scripts/lib/release.mjs): a bad argument or changelog
// stops the release before any file is written. It neither commits nor tags: review the diff, then do both.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReleaseError, planRelease, today } from './lib/release.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = ['package.json', 'package-lock.json', 'CHANGELOG.md'];

function main(args) {
  if (args.length !== 1) throw new ReleaseError('usage: npm run release -- patch|minor|major|x.y.z');
  const inputs = Object.fromEntries(FILES.map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));
  const plan = planRelease(args[0], inputs, today());
  for (const f of FILES) writeFileSync(path.join(ROOT, f), plan.files[f]);
  console.log(`release: ${plan.from} → ${plan.version} (package.json, package-lock.json, CHANGELOG.md)`);
  const run = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(
      `release: the version files are written, but \`npm run package\` failed (${run.status ?? run.signal}): fix it and run \`npm run package\` again`,
    );
    process.exit(1);
  }
  console.log(`release: ${plan.version} packaged in artifacts/. Review the diff, commit it and tag v${plan.version}.`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof ReleaseError)) throw e;
  console.error(`release: ${e.message} (nothing was written)`);
  process.exit(1);
}
