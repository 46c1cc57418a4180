// The content script is injected into every http(s) page the user opens, so what is always loaded must stay
// small: budget 12 KB gzip. Everything else (the cleaner, the reader) must arrive through import() only.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
// The Chrome build's content chunks import each other through chrome.runtime.getURL (scripts/dynamic-url.ts):
// read with the parser, both forms, as the bench does.
import { chunkImports } from '../../scripts/lib/chunk-imports.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist/chrome');
const BUDGET = 12 * 1024;
/** What the loader imports on "maybe" to detect and clean (the controller and its static imports). */
const CLEANER_BUDGET = 16 * 1024;

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** dist/chrome as built from the current sources: reused when newer than every input, else rebuilt. */
async function chromeBuild(): Promise<string> {
  const manifest = path.join(DIST, 'manifest.json');
  const inputs = [
    'src',
    'manifest.json',
    'vite.config.ts',
    'scripts/dynamic-url.ts',
    'scripts/popup-build.ts',
    'scripts/lib/chunk-imports.mjs',
    '_locales',
  ]
    .map((p) => path.join(ROOT, p))
    .filter(existsSync);
  if (existsSync(manifest) && statSync(manifest).mtimeMs > Math.max(...inputs.map(newestMtime))) return DIST;
  await build({ root: ROOT, configFile: path.join(ROOT, 'vite.config.ts'), mode: 'chrome', logLevel: 'warn' });
  return DIST;
}

interface Chunk {
  file: string;
  code: string;
}

function read(dist: string, file: string): Chunk {
  return { file, code: readFileSync(path.join(dist, file), 'utf8') };
}

/** The loader(s) named in the manifest, the module each loads, and that module's static imports, transitively. */
function alwaysInjected(dist: string): { chunks: Chunk[]; dynamic: string[] } {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as {
    content_scripts: Array<{ js: string[] }>;
  };
  return staticGraph(
    dist,
    manifest.content_scripts.flatMap((cs) => cs.js),
    true,
  );
}

/** `entries` and their static imports, transitively, and the import() targets outside that graph. `loaders`: the
 *  entries are crxjs's loaders, whose one import() (of the real entry, by its extension URL) always runs. */
function staticGraph(dist: string, entries: string[], loaders = false): { chunks: Chunk[]; dynamic: string[] } {
  const seen = new Map<string, Chunk>();
  const dynamic = new Set<string>();
  const queue: string[] = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    const chunk = read(dist, file);
    seen.set(file, chunk);
    const imports = chunkImports(file, chunk.code);
    queue.push(...imports.static);
    if (loaders && entries.includes(file)) queue.push(...imports.dynamic);
    else for (const f of imports.dynamic) dynamic.add(f);
  }
  return { chunks: [...seen.values()], dynamic: [...dynamic].filter((f) => !seen.has(f)) };
}

