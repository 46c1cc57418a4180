// What the built extension ships to pages, by when it loads: the content script injected into every page
// (the manifest's loader, the module it imports by URL and that module's static imports, transitively), the
// cleaner it imports on "maybe" (import() targets and their static imports) and what the cleaner loads later
// still (the reader). Sizes are gzip level 9, as a budget would count them. Same walk as
// test/unit/size-budget.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
// Both import forms (the Chrome build's content chunks import each other through chrome.runtime.getURL).
import { chunkImports } from '../scripts/lib/chunk-imports.mjs';

/** Files reachable from `roots` by static imports, minus `exclude`; plus the import() targets seen. `loaders`: the
 *  roots are crxjs's loaders, whose one import() (of the real entry, by its extension URL) always runs. */
function walk(dist, roots, exclude, loaders = false) {
  const seen = new Map();
  const dynamic = new Set();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file) || exclude.has(file)) continue;
    const code = readFileSync(join(dist, file), 'utf8');
    seen.set(file, code);
    const imports = chunkImports(file, code);
    queue.push(...imports.static);
    if (loaders && roots.includes(file)) queue.push(...imports.dynamic);
    else for (const f of imports.dynamic) dynamic.add(f);
  }
  return { files: seen, dynamic: [...dynamic].filter((f) => !seen.has(f) && !exclude.has(f)) };
}

function sized(files) {
  const list = [...files.entries()].map(([file, code]) => ({
    file,
    bytes: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length,
  }));
  return { gzipBytes: list.reduce((s, f) => s + f.gzip, 0), bytes: list.reduce((s, f) => s + f.bytes, 0), files: list };
}

export function contentScriptSizes(dist) {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const roots = (manifest.content_scripts ?? []).flatMap((cs) => cs.js ?? []);
  if (!roots.length) throw new Error(`${dist}/manifest.json declares no content script`);
  const eager = walk(dist, roots, new Set(), true);
  const done = new Set(eager.files.keys());
  const cleaner = walk(dist, eager.dynamic, done);
  for (const f of cleaner.files.keys()) done.add(f);
  const later = walk(dist, cleaner.dynamic, done);
  return { everyPage: sized(eager.files), cleaner: sized(cleaner.files), later: sized(later.files) };
}
