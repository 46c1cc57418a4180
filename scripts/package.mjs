#!/usr/bin/env node
// Store packages, after `npm run build` (`npm run package` builds first), into artifacts/:
//   proxied-news-reader-<version>-chrome.zip    Chrome Web Store
//   proxied-news-reader-<version>-firefox.zip   addons.mozilla.org
//   proxied-news-reader-<version>-sources.zip   addons.mozilla.org's source review: the tracked files + BUILDING.md
//   store/                                      listing texts (store/*.md), PRIVACY.md, the pictures in store/
// <version> is package.json's, which vite.config.ts writes into both manifests. Zips are reproducible
// (scripts/lib/zip.mjs): the same files give the same bytes.
//
// --strict (for a real submission): fails when the store pictures are missing or of the wrong size, or when the
// working tree has uncommitted changes (the sources archive would not match a commit).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEnvironment, sourcesZip, uncommitted } from './lib/sources.mjs';
import { storeImageProblems } from './lib/store-listing.mjs';
import { extensionZip, listFiles } from './lib/zip.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = ['chrome', 'firefox'];

class PackageError extends Error {}

function size(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function write(out, bytes, what) {
  writeFileSync(out, bytes);
  console.log(`${path.relative(ROOT, out)}: ${what}, ${size(bytes.length)}`);
}

/** The PNGs under store/, by path relative to it. */
function storePictures() {
  const src = path.join(ROOT, 'store');
  const files = existsSync(src) ? listFiles(src).filter((f) => /\.png$/i.test(f)) : [];
  return Object.fromEntries(files.map((f) => [f, readFileSync(path.join(src, f))]));
}

/** store/ (texts and pictures) and PRIVACY.md into artifacts/store/, replacing what an earlier run left there. */
function copyStore(outDir) {
  const src = path.join(ROOT, 'store');
  const dest = path.join(outDir, 'store');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const files = existsSync(src) ? listFiles(src).filter((f) => /\.(md|png)$/i.test(f)) : [];
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    copyFileSync(path.join(src, f), path.join(dest, f));
  }
  copyFileSync(path.join(ROOT, 'PRIVACY.md'), path.join(dest, 'PRIVACY.md'));
  console.log(`${path.relative(ROOT, dest)}/: ${files.length + 1} files (${files.filter((f) => /\.png$/i.test(f)).length} pictures)`);
}

export function main(argv = process.argv.slice(2)) {
  const unknown = argv.filter((a) => a !== '--strict');
  if (unknown.length) throw new PackageError(`unknown argument ${unknown.join(' ')} (usage: node scripts/package.mjs [--strict])`);
  const strict = argv.includes('--strict');
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const outDir = path.join(ROOT, 'artifacts');

  // Everything --strict refuses is checked before anything is written.
  const pictureProblems = storeImageProblems(storePictures());
  if (pictureProblems.length && strict) throw new PackageError(`store pictures (--strict):\n  ${pictureProblems.join('\n  ')}`);
  const dirty = uncommitted(ROOT);
  if (dirty.length) {
    const list = `${dirty.slice(0, 10).join('\n  ')}${dirty.length > 10 ? `\n  … ${dirty.length - 10} more` : ''}`;
    const message = `the working tree differs from HEAD; the sources archive takes tracked files as they are now, untracked ones not at all:\n  ${list}`;
    if (strict) throw new PackageError(`${message}\ncommit (or stash) first: --strict packages a commit`);
    console.warn(`warning: ${message}`);
  }

  mkdirSync(outDir, { recursive: true });
  for (const target of TARGETS) {
    const dist = path.join(ROOT, 'dist', target);
    const manifestFile = path.join(dist, 'manifest.json');
    if (!existsSync(manifestFile))
      throw new PackageError(`dist/${target}/manifest.json is missing: run \`npm run build\` (or \`npm run package\`, which builds first)`);
    const built = JSON.parse(readFileSync(manifestFile, 'utf8')).version;
    if (built !== version)
      throw new PackageError(`dist/${target} was built as version ${built}, package.json says ${version}: run \`npm run build\` again`);
    write(path.join(outDir, `proxied-news-reader-${version}-${target}.zip`), extensionZip(dist), `dist/${target}`);
  }
  const { archive, files } = sourcesZip(ROOT, buildEnvironment());
  write(path.join(outDir, `proxied-news-reader-${version}-sources.zip`), archive, `${files.length} tracked files`);
  copyStore(outDir);
  for (const p of pictureProblems) console.warn(`warning: ${p} (fails with --strict)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    console.error(`package: ${e.message}`);
    process.exit(1);
  }
}