describe('always-injected content script', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await chromeBuild();
  }, 120_000);

  it(`stays within ${BUDGET / 1024} KB gzip`, () => {
    const { chunks } = alwaysInjected(dist);
    const sizes = chunks.map((c) => ({ file: c.file, gzip: gzipSync(c.code, { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.info(`always-injected: ${(total / 1024).toFixed(2)} KB gzip in ${sizes.length} files`, sizes);
    // The loader, the entry and the polyfill at least: the walk found the real graph.
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(total).toBeLessThanOrEqual(BUDGET);
  });

  it('loads the cleaner and the reader only through import()', () => {
    const { chunks, dynamic } = alwaysInjected(dist);
    const eager = chunks.map((c) => c.code).join('\n');
    // The cleaner's heavy parts (DOMPurify, Turndown, the core) and the any-page reader's Readability are not
    // in the eager graph...
    expect(eager).not.toMatch(/DOMPurify|turndown|readability/i);
    // ...but in a chunk the entry imports dynamically.
    const lazy = dynamic.map((f) => read(dist, f).code).join('\n');
    expect(dynamic.some((f) => /controller/.test(f))).toBe(true);
    expect(lazy).toMatch(/createController/);
  });

  it('loads Readability (the any-page reader) only in a chunk the controller imports on demand', () => {
    const { chunks, dynamic } = alwaysInjected(dist);
    const eager = new Set(chunks.map((c) => c.file));
    const assets = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    // Readability's own code (a method name minification keeps), not any mention of the word.
    const holders = assets.map((f) => `assets/${f}`).filter((f) => /_grabArticle/.test(read(dist, f).code));
    expect(holders.length).toBeGreaterThan(0);
    for (const file of holders) expect(eager.has(file)).toBe(false);
    // The controller (itself loaded on demand) reaches it through import(), not a static import.
    const controller = dynamic.find((f) => /controller/.test(f));
    expect(controller).toBeDefined();
    const imports = chunkImports(controller!, read(dist, controller!).code);
    expect(holders.every((h) => imports.dynamic.includes(h))).toBe(true);
    expect(imports.static.some((f) => holders.includes(f))).toBe(false);
  });

  it(`loads the cleaner without the extraction stack: at most ${CLEANER_BUDGET / 1024} KB gzip before the page is cleaned`, () => {
    const { dynamic } = alwaysInjected(dist);
    const controller = dynamic.find((f) => /controller/.test(f));
    expect(controller).toBeDefined();
    const { chunks } = staticGraph(dist, [controller!]);
    const eager = new Set(alwaysInjected(dist).chunks.map((c) => c.file));
    const own = chunks.filter((c) => !eager.has(c.file));
    const total = own.reduce((sum, c) => sum + gzipSync(c.code, { level: 9 }).length, 0);
    console.info(
      `cleaner: ${(total / 1024).toFixed(2)} KB gzip in ${own.length} files`,
      own.map((c) => c.file),
    );
    expect(own.map((c) => c.code).join('\n')).toMatch(/createController/);
    // DOMPurify, Turndown and the YAML parser come with extraction (popup, reader, copy), not with cleaning.
    expect(own.map((c) => c.code).join('\n')).not.toMatch(/DOMPurify|turndown|YAMLParseError|_grabArticle/i);
    expect(total).toBeLessThanOrEqual(CLEANER_BUDGET);
  });
});

// Each import() is a fetch the page's busy thread answers a task later: chained, the 7 fetches before cleaning took
// up to 1.4 s on the bench's 1 MB page (scripts/dynamic-url.ts). Every chunk asks for all it needs in one round.
describe('content script chunks load in rounds, not one after another', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await chromeBuild();
  }, 120_000);

  /** Every chunk the content script may load: from the loaders, through static and dynamic imports. */
  function contentChunks(): Map<string, { static: string[]; dynamic: string[] }> {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { content_scripts: Array<{ js: string[] }> };
    const found = new Map<string, { static: string[]; dynamic: string[] }>();
    const queue = manifest.content_scripts.flatMap((cs) => cs.js);
    while (queue.length) {
      const file = queue.shift()!;
      if (found.has(file)) continue;
      const imports = chunkImports(file, read(dist, file).code);
      found.set(file, imports);
      queue.push(...imports.static, ...imports.dynamic);
    }
    return found;
  }

  const closureOf = (graph: Map<string, { static: string[] }>, file: string): Set<string> => {
    const seen = new Set<string>();
    const queue = [...graph.get(file)!.static];
    while (queue.length) {
      const next = queue.pop()!;
      if (seen.has(next) || next === file) continue;
      seen.add(next);
      queue.push(...(graph.get(next)?.static ?? []));
    }
    return seen;
  };

  it('a chunk awaits every chunk it needs, directly or not, in one top-level statement', () => {
    const graph = contentChunks();
    let withImports = 0;
    for (const [file, imports] of graph) {
      const closure = closureOf(graph, file);
      expect(
        [...closure].filter((f) => !imports.static.includes(f)),
        file,
      ).toEqual([]);
      if (!imports.static.length) continue;
      withImports++;
      const awaits = read(dist, file).code.match(/await (?:Promise\.all\(\[)?import\(chrome\.runtime\.getURL/g) ?? [];
      expect(awaits.length, file).toBe(1);
    }
    // The entry and the controller at least: the walk found the real graph.
    expect(withImports).toBeGreaterThanOrEqual(2);
  });

  it("an import() site asks for its target's chunks with it", () => {
    const graph = contentChunks();
    // What the target imports that the importing chunk had not: it is running, so its own imports have run.
    const notYet = (file: string, target: string): Set<string> => {
      const loaded = new Set([file, ...closureOf(graph, file)]);
      return new Set([...closureOf(graph, target)].filter((f) => !loaded.has(f)));
    };
    let sites = 0;
    for (const [file] of graph) {
      const code = read(dist, file).code;
      for (const m of code.matchAll(/__pnrAhead\((\[[^\]]*\])\),import\(chrome\.runtime\.getURL\("([^"]+)"\)\)/g)) {
        sites++;
        expect(new Set(JSON.parse(m[1]!) as string[]), `${file} → ${m[2]}`).toEqual(notYet(file, m[2]!));
      }
      // Every import() site of a rewritten chunk whose target imports chunks not loaded yet is one of those.
      for (const target of graph.get(file)!.dynamic) {
        if (/-loader-/.test(file) || notYet(file, target).size === 0) continue;
        expect(code, `${file} → ${target}`).toContain(`),import(chrome.runtime.getURL("${target}"))`);
      }
    }
    // The entry's import() of the controller at least.
    expect(sites).toBeGreaterThanOrEqual(1);
  });
});

describe("the popup's start", () => {
  let dist: string;
  beforeAll(async () => {
    dist = await chromeBuild();
  }, 120_000);

  /** Extension paths (`/assets/x.js` → `assets/x.js`) of the popup HTML's tags matching `tag`. */
  const named = (html: string, tag: RegExp) => [...html.matchAll(tag)].map((m) => m[1]!.replace(/^\//, ''));

  it('fetches one style sheet and at most three scripts of its own before it shows (scripts/popup-build.ts)', () => {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { action: { default_popup: string } };
    const html = readFileSync(path.join(dist, manifest.action.default_popup), 'utf8');
    const scripts = named(html, /<script type="module"[^>]* src="([^"]+)"/g);
    const preloads = named(html, /<link rel="modulepreload"[^>]* href="([^"]+)"/g);
    const sheets = named(html, /<link rel="stylesheet"[^>]* href="([^"]+)"/g);
    // first-ask first (it asks the page before the rest loads), then the popup.
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toMatch(/^assets\/popup\/first-ask-/);
    const { chunks } = staticGraph(dist, scripts);
    const start = chunks.map((c) => c.file);
    console.info(`popup start: ${start.length} scripts`, start, sheets);
    // Every script it needs to show: its own (no chunk shared with the options page or the reader), listed up
    // front, and few. In the extension's build they were 13, and 2 style sheets.
    expect(start.every((f) => f.startsWith('assets/popup/'))).toBe(true);
    expect(new Set([...scripts, ...preloads])).toEqual(new Set(start));
    expect(start.length).toBeLessThanOrEqual(3);
    expect(sheets).toHaveLength(1);
    // Copy and save (Turndown) stay out of it.
    expect(chunks.map((c) => c.code).join('\n')).not.toMatch(/turndown/i);
  });
});
