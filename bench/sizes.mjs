// What the built extension ships to pages, by when it loads: the content script injected into every page
// (the manifest's loader, the module it imports by URL and that module's static imports, transitively), the
// cleaner it imports on "maybe" (import() targets and their static imports) and what the cleaner loads later
// still (the reader). Sizes are gzip level 9, as a budget would count them. Same walk as
// test/unit/size-budget.test.ts.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /(?:^|[;\n}])\s*import\s*(?:[\w$*{},\s]+from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;
const LOADER_URL = /runtime\.getURL\(\s*["'`]([^"'`]+)["'`]\s*\)/g;

/** Files reachable from `roots` by static imports (and crxjs's getURL import), minus `exclude`; plus the import() targets seen. */
function walk(dist, roots, exclude) {
  const seen = new Map();
  const dynamic = new Set();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file) || exclude.has(file)) continue;
    const code = readFileSync(join(dist, file), 'utf8');
    seen.set(file, code);
    for (const m of code.matchAll(LOADER_URL)) queue.push(m[1]);
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(posix.join(posix.dirname(file), m[1]));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) dynamic.add(posix.join(posix.dirname(file), m[1]));
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
  const eager = walk(dist, roots, new Set());
  const done = new Set(eager.files.keys());
  const cleaner = walk(dist, eager.dynamic, done);
  for (const f of cleaner.files.keys()) done.add(f);
  const later = walk(dist, cleaner.dynamic, done);
  return { everyPage: sized(eager.files), cleaner: sized(cleaner.files), later: sized(later.files) };
}
