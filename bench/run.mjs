#!/usr/bin/env node
// The performance benchmark (npm run bench): the built Chrome extension in Debian's Chromium, against
// Mozilla's Readability, on real corpus pages served from 127.0.0.1 (no network). See bench/README.md.
//
//   node bench/run.mjs [--quick] [--out bench/results.json] [--no-profile] [--no-cli]
//                      [--ext DIR] [--src DIR] [--only pages,large,profiles,longtasks,actions,cli] [--no-5mb]
//
// --no-5mb leaves the 5 MB page out of the traced phases (longtasks, actions): a quicker look while working on
// the others; its keys then come from the pages measured.
// --ext and --src measure a prototype: a built extension directory instead of dist/chrome, and a copy of
// src/ for the in-page bundle (its bare imports still resolve from this checkout's node_modules).
//
// Exit status: 0 when it measured (goals are reported, not asserted), 1 when it could not run.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXECUTABLES, ensureBuilt, INSTALL_HINT, launchChromium } from '../scripts/lib/browsers.mjs';
import { f1, loadExpectation } from '../scripts/lib/expectations.mjs';
import { interceptPage, TestWeb } from '../scripts/lib/test-web.mjs';
import { solidPng } from '../scripts/make-icons.mjs';
import { LARGE_SIZES, pageOfSize, repeatBody, splitPage } from './make-large-pages.mjs';
import { contentScriptSizes } from './sizes.mjs';
import { analyzeTrace, parseTraceEvents, TRACE_CATEGORIES } from './trace.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench', 'results.json') },
    'no-profile': { type: 'boolean', default: false },
    'no-cli': { type: 'boolean', default: false },
    ext: { type: 'string' },
    src: { type: 'string' },
    only: { type: 'string' },
    'no-5mb': { type: 'boolean', default: false },
  },
});
/** The generated large pages the traced phases load. */
const TRACED_LARGE = Object.keys(LARGE_SIZES).filter((n) => !(opts['no-5mb'] && n === 'large-5mb.html'));
/** Parts of the run: in-page timings on corpus pages, large pages and scaling, CPU profiles, traced loads, traced
 * user actions (popup, reader, copy), the CLI. */
const PHASES = ['pages', 'large', 'profiles', 'longtasks', 'actions', 'cli'];
const only = opts.only ? opts.only.split(',') : PHASES;
for (const p of only) if (!PHASES.includes(p)) fail(`--only: unknown part "${p}" (${PHASES.join(', ')})`);
const phase = (p) => only.includes(p) && !(p === 'cli' && opts['no-cli']) && !(p === 'profiles' && opts['no-profile']);

/** Repetitions. Detection samples are batches of calls lasting ≥ DETECT_SAMPLE_MS (the page clock is coarse). */
const N = opts.quick
  ? { detect: 7, detectSampleMs: 1, extract: 3, large: 2, scale: [5, 3, 2], longtaskRuns: 1, actionRuns: 1 }
  : { detect: 21, detectSampleMs: 2, extract: 11, large: 3, scale: [11, 7, 5], longtaskRuns: 3, actionRuns: 3 };
/** Goals (issue 10 and before): reported with ✓/✗, never asserted. Which way each goes: `goals` at the end. */
const GOALS = {
  detectRatio: 0.1,
  extractRatio: 0.15,
  extractRatioMax: 0.5,
  contentScriptGzipBytes: 12 * 1024,
  longestTaskMs: 50,
  longestActionTaskMs: 50,
  popupReadyMs: 100,
  readerOpenMs: 150,
  loadToCleaned1mbMs: 1000,
  f1Ours: 0.995,
  cliPagesPerSecond: 60,
  cliPeakRssMB: 600,
};
/** How long a user action may take before it is reported as timed out (and null): opening the popup or the reader
 * (a 5 MB page's extraction may take tens of seconds), and copying from the popup (its article already there). */
const ACTION_TIMEOUT_MS = opts.quick ? 60_000 : 120_000;
const COPY_TIMEOUT_MS = opts.quick ? 30_000 : 60_000;

const t0 = Date.now();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
function fail(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Statistics

const sortNum = (a) => [...a].sort((x, y) => x - y);
function median(a) {
  if (!a.length) return NaN;
  const s = sortNum(a);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile. */
const pct = (a, p) => (a.length ? sortNum(a)[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)] : NaN);
const mean = (a) => (a.length ? a.reduce((s, x) => s + x, 0) / a.length : NaN);
const round = (x, d = 3) => (Number.isFinite(x) ? +x.toFixed(d) : null);

// ---------------------------------------------------------------------------------------------
// Preflight: the baseline library, the browser, the corpus, the extension build.

if (!existsSync(join(ROOT, 'node_modules/@mozilla/readability/package.json'))) {
  fail('@mozilla/readability is not installed: it is the baseline. Add it as a devDependency (npm i -D @mozilla/readability).');
}
if (!existsSync(EXECUTABLES.chromium)) fail(`no Chromium at ${EXECUTABLES.chromium} (Debian: ${INSTALL_HINT})`);
const esbuild = await import('esbuild');

const corpusDir = resolve(process.env.CORPUS_DIR ?? join(ROOT, '..', 'shared', 'corpus'));
const expectedDir = join(ROOT, 'test', 'corpus-expected');
const haveCorpus = existsSync(join(corpusDir, 'rendered', 'p'));
const articleDir = haveCorpus ? join(corpusDir, 'rendered', 'p') : join(ROOT, 'test', 'fixtures', 'rendered');
const listingDir = haveCorpus ? join(corpusDir, 'rendered', 'listing') : null;
if (!haveCorpus)
  log(
    `no corpus at ${corpusDir} (set CORPUS_DIR): using the ${readdirSync(articleDir).length} pages of test/fixtures/rendered, no listing pages`,
  );

const htmlFiles = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort();
const allArticles = htmlFiles(articleDir);
const bySize = [...allArticles].sort((a, b) => statSync(join(articleDir, b)).size - statSync(join(articleDir, a)).size);
// Deterministic sample: every 6th page by name, plus the 5 largest.
const picked = haveCorpus ? [...new Set([...allArticles.filter((_, i) => i % 6 === 0), ...bySize.slice(0, 5)])].sort() : allArticles;
const listings = listingDir ? htmlFiles(listingDir) : [];
const largestArticle = bySize[0];
// The scaling and large pages repeat one article rich in paragraphs and images (273 body children, 51 images).
const baseArticle =
  ['40e6.html', '2533.html', '72b5.html', 'iplaysoft-keyword-links.html', 'yystv-lazy-original.html'].find((f) =>
    allArticles.includes(f),
  ) ?? largestArticle;

/** dist/chrome built from the current sources: rebuilt when missing or older than a source file. */
async function ensureExtensionBuild() {
  try {
    return await ensureBuilt('chromium', log);
  } catch (error) {
    return fail(`the extension build failed (npx vite build --mode chrome): ${error.message}`);
  }
}

const work = mkdtempSync(join(os.tmpdir(), 'pnr-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** A private copy of the build: other work in this checkout may rebuild dist/chrome while we measure. */
function snapshotExtension(dist) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const copy = join(work, `ext-${attempt}`);
    try {
      cpSync(dist, copy, { recursive: true });
      const sizes = contentScriptSizes(copy); // throws if a file the graph names is missing
      return { dir: copy, sizes };
    } catch {
      execFileSync('sleep', ['2']);
    }
  }
  return fail(`could not take a consistent copy of ${dist} (is something rebuilding it?)`);
}

if (opts.ext && !existsSync(join(resolve(opts.ext), 'manifest.json'))) fail(`--ext ${opts.ext}: no manifest.json there`);
const ext = snapshotExtension(opts.ext ? resolve(opts.ext) : await ensureExtensionBuild());
const extManifest = JSON.parse(readFileSync(join(ext.dir, 'manifest.json'), 'utf8'));
const extName = (() => {
  const key = /^__MSG_(\w+)__$/.exec(extManifest.name)?.[1];
  if (!key) return extManifest.name;
  const messages = JSON.parse(readFileSync(join(ext.dir, '_locales', extManifest.default_locale ?? 'en', 'messages.json'), 'utf8'));
  return messages[key]?.message ?? extManifest.name;
})();

const BUNDLE_URL = 'pnr-bench-bundle.js';
// The page bundle: our core and Readability in one IIFE. Not minified, so profiles name our functions, and
// esbuild's `// src/core/x.ts` markers map a bundle line back to its source file.
const bundle =
  (
    await esbuild.build({
      entryPoints: [join(ROOT, 'bench', 'page-bundle.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      absWorkingDir: ROOT,
      nodePaths: [join(ROOT, 'node_modules')],
      logLevel: 'warning',
      plugins: [srcRootPlugin(opts.src ? resolve(opts.src) : join(ROOT, 'src'))],
    })
  ).outputFiles[0].text + `\n//# sourceURL=${BUNDLE_URL}\n`;
/** page-bundle.ts imports `../src/…`: point those at `srcRoot` (this checkout's src/, or a prototype's). */
function srcRootPlugin(srcRoot) {
  const asFile = (p) => [`${p}.ts`, join(p, 'index.ts'), p].find((f) => existsSync(f) && statSync(f).isFile());
  return {
    name: 'src-root',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/src\// }, (args) => {
        if (!args.importer.endsWith(join('bench', 'page-bundle.ts'))) return undefined;
        const path = asFile(join(srcRoot, args.path.slice('../src/'.length)));
        return path ? { path } : { errors: [{ text: `not in ${srcRoot}: ${args.path}` }] };
      });
    },
  };
}
const bundleSources = (() => {
  const marks = [];
  bundle.split('\n').forEach((line, i) => {
    // esbuild opens each module with a `// path/to/file.ts` line.
    const m = /^\s*\/\/ (\S+\.(?:ts|tsx|js|mjs))$/.exec(line);
    if (m) marks.push({ line: i, file: m[1].replace(/^(\.\.\/)+/, '') });
  });
  return (line) => {
    let file = '?';
    for (const m of marks) if (m.line <= line) file = m.file;
    return file;
  };
})();

// Large pages and scaling pages, from one real article (tmp dir, not committed).
log(`making large pages from ${baseArticle}`);
const baseParts = splitPage(readFileSync(join(articleDir, baseArticle), 'utf8'));
const generated = new Map(); // name → html
for (const [name, target] of Object.entries(LARGE_SIZES)) generated.set(name, pageOfSize(baseParts, target));
const SCALES = [1, 4, 16];
for (const k of SCALES) generated.set(`scale-${k}x.html`, { html: repeatBody(baseParts, k), factor: k });

// ---------------------------------------------------------------------------------------------
// The test web (scripts/lib/test-web.mjs): the pages from its 127.0.0.1 server, fetched by the browser itself; every
// other request answered in the browser, a small grey PNG for every picture (from any host), 404 for the rest.
// Held through CDP Fetch, http(s) only: the extension's own files (chrome-extension://: the content script's
// modules) are not held. puppeteer's request interception held every request, and a module import waited its turn
// behind thousands of picture requests answered one by one from this process, which made the content script start
// seconds late (most of the 2.4 s from DOMContentLoaded to "cleaned" on the 1 MB page).

const PNG = solidPng(16, 12, [200, 200, 200]);
const web = new TestWeb({ picture: () => ({ status: 200, contentType: 'image/png', body: PNG }) });
web.scenario = 'all';
const origin = await web.listen();
/** path → its page's bytes (read at each request: the corpus stays on disk). */
const routes = new Map();
for (const f of allArticles) routes.set(`/p/${f}`, () => readFileSync(join(articleDir, f)));
for (const f of listings) routes.set(`/listing/${f}`, () => readFileSync(join(listingDir, f)));
for (const [name, page] of generated) routes.set(`/large/${name}`, () => page.html);
for (const [path, body] of routes) web.addPage(origin + path, body);
const intercept = (page) => interceptPage(page, web, { via: 'fetch' });
/** How the requests were answered: from the local server, with a picture, or a 404. */
function requestStats() {
  const stats = { local: 0, image: 0, notFound: 0 };
  for (const entry of web.log) {
    if (web.isLocal(entry.url)) stats.local++;
    else if (entry.ok && (entry.kind === 'image' || entry.kind === 'media')) stats.image++;
    else stats.notFound++;
  }
  return stats;
}

// ---------------------------------------------------------------------------------------------
// The browser: the unpacked extension in a persistent profile. Its incognito contexts do not run the
// extension (not allowed there): that is where the in-page timings run, on pages the extension did not touch.

const { browser, worker } = await launchChromium({ extension: ext.dir, userDataDir: join(work, 'profile') }).catch((error) =>
  fail(`Chromium did not start or the extension did not load: ${error.message}`),
);
const results = {};
try {
  const browserVersion = await browser.version();
  log(`${browserVersion}, extension ${new URL(worker.url()).host} ("${extName}"), serving ${origin}`);
  // The actions call the background's handlers in the service worker. Attached from the start: a DevTools session
  // keeps the worker from being stopped when idle (30 s), which nothing in the run would wake it from.
  const serviceWorker = phase('actions') ? await worker.worker() : null;

  const bare = await browser.createBrowserContext();

  // -------------------------------------------------------------------------------------------
  // In-page timings and readings, page by page.

  const microPage = await bare.newPage();
  await intercept(microPage);
  microPage.setDefaultTimeout(120_000);

  async function openBare(path) {
    await microPage.goto(origin + path, { waitUntil: 'load', timeout: 120_000 });
    // The script element goes once it ran: its 0.5 MB of text must not weigh on the page being measured.
    const tag = await microPage.addScriptTag({ content: bundle });
    await tag.evaluate((el) => el.remove());
    await tag.dispose();
    const touched = await microPage.evaluate(() => document.documentElement.dataset.proxiedNewsReader ?? null);
    if (touched) fail(`the extension ran in the incognito context (${path}: ${touched}); the timings would be of a cleaned page`);
  }

  if (phase('pages')) {
    const pageRows = [];
    const todo = [
      ...picked.map((f) => ({ name: f, path: `/p/${f}`, kind: 'article' })),
      ...listings.map((f) => ({ name: f, path: `/listing/${f}`, kind: 'listing' })),
    ];
    log(`in-page timings: ${picked.length} article pages, ${listings.length} listing pages (detect ×${N.detect}, extract ×${N.extract})`);
    for (const item of todo) {
      await openBare(item.path);
      const reading = await microPage.evaluate(() => window.__bench.readings());
      const det = await microPage.evaluate((s, ms) => window.__bench.timeDetection(s, ms), N.detect, N.detectSampleMs);
      const row = {
        page: item.name,
        kind: item.kind,
        bytes: statSync(join(item.kind === 'article' ? articleDir : listingDir, item.name)).size,
        detected: reading.detection.kind,
        readerable: reading.readerable,
        detectOursUs: round(det.ours.median * 1000, 2),
        detectReadabilityUs: round(det.readability.median * 1000, 2),
      };
      if (item.kind === 'article') {
        const ex = await microPage.evaluate((s) => window.__bench.timeExtraction(s), N.extract);
        row.extractOursMs = round(ex.ours.median);
        row.extractReadabilityMs = round(ex.readability.median);
        row.extractRatio = round(ex.ours.median / ex.readability.median, 4);
        const cl = await microPage.evaluate((s) => window.__bench.timeCleaning(s), N.extract);
        row.cleanMs = round(cl.cleanMs);
        row.cloneDocumentMs = round(cl.cloneDocumentMs);
        row.cloneRootMs = round(cl.cloneRootMs);
        row.cleanChanges = cl.changed;
        const exp = loadExpectation(expectedDir, `rendered/${item.name.replace(/\.html$/, '.json')}`);
        if (exp && typeof exp.text === 'string') {
          row.f1Ours = 'text' in reading.ours ? round(f1(reading.ours.text, exp.text), 4) : 0;
          row.f1Readability = reading.readability ? round(f1(reading.readability.text, exp.text), 4) : 0;
        }
        if ('error' in reading.ours) row.error = reading.ours.error;
      }
      pageRows.push(row);
    }
    results.pages = pageRows;
    const articles = pageRows.filter((r) => r.kind === 'article');
    const detOurs = pageRows.map((r) => r.detectOursUs);
    const detTheirs = pageRows.map((r) => r.detectReadabilityUs);
    const exOurs = articles.map((r) => r.extractOursMs);
    const exTheirs = articles.map((r) => r.extractReadabilityMs);
    const withF1 = articles.filter((r) => r.f1Ours !== undefined);
    results.detection = {
      pages: pageRows.length,
      oursMedianUs: round(median(detOurs), 2),
      oursP95Us: round(pct(detOurs, 95), 2),
      readabilityMedianUs: round(median(detTheirs), 2),
      readabilityP95Us: round(pct(detTheirs, 95), 2),
    };
    results.extraction = {
      pages: articles.length,
      oursMedianMs: round(median(exOurs)),
      oursP95Ms: round(pct(exOurs, 95)),
      readabilityMedianMs: round(median(exTheirs)),
      readabilityP95Ms: round(pct(exTheirs, 95)),
    };
    results.cleaning = {
      pages: articles.length,
      cleanMedianMs: round(median(articles.map((r) => r.cleanMs))),
      cleanMaxMs: round(Math.max(...articles.map((r) => r.cleanMs))),
      cloneDocumentMedianMs: round(median(articles.map((r) => r.cloneDocumentMs))),
      cloneRootMedianMs: round(median(articles.map((r) => r.cloneRootMs))),
    };
    results.detectRatio = round(median(detOurs) / median(detTheirs), 4);
    results.extractRatio = round(median(exOurs) / median(exTheirs), 4);
    results.f1Ours = round(mean(withF1.map((r) => r.f1Ours)), 4);
    results.f1Readability = round(mean(withF1.map((r) => r.f1Readability)), 4);
    results.quality = {
      pages: withF1.length,
      f1OursMin: round(Math.min(...withF1.map((r) => r.f1Ours)), 4),
      f1ReadabilityMin: round(Math.min(...withF1.map((r) => r.f1Readability)), 4),
      articlesDetected: articles.filter((r) => r.detected === 'article').length,
      articlesReaderable: articles.filter((r) => r.readerable).length,
      listingsDetected: pageRows.filter((r) => r.kind === 'listing' && r.detected === 'article').length,
      listingsReaderable: pageRows.filter((r) => r.kind === 'listing' && r.readerable).length,
    };
    log(
      `detection median ${results.detection.oursMedianUs} µs vs ${results.detection.readabilityMedianUs} µs; ` +
        `extraction median ${results.extraction.oursMedianMs} ms vs ${results.extraction.readabilityMedianMs} ms`,
    );

    // -------------------------------------------------------------------------------------------
    // Large pages and scaling.
  }

  // -------------------------------------------------------------------------------------------
  // Large pages and scaling.

  if (phase('large')) {
    results.large = [];
    for (const name of Object.keys(LARGE_SIZES)) {
      // A 5 MB page takes seconds per extraction: one sample (after the warm-up call) is all the budget allows.
      const samples = name === 'large-5mb.html' ? 1 : N.large;
      await openBare(`/large/${name}`);
      const det = await microPage.evaluate((s, ms) => window.__bench.timeDetection(s, ms), N.detect, N.detectSampleMs);
      const ex = await microPage.evaluate((s) => window.__bench.timeExtraction(s), samples);
      const cl = await microPage.evaluate((s) => window.__bench.timeCleaning(s), samples);
      results.large.push({
        page: name,
        bytes: Buffer.byteLength(generated.get(name).html),
        samples,
        bodyRepeats: generated.get(name).factor,
        detectOursUs: round(det.ours.median * 1000, 2),
        detectReadabilityUs: round(det.readability.median * 1000, 2),
        extractOursMs: round(ex.ours.median, 1),
        extractReadabilityMs: round(ex.readability.median, 1),
        extractRatio: round(ex.ours.median / ex.readability.median, 3),
        cleanMs: round(cl.cleanMs, 1),
        cloneDocumentMs: round(cl.cloneDocumentMs, 1),
        cloneRootMs: round(cl.cloneRootMs, 1),
      });
      log(`${name}: extract ${ex.ours.median.toFixed(0)} ms vs Readability ${ex.readability.median.toFixed(0)} ms`);
    }
    results.scaling = { page: baseArticle, bodyBytes: baseParts.bodyBytes, rows: [] };
    for (const [i, k] of SCALES.entries()) {
      await openBare(`/large/scale-${k}x.html`);
      const t = await microPage.evaluate((s) => window.__bench.timeOurs(s), N.scale[i]);
      const kb = (baseParts.bodyBytes * k) / 1024;
      // ms/KB from the fastest sample: on a busy machine noise only ever adds time, and linearity is the question.
      results.scaling.rows.push({
        factor: k,
        bodyKB: round(kb, 1),
        extractMs: round(t.median, 2),
        minMs: round(t.min, 2),
        msPerKB: round(t.min / kb, 4),
      });
    }
    const perKB = results.scaling.rows.map((r) => r.msPerKB);
    results.scaling.msPerKBSpread = round(Math.max(...perKB) / Math.min(...perKB), 3);
    log(`scaling: ${results.scaling.rows.map((r) => `${r.factor}× ${r.extractMs} ms (fastest ${r.msPerKB} ms/KB)`).join(', ')}`);
  }

  // -------------------------------------------------------------------------------------------
  // Profiles of our code where it costs most: V8's sampling profiler over repeated calls, in the page.

  if (phase('profiles')) {
    {
      results.profiles = {};
      const cdp = await microPage.createCDPSession();
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      // As the extraction is timed (the popup and the reader ask for no Markdown: page-bundle.ts timeExtraction).
      const EXTRACT_OPTS = '{ markdown: false }';
      async function profile(label, path, expression) {
        await openBare(path);
        await microPage.evaluate(expression); // warm up
        await cdp.send('Profiler.start');
        const ms = await microPage.evaluate(`(() => { const t = performance.now(); ${expression}; return performance.now() - t; })()`);
        const { profile: p } = await cdp.send('Profiler.stop');
        results.profiles[label] = { page: path, expression, wallMs: round(ms, 1), ...summarizeProfile(p, ms) };
      }
      const articleRows = (results.pages ?? []).filter((r) => r.kind === 'article');
      const slowestRow = [...articleRows].sort((a, b) => b.extractOursMs - a.extractOursMs)[0] ?? {
        page: largestArticle,
        extractOursMs: 20,
      };
      const slowest = slowestRow.page;
      const slowestIterations = Math.max(1, Math.min(40, Math.round(600 / Math.max(1, slowestRow.extractOursMs))));
      await profile(
        'extract-slowest-page',
        `/p/${slowest}`,
        `for (let i = 0; i < ${slowestIterations}; i++) window.__bench.extract(document, ${EXTRACT_OPTS})`,
      );
      // The page of the worst ratio to Readability (extractRatioMax), when it is a corpus page and not the slowest.
      const worst = [...articleRows].sort((a, b) => b.extractRatio - a.extractRatio)[0];
      if (worst && worst.page !== slowest) {
        const n = Math.max(1, Math.min(40, Math.round(600 / Math.max(1, worst.extractOursMs))));
        await profile(
          'extract-worst-ratio-page',
          `/p/${worst.page}`,
          `for (let i = 0; i < ${n}; i++) window.__bench.extract(document, ${EXTRACT_OPTS})`,
        );
      }
      await profile(
        'extract-largest-page',
        `/p/${largestArticle}`,
        `for (let i = 0; i < 40; i++) window.__bench.extract(document, ${EXTRACT_OPTS})`,
      );
      await profile('extract-1mb', '/large/large-1mb.html', `window.__bench.extract(document, ${EXTRACT_OPTS})`);
      await profile(
        'detect-article',
        `/p/${largestArticle}`,
        'for (let i = 0; i < 20000; i++) window.__bench.quickCheck(document) && window.__bench.detect(document)',
      );
      if (listings.length) {
        await profile(
          'detect-listing',
          `/listing/${listings[0]}`,
          'for (let i = 0; i < 20000; i++) window.__bench.quickCheck(document) && window.__bench.detect(document)',
        );
      }
      await profile(
        'readability-largest',
        `/p/${largestArticle}`,
        'for (let i = 0; i < 20; i++) new window.__bench.Readability(document.cloneNode(true)).parse()',
      );
      await cdp.detach();
      log('profiles taken');
    }
  }

  // -------------------------------------------------------------------------------------------
  // Main-thread tasks while the extension loads and cleans: traced, with and without the extension.

  if (phase('longtasks')) {
    results.longTasks = [];
    for (const [name, path] of [[largestArticle, `/p/${largestArticle}`], ...TRACED_LARGE.map((n) => [n, `/large/${n}`])]) {
      // A 5 MB page takes ~25 s to load and its trace ~100 MB: one run, and the page alone by the Long Tasks API
      // only; the 1 MB page two runs. The goal's page gets all N.longtaskRuns.
      const huge = name === 'large-5mb.html';
      const count = huge ? 1 : name === largestArticle ? N.longtaskRuns : Math.min(2, N.longtaskRuns);
      const runs = { withExtension: [], pageAlone: [] };
      for (let r = 0; r < count; r++) {
        runs.withExtension.push(await traceLoad(browser.defaultBrowserContext(), path, { expectClean: true, trace: true }));
        runs.pageAlone.push(await traceLoad(bare, path, { expectClean: false, trace: !huge }));
      }
      const pick = (list, f) => median(list.map(f).filter(Number.isFinite));
      const values = (list, f) => list.map((x) => round(f(x), 1));
      const aloneLongest = (x) => x.trace?.longest?.durationMs ?? x.longtaskMax;
      const row = {
        page: name,
        bytes: Buffer.byteLength(routes.get(path)()),
        runs: count,
        cleaned: runs.withExtension.every((x) => x.cleaned),
        longestExtensionTaskMs: round(
          pick(runs.withExtension, (x) => x.trace.longestExtension?.durationMs),
          1,
        ),
        longestTaskWithExtensionMs: round(
          pick(runs.withExtension, (x) => x.trace.longest?.durationMs),
          1,
        ),
        longestTaskPageAloneMs: round(pick(runs.pageAlone, aloneLongest), 1),
        extensionJsMs: round(
          pick(runs.withExtension, (x) => x.trace.extensionJsMs),
          1,
        ),
        extensionTasks: pick(runs.withExtension, (x) => x.trace.extensionTasks),
        longtaskApiMaxWithExtensionMs: round(
          pick(runs.withExtension, (x) => x.longtaskMax),
          1,
        ),
        longtaskApiMaxPageAloneMs: round(
          pick(runs.pageAlone, (x) => x.longtaskMax),
          1,
        ),
        loadToCleanedMs: round(
          pick(runs.withExtension, (x) => x.cleanedAfterMs),
          0,
        ),
        dclToCleanedMs: round(
          pick(runs.withExtension, (x) => x.dclToCleanedMs),
          0,
        ),
        perRun: {
          longestExtensionTaskMs: values(runs.withExtension, (x) => x.trace.longestExtension?.durationMs),
          longestTaskWithExtensionMs: values(runs.withExtension, (x) => x.trace.longest?.durationMs),
          longestTaskPageAloneMs: values(runs.pageAlone, aloneLongest),
        },
        longestExtensionTask: runs.withExtension.at(-1)?.trace.longestExtension ?? null,
        // DOMContentLoaded → "cleaned" of the last run: the extension's tasks, the page's, and waiting.
        toCleaned: runs.withExtension.at(-1)?.trace.toCleaned ?? null,
        extensionHotspots: runs.withExtension.at(-1)?.trace.extensionHotspots ?? [],
      };
      results.longTasks.push(row);
      log(
        `${name}: longest extension task ${row.longestExtensionTaskMs} ms; longest task with extension ${row.longestTaskWithExtensionMs} ms, ` +
          `page alone ${row.longestTaskPageAloneMs} ms`,
      );
    }
    const main = results.longTasks[0];
    results.longestTaskMs = main.longestExtensionTaskMs;
    results.longestTaskWithExtensionMs = main.longestTaskWithExtensionMs;
    results.longestTaskPageAloneMs = main.longestTaskPageAloneMs;
  }

  // -------------------------------------------------------------------------------------------
  // What a user does on an article, traced in the page's renderer: opening the popup, copying Markdown from it,
  // opening the reader.

  if (phase('actions')) await measureActions(serviceWorker, `chrome-extension://${new URL(worker.url()).host}`);

  results.machine = {
    cpu: os.cpus()[0]?.model ?? '?',
    cores: os.cpus().length,
    memoryGB: round(os.totalmem() / 2 ** 30, 1),
    loadAverage: os.loadavg().map((x) => round(x, 2)),
    os: `${os.type()} ${os.release()}`,
    browser: browserVersion,
    node: process.version,
  };
} finally {
  await browser.close().catch(() => undefined);
  await web.close();
}

/**
 * Installed before the page's first script (evaluateOnNewDocument): the page's clock when the extension marks it
 * `data-proxied-news-reader="cleaned"`, seen by a MutationObserver (exact, unlike polling from Node).
 */
function cleanedProbe() {
  window.__pnrCleanedAt = null;
  new MutationObserver((_, observer) => {
    if (document.documentElement?.getAttribute('data-proxied-news-reader') !== 'cleaned') return;
    window.__pnrCleanedAt = performance.now();
    observer.disconnect();
  }).observe(document, { attributes: true, attributeFilter: ['data-proxied-news-reader'], subtree: true });
}

/** In the page, after cleanedProbe: ms from DOMContentLoaded (its event's start) to "cleaned"; NaN when not cleaned. */
function domContentLoadedToCleaned() {
  const nav = performance.getEntriesByType('navigation')[0];
  return window.__pnrCleanedAt === null || !nav ? NaN : window.__pnrCleanedAt - nav.domContentLoadedEventStart;
}

/** One traced page load: trace analysis, Long Tasks API maximum, whether/when the extension cleaned it. */
async function traceLoad(context, path, { expectClean, trace }) {
  const page = await context.newPage();
  await intercept(page);
  await page.evaluateOnNewDocument(() => {
    window.__pnrLongTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__pnrLongTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // no Long Tasks API: the trace still counts
    }
  });
  await page.evaluateOnNewDocument(cleanedProbe);
  const url = origin + path;
  if (trace) await page.tracing.start({ categories: TRACE_CATEGORIES });
  const start = Date.now();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  let cleaned = false;
  let cleanedAfterMs = NaN;
  if (expectClean) {
    cleaned = await page
      .waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned', { timeout: 60_000, polling: 50 })
      .then(
        () => true,
        () => false,
      );
    cleanedAfterMs = Date.now() - start;
  }
  // Let the tail (image errors, fallbacks, layout after cleaning) run into the trace.
  await new Promise((ok) => setTimeout(ok, 1500));
  const raw = trace ? await page.tracing.stop() : null;
  const longtasks = await page.evaluate(() => window.__pnrLongTasks ?? []);
  const dclToCleanedMs = expectClean ? await page.evaluate(domContentLoadedToCleaned) : NaN;
  await page.close();
  return {
    cleaned,
    cleanedAfterMs,
    dclToCleanedMs,
    longtaskMax: longtasks.length ? Math.max(...longtasks) : 0,
    trace: raw ? analyzeTrace(parseTraceEvents(raw), url, { worldName: extName, afterDclMs: dclToCleanedMs }) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// User actions: the popup, copying Markdown from it, the reader. On each page (the largest corpus article, the 1 MB
// and 5 MB pages), every action starts from a fresh load of the page in its own tab with the extension, cleaned and
// settled, so no action finds the work of another already done; copying follows the popup in the popup's load (a
// user cannot copy without opening the popup). Each action is traced (trace.mjs) on the page's renderer: its tasks
// from the start of the action to its end, the extension's told apart as in the longtasks phase.

function sleep(ms) {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** `promise`, or a rejection saying what timed out after `ms`. */
function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, no) => {
      timer = setTimeout(() => no(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * In the popup, before its first script: the popup's clock (ms from the start of its navigation) when its title,
 * metadata (reading time and counts) and preview (with content) are all in the DOM (`ready`), and after the next
 * frame (`painted`: a message posted from requestAnimationFrame, which runs once that frame is out). `failed`: the
 * popup showed a notice instead (error, unsupported page, not an article).
 */
function popupProbe() {
  const p = (window.__pnrPopup = { ready: null, painted: null, failed: null });
  const observer = new MutationObserver(() => {
    if (p.ready !== null) return;
    const notice = document.querySelector('[data-testid=error], [data-testid=unsupported], [data-testid=not-article]');
    if (notice) {
      p.failed = `${notice.getAttribute('data-testid')}: ${notice.textContent.trim().slice(0, 200)}`;
      return;
    }
    const title = document.querySelector('[data-testid=title]');
    const meta = document.querySelector('[data-testid=reading-time]');
    const preview = document.querySelector('[data-testid=preview]');
    if (!title?.textContent.trim() || !meta || !preview || !(preview.childElementCount || preview.textContent.trim())) return;
    p.ready = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (p.painted = performance.now());
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * In the page (main world), right before the command: resolves with the page's clock from now until the reader's
 * article is in its shadow DOM (`domMs`: `[data-testid=reader-body]` with content) and until the frame after that
 * (`paintedMs`, as in popupProbe).
 */
function readerProbe() {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let domMs = null;
    let inner = null;
    const found = () => {
      const body = document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=reader-body]');
      if (domMs !== null || !body || !(body.childElementCount || body.textContent.trim())) return;
      domMs = performance.now() - t0;
      outer.disconnect();
      inner?.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ domMs, paintedMs: performance.now() - t0 });
        channel.port2.postMessage(null);
      });
    };
    const watchHost = () => {
      const root = document.querySelector('proxied-news-reader')?.shadowRoot;
      if (!root || inner) return;
      inner = new MutationObserver(found);
      inner.observe(root, { childList: true, subtree: true, characterData: true });
    };
    // The host is appended to <html>; its shadow root fills in afterwards or at once.
    const outer = new MutationObserver(() => {
      watchHost();
      found();
    });
    outer.observe(document.documentElement, { childList: true });
    watchHost();
    found();
  });
}

/** In the popup: resolves with ms from the click on the copy-markdown button to the status line's answer. */
function copyProbe() {
  return new Promise((resolve) => {
    let t0 = null;
    document.addEventListener('click', () => (t0 ??= performance.now()), { capture: true, once: true });
    const status = document.querySelector('[data-testid=status]');
    const observer = new MutationObserver(() => {
      const text = status.textContent.trim();
      if (t0 === null || !text) return;
      observer.disconnect();
      resolve({ copyMs: performance.now() - t0, status: text, error: status.classList.contains('status-error') });
    });
    observer.observe(status, { childList: true, subtree: true, characterData: true, attributes: true });
    window.__pnrCopyArmed = true;
  });
}

async function measureActions(sw, extOrigin) {
  if (!sw) fail('actions: no handle on the extension service worker');
  const popupPath = extManifest.action?.default_popup ?? 'src/popup/index.html';
  await browser.defaultBrowserContext().overridePermissions(extOrigin, ['clipboard-read', 'clipboard-sanitized-write']);
  const tabIds = () => sw.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id));
  let serial = 0;

  async function closeQuietly(page) {
    await within(page.close(), 30_000, 'closing a tab').catch(() => undefined);
  }

  /**
   * After a timed-out action in the popup: whether its main thread is still busy (then its script is stopped, or it
   * would go on taking a core from the next measurements: the popup shares the extension's process, which
   * closing the window does not end). Returns a note for the error, or ''.
   */
  async function stopBusyPopup(popup) {
    const busy = await within(popup.evaluate('1'), 2000, 'the popup').then(
      () => false,
      () => true,
    );
    if (!busy) return '';
    // The page's own DevTools session, already attached (a new one would wait for the busy thread to attach it).
    // The answer comes only once the script has stopped: do not wait on it, see whether the popup answers again.
    const cdp = typeof popup._client === 'function' ? popup._client() : await popup.createCDPSession();
    cdp.send('Runtime.terminateExecution').catch(() => undefined);
    const stopped = await within(popup.evaluate('1'), 10_000, 'the popup').then(
      () => true,
      () => false,
    );
    return ` (the popup's main thread was still busy in one task; ${stopped ? 'stopped' : 'it did not stop'})`;
  }

  /** Let the page go quiet: a second, then an idle period (the tail of cleaning is not the action's). */
  async function settle(page) {
    await sleep(1000);
    await page.evaluate(() => new Promise((ok) => requestIdleCallback(ok, { timeout: 10_000 })));
  }

  /** A fresh load of `path` in a new tab with the extension, cleaned (and settled, unless `settled: false`); its tab
   * id (the one tab new to the extension: asking a tab's content script would make it extract ahead of the action). */
  async function freshLoad(path, { settled = true } = {}) {
    const before = new Set(await tabIds());
    const page = await browser.newPage();
    try {
      await intercept(page);
      await page.evaluateOnNewDocument(cleanedProbe);
      const tab = (await tabIds()).find((id) => !before.has(id));
      if (tab === undefined) throw new Error('the new tab has no extension tab id');
      const url = `${origin}${path}?pnr-action=${++serial}`;
      await page.goto(url, { waitUntil: 'load', timeout: ACTION_TIMEOUT_MS });
      await page.waitForFunction(() => window.__pnrCleanedAt !== null, { timeout: ACTION_TIMEOUT_MS, polling: 100 });
      const dclToCleanedMs = await page.evaluate(domContentLoadedToCleaned);
      if (settled) await settle(page);
      return { page, tab, url, dclToCleanedMs };
    } catch (error) {
      await closeQuietly(page);
      throw error;
    }
  }

  /**
   * Run `action` (within `timeoutMs`), under a trace of the browser read for `page`'s renderer main thread
   * when `trace`; `popup` ({ url, thread? }): the popup's main thread too (all of it is ours). A failed or timed-out
   * action gives `{ error }`, and still its trace.
   */
  async function run(page, url, action, { trace, label, popup, timeoutMs = ACTION_TIMEOUT_MS }) {
    if (trace) {
      await page.tracing.start({ categories: TRACE_CATEGORIES });
      // The trace's CPU profiler starts in the renderer at the next JavaScript that runs there, through an
      // interrupt that lists every function compiled so far (60-80 ms on f342). A script of the page's own runs
      // first, so that the cost lands in a task of the page, not in the action's first task of ours.
      await page.evaluate(() => 0);
      await sleep(100);
    }
    let outcome;
    try {
      outcome = await within(action(), timeoutMs, 'the action');
    } catch (error) {
      outcome = { error: error.message };
    }
    outcome.traced = trace;
    if (!trace) return outcome;
    // The tail: rendering and image decoding after the last DOM change of the action.
    await sleep(300);
    try {
      const raw = await within(page.tracing.stop(), 60_000, 'stopping the trace');
      // PNR_BENCH_TRACES=DIR keeps each action's trace (chrome://tracing, Perfetto).
      if (process.env.PNR_BENCH_TRACES) writeFileSync(join(process.env.PNR_BENCH_TRACES, `${label}.json`), raw);
      const events = parseTraceEvents(raw);
      const t = analyzeTrace(events, url, { worldName: extName });
      outcome.trace = {
        longestExtensionTaskMs: t.longestExtension?.durationMs ?? 0,
        longestTaskMs: t.longest?.durationMs ?? 0,
        extensionTasks: t.extensionTasks,
        extensionJsMs: t.extensionJsMs,
        longestExtensionTask: t.longestExtension,
        extensionHotspots: t.extensionHotspots.slice(0, 5),
      };
      if (popup) {
        const p = analyzeTrace(events, popup.url, { thread: popup.thread });
        outcome.popupThread = p.thread;
        outcome.trace.popupLongestTaskMs = p.longest?.durationMs ?? 0;
        outcome.trace.popupLongestTask = p.longest;
      }
    } catch (error) {
      outcome.trace = null;
      outcome.traceError = error.message;
    }
    return outcome;
  }

  /** Popup, then copy Markdown in it: one fresh load. */
  async function popupAndCopy(path, trace) {
    const { page, tab, url, dclToCleanedMs } = await freshLoad(path, { settled: false });
    let popup = null;
    try {
      // A window of its own, as a browser action's popup is: as a tab it would hide the page (whose timers and
      // frames are then throttled). Made before the action: a new window starts Chromium's own WebUI (its omnibox
      // popup), ~1.5 s of CPU, which must be over before we measure.
      popup = await browser.newPage({ type: 'window', windowBounds: { width: 420, height: 640 } });
      await popup.evaluateOnNewDocument(popupProbe);
      await sleep(1500);
      await settle(page); // 1 s more, and an idle period
      const name = basename(path);
      const popupUrl = `${extOrigin}/${popupPath}?tab=${tab}`;
      const popupRun = await run(
        page,
        url,
        async () => {
          const started = Date.now();
          await popup.goto(popupUrl, { waitUntil: 'domcontentloaded', timeout: ACTION_TIMEOUT_MS });
          await popup.waitForFunction(() => window.__pnrPopup.painted !== null || window.__pnrPopup.failed !== null, {
            timeout: ACTION_TIMEOUT_MS,
            polling: 20,
          });
          const p = await popup.evaluate(() => window.__pnrPopup);
          if (p.failed) return { error: `the popup showed ${p.failed}` };
          const pageVisibility = await page.evaluate(() => document.visibilityState);
          return { readyMs: p.ready, paintedMs: p.painted, wallMs: Date.now() - started, pageVisibility };
        },
        { trace, label: `popup-${name}-${serial}`, popup: { url: popupUrl } },
      );
      if (popupRun.readyMs === undefined) {
        if (popupRun.error) popupRun.error += await stopBusyPopup(popup);
        return { dclToCleanedMs, popup: popupRun, copyMarkdown: { error: 'the popup was not ready', traced: trace } };
      }
      await popup.bringToFront(); // the clipboard wants a focused document
      await sleep(300);
      const copyRun = await run(
        page,
        url,
        async () => {
          const answer = popup.evaluate(copyProbe);
          answer.catch(() => undefined); // closed on a timeout: not an unhandled rejection
          await popup.waitForFunction(() => window.__pnrCopyArmed === true, { timeout: 10_000 });
          await popup.click('[data-action=copy-markdown]');
          const r = await answer;
          if (r.error) return { error: `the popup said: ${r.status}` };
          const clipboardChars = await popup.evaluate(() =>
            navigator.clipboard.readText().then(
              (t) => t.length,
              () => null,
            ),
          );
          return { copyMs: r.copyMs, status: r.status, clipboardChars };
        },
        {
          trace,
          label: `copy-markdown-${name}-${serial}`,
          popup: popupRun.popupThread && { url: popupUrl, thread: popupRun.popupThread },
          timeoutMs: COPY_TIMEOUT_MS,
        },
      );
      if (copyRun.error) copyRun.error += await stopBusyPopup(popup);
      return { dclToCleanedMs, popup: popupRun, copyMarkdown: copyRun };
    } finally {
      if (popup) await closeQuietly(popup);
      await closeQuietly(page);
    }
  }

  /** The reader through the background's command handler (what the keyboard shortcut calls): one fresh load. */
  async function reader(path, trace) {
    const { page, tab, url, dclToCleanedMs } = await freshLoad(path);
    try {
      await page.bringToFront();
      const readerRun = await run(
        page,
        url,
        async () => {
          const painted = page.evaluate(readerProbe);
          painted.catch(() => undefined); // closed on a timeout: not an unhandled rejection
          const answer = await sw.evaluate((id) => globalThis.pnrBackground.onCommand('toggle-reader', { id }), tab);
          if (!answer?.reader) return { error: `the command answered ${JSON.stringify(answer)}` };
          const r = await painted;
          return { domMs: r.domMs, paintedMs: r.paintedMs };
        },
        { trace, label: `reader-${basename(path)}-${serial}` },
      );
      return { dclToCleanedMs, reader: readerRun };
    } finally {
      await closeQuietly(page);
    }
  }

  const pages = [[largestArticle, `/p/${largestArticle}`], ...TRACED_LARGE.map((n) => [n, `/large/${n}`])];
  const ACTIONS = ['popup', 'copyMarkdown', 'reader'];
  const TIME = { popup: 'readyMs', copyMarkdown: 'copyMs', reader: 'paintedMs' };
  const EXTRA = { popup: ['paintedMs', 'wallMs'], copyMarkdown: [], reader: ['domMs'] };
  const med = (list) => {
    const xs = list.filter(Number.isFinite);
    return xs.length ? median(xs) : null;
  };
  const rows = [];
  // A warm-up round, not recorded: the first popup and reader of the browser also compile their modules (V8 keeps
  // a code cache from then on), which would fall on whichever run came first.
  for (const fn of [popupAndCopy, reader]) await fn(`/p/${largestArticle}`, false).catch(() => undefined);
  for (const [name, path] of pages) {
    // The goal's page: N.actionRuns runs timed without a trace (tracing slows the browser) and as many traced,
    // alternating. A large page: one traced run, timed under the trace (the 5 MB page takes ~30 s to load, twice).
    const goalPage = name === largestArticle;
    const plan = goalPage ? Array.from({ length: 2 * N.actionRuns }, (_, i) => i % 2 === 1) : [true];
    const runs = [];
    for (const trace of plan) {
      const one = { cleaned: [] };
      for (const [fn, parts] of [
        [popupAndCopy, ['popup', 'copyMarkdown']],
        [reader, ['reader']],
      ]) {
        let out;
        try {
          out = await fn(path, trace);
        } catch (error) {
          // The load itself failed (not cleaned in time): the actions of this load are missing, with the reason.
          out = Object.fromEntries(parts.map((a) => [a, { error: `loading the page: ${error.message}`, traced: trace }]));
        }
        if (Number.isFinite(out.dclToCleanedMs)) one.cleaned.push(out.dclToCleanedMs);
        for (const a of parts) one[a] = out[a];
      }
      runs.push(one);
    }
    const row = {
      page: name,
      bytes: Buffer.byteLength(routes.get(path)()),
      runs: plan.length,
      dclToCleanedMs: round(med(runs.flatMap((r) => r.cleaned)), 0),
    };
    for (const a of ACTIONS) {
      const all = runs.map((r) => r[a]);
      const timed = all.filter((x) => !x.traced);
      const traced = all.filter((x) => x.traced);
      const timing = timed.length ? timed : traced;
      const last = traced.findLast((x) => x.trace) ?? all.at(-1);
      const errors = [...new Set(all.map((x) => x.error ?? x.traceError).filter(Boolean))];
      const cell = {
        [TIME[a]]: round(med(timing.map((x) => x[TIME[a]])), 1),
        ...Object.fromEntries(EXTRA[a].map((k) => [k, round(med(timing.map((x) => x[k])), 1)])),
        timedUnderTrace: !timed.length,
        ...(timed.length && traced.length ? { [`${TIME[a]}UnderTrace`]: round(med(traced.map((x) => x[TIME[a]])), 1) } : {}),
        longestExtensionTaskMs: round(med(traced.map((x) => x.trace?.longestExtensionTaskMs)), 1),
        longestTaskMs: round(med(traced.map((x) => x.trace?.longestTaskMs)), 1),
        extensionTasks: med(traced.map((x) => x.trace?.extensionTasks)),
        extensionJsMs: round(med(traced.map((x) => x.trace?.extensionJsMs)), 1),
        ...(a === 'reader' ? {} : { popupLongestTaskMs: round(med(traced.map((x) => x.trace?.popupLongestTaskMs)), 1) }),
        perRun: all.map((x) => ({
          traced: x.traced,
          [TIME[a]]: round(x[TIME[a]] ?? NaN, 1),
          ...(x.traced ? { longestExtensionTaskMs: round(x.trace?.longestExtensionTaskMs ?? NaN, 1) } : {}),
        })),
        error: errors.length ? errors.join('; ') : null,
        longestExtensionTask: last.trace?.longestExtensionTask ?? null,
        extensionHotspots: last.trace?.extensionHotspots ?? [],
        ...(a === 'reader' ? {} : { popupLongestTask: last.trace?.popupLongestTask ?? null }),
      };
      if (a === 'copyMarkdown') Object.assign(cell, { status: last.status ?? null, clipboardChars: last.clipboardChars ?? null });
      if (all.some((x) => x.pageVisibility && x.pageVisibility !== 'visible')) cell.pageHidden = true;
      row[a] = cell;
    }
    rows.push(row);
    const show = (a) => row[a][TIME[a]] ?? `— (${row[a].error})`;
    log(
      `${name} actions: popup ready ${show('popup')} ms, copy Markdown ${show('copyMarkdown')} ms, reader painted ${show('reader')} ms; ` +
        `longest extension task: ${ACTIONS.map((a) => `${a} ${row[a].longestExtensionTaskMs ?? '—'}`).join(', ')} ms`,
    );
  }
  // The longest extension task over every page and action; by page and by action too.
  const cells = rows.flatMap((row) =>
    ACTIONS.map((a) => ({ page: row.page, action: a, ms: row[a].longestExtensionTaskMs, error: row[a].error })),
  );
  const worst = (list) => list.filter((c) => c.ms !== null).reduce((best, c) => (best === null || c.ms > best.ms ? c : best), null);
  const top = worst(cells);
  const main = rows[0];
  results.actions = {
    pages: rows,
    longestExtensionTaskByPage: Object.fromEntries(
      rows.map((row) => [row.page, worst(cells.filter((c) => c.page === row.page))?.ms ?? null]),
    ),
    longestExtensionTaskByAction: Object.fromEntries(ACTIONS.map((a) => [a, worst(cells.filter((c) => c.action === a))?.ms ?? null])),
    longestExtensionTask: top
      ? { page: top.page, action: top.action, ms: top.ms, task: rows.find((r) => r.page === top.page)[top.action].longestExtensionTask }
      : null,
    // Actions that failed or timed out: the maximum is over the others (and over what a timed-out action's trace held).
    incomplete: cells.filter((c) => c.error).map((c) => ({ page: c.page, action: c.action, error: c.error })),
  };
  results.popupReadyMs = main.popup.readyMs;
  results.readerOpenMs = main.reader.paintedMs;
  results.longestActionTaskMs = top?.ms ?? null;
  results.longestActionTaskPage = top ? `${top.page} (${top.action})` : null;
}

/** Self and total time per function of a CPU profile, with the source file each bundle line came from. */
function summarizeProfile(p, wallMs) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const dt = new Map();
  p.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const key = (cf) => {
    const src = cf.url === BUNDLE_URL ? bundleSources(cf.lineNumber) : cf.url;
    return `${cf.functionName || '(anonymous)'}${src ? ` ${src}:${cf.lineNumber + 1}` : ''}`;
  };
  const self = new Map();
  const incl = new Map();
  const byFile = new Map();
  for (const [id, ms] of dt) {
    const node = byId.get(id);
    const k = key(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + ms);
    const cf = node.callFrame;
    const file = cf.url === BUNDLE_URL ? bundleSources(cf.lineNumber) : cf.url ? 'page scripts' : `(${cf.functionName || 'native'})`;
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const kk = key(byId.get(n).callFrame);
      if (seen.has(kk)) continue;
      seen.add(kk);
      incl.set(kk, (incl.get(kk) ?? 0) + ms);
    }
  }
  const top = (m, n) =>
    [...m.entries()]
      .filter(([k]) => !/^\(?\((root|program|idle)\)/.test(k) && !k.includes('pptr:'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([fn, ms]) => ({ fn, ms: round(ms, 1), share: round(ms / wallMs, 3) }));
  // Shares are of the timed call's wall time; the profile also holds the idle time around it.
  return { self: top(self, 15), total: top(incl, 25), byFile: top(byFile, 12) };
}

// ---------------------------------------------------------------------------------------------
// The CLI on the whole corpus (jsdom): throughput, peak memory, and F1 of every page it reads. It runs as a user
// runs it: every page in one command, with its default --jobs (one worker thread per CPU).

if (phase('cli')) {
  const cli = join(ROOT, 'build', 'cli', 'proxied-news.js');
  if (!existsSync(cli)) {
    log('build/cli missing: node scripts/build-cli.mjs');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  const files = allArticles.map((f) => join(articleDir, f));
  const jobs = Math.min(files.length, os.availableParallelism());
  log(`CLI: extract --format json on ${files.length} pages (${jobs} worker threads)`);
  const started = process.hrtime.bigint();
  const { out, peakRssKB } = await new Promise((ok, no) => {
    const child = spawn(process.execPath, [cli, 'extract', '--format', 'json', ...files], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    let err = '';
    // Peak resident memory of the CLI process, all its threads: the kernel's high-water mark (VmHWM, Linux),
    // read every 20 ms while it runs. Null where there is no /proc.
    let peak = null;
    const sample = () => {
      try {
        const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        if (kb) peak = Math.max(peak ?? 0, Number(kb));
      } catch {
        // gone, or no /proc
      }
    };
    const timer = setInterval(sample, 20);
    child.stdout.on('data', (c) => {
      chunks.push(c);
      sample();
    });
    child.stderr.on('data', (c) => (err += c));
    child.on('error', (e) => {
      clearInterval(timer);
      no(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (code === 0) ok({ out: Buffer.concat(chunks).toString('utf8'), peakRssKB: peak });
      else no(new Error(`CLI exit ${code}: ${err.slice(0, 500)}`));
    });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const records = out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const scores = records
    .map((rec) => {
      const exp = loadExpectation(expectedDir, `rendered/${basename(rec.file).replace(/\.html$/, '.json')}`);
      return exp && typeof exp.text === 'string' ? f1(rec.text, exp.text) : null;
    })
    .filter((x) => x !== null);
  results.cli = {
    pages: records.length,
    jobs,
    seconds: round(seconds, 2),
    pagesPerSecond: round(records.length / seconds, 1),
    peakRssMB: peakRssKB === null ? null : round(peakRssKB / 1024, 0),
    outputMB: round(Buffer.byteLength(out) / 2 ** 20, 2),
    f1OursAllPages: round(mean(scores), 4),
    f1OursAllPagesMin: round(Math.min(...scores), 4),
  };
  // The issue's figures (goals: ≥ 60 pages/s and ≤ 600 MB on the 2-core machine, the 266 corpus pages).
  results.cliPagesPerSecond = results.cli.pagesPerSecond;
  results.cliPeakRssMB = results.cli.peakRssMB;
  log(
    `CLI: ${records.length} pages in ${seconds.toFixed(1)} s (${results.cli.pagesPerSecond} pages/s, peak RSS ${results.cli.peakRssMB ?? '?'} MB)`,
  );
}

// ---------------------------------------------------------------------------------------------
// Sizes, goals, output.

results.contentScriptGzipBytes = ext.sizes.everyPage.gzipBytes;
results.cleanerGzipBytes = ext.sizes.cleaner.gzipBytes;
results.laterGzipBytes = ext.sizes.later.gzipBytes;
results.sizes = ext.sizes;

// The worst extraction ratio: every sampled corpus article (pages) and the 1 MB and 5 MB pages (large).
{
  const ratios = [
    ...(results.pages ?? []).filter((r) => r.kind === 'article').map((r) => ({ page: r.page, ratio: r.extractRatio })),
    ...(results.large ?? []).map((r) => ({ page: r.page, ratio: r.extractRatio })),
  ].filter((r) => Number.isFinite(r.ratio));
  const worst = ratios.reduce((w, r) => (w === null || r.ratio > w.ratio ? r : w), null);
  if (worst) {
    results.extractRatioMax = worst.ratio;
    results.extractRatioMaxPage = worst.page;
  }
}
// DOMContentLoaded to "cleaned" on the 1 MB page: the median of the actions phase's loads (six, untraced), else the
// longtasks phase's (two, traced). A traced load runs V8's sampling profiler and records every event of the page:
// on this page it took 2.4 times as long (2,317 against 949 ms in the run of 2026-12-06 at 34e9231). Both are kept.
{
  const fromLongTasks = results.longTasks?.find((r) => r.page === 'large-1mb.html')?.dclToCleanedMs;
  const fromActions = results.actions?.pages.find((r) => r.page === 'large-1mb.html')?.dclToCleanedMs;
  const known = (v) => v !== undefined && v !== null && Number.isFinite(v);
  const value = known(fromActions) ? fromActions : fromLongTasks;
  if (known(value)) {
    results.loadToCleaned1mbMs = value;
    results.loadToCleaned1mbFrom = known(fromActions) ? 'actions' : 'longtasks';
  }
  if (known(fromLongTasks)) results.loadToCleaned1mbTracedMs = fromLongTasks;
}

const met = (v, ok) => (v === undefined || v === null || Number.isNaN(v) ? null : ok);
/** [key, value, goal text, met]: `atMost` keys must be ≤ their goal, the others ≥. */
const goal = (key, atMost, note = '') => {
  const v = results[key];
  return [key, v, `${atMost ? '≤' : '≥'} ${GOALS[key]}${note}`, met(v, atMost ? v <= GOALS[key] : v >= GOALS[key])];
};
const goals = [
  goal('detectRatio', true),
  goal('extractRatio', true, ' (median page)'),
  goal('extractRatioMax', true, results.extractRatioMaxPage ? ` (worst page: ${results.extractRatioMaxPage})` : ' (worst page)'),
  goal('contentScriptGzipBytes', true),
  goal('longestTaskMs', true, ` (the extension's longest task loading ${largestArticle})`),
  goal(
    'longestActionTaskMs',
    true,
    results.longestActionTaskPage ? ` (popup, copy, reader; worst: ${results.longestActionTaskPage})` : ' (popup, copy, reader)',
  ),
  goal('popupReadyMs', true, ` (${largestArticle})`),
  goal('readerOpenMs', true, ` (${largestArticle})`),
  goal('loadToCleaned1mbMs', true, ' (DOMContentLoaded to cleaned, 1 MB page)'),
  [
    'f1Ours',
    results.f1Ours,
    `≥ ${GOALS.f1Ours} and ≥ f1Readability (${results.f1Readability})`,
    met(results.f1Ours, results.f1Ours >= GOALS.f1Ours && results.f1Ours >= results.f1Readability),
  ],
  goal('cliPagesPerSecond', false),
  goal('cliPeakRssMB', true),
];
results.goals = Object.fromEntries(goals.map(([k, v, want, ok]) => [k, { value: v ?? null, goal: want, met: ok }]));

const ordered = {
  generated: new Date().toISOString(),
  durationSeconds: round((Date.now() - t0) / 1000, 1),
  corpus: haveCorpus ? relative(ROOT, corpusDir) || corpusDir : 'test/fixtures/rendered (no corpus)',
  settings: {
    ...N,
    actionTimeoutMs: ACTION_TIMEOUT_MS,
    copyTimeoutMs: COPY_TIMEOUT_MS,
    pickedArticles: picked.length,
    listings: listings.length,
    largestArticle,
    baseArticle,
  },
  detectRatio: results.detectRatio,
  extractRatio: results.extractRatio,
  extractRatioMax: results.extractRatioMax,
  extractRatioMaxPage: results.extractRatioMaxPage,
  contentScriptGzipBytes: results.contentScriptGzipBytes,
  longestTaskMs: results.longestTaskMs,
  longestActionTaskMs: results.longestActionTaskMs,
  longestActionTaskPage: results.longestActionTaskPage,
  popupReadyMs: results.popupReadyMs,
  readerOpenMs: results.readerOpenMs,
  loadToCleaned1mbMs: results.loadToCleaned1mbMs,
  loadToCleaned1mbFrom: results.loadToCleaned1mbFrom,
  loadToCleaned1mbTracedMs: results.loadToCleaned1mbTracedMs,
  f1Ours: results.f1Ours,
  f1Readability: results.f1Readability,
  cliPagesPerSecond: results.cliPagesPerSecond,
  cliPeakRssMB: results.cliPeakRssMB,
  ...results,
  requests: requestStats(),
};
writeFileSync(opts.out, JSON.stringify(ordered, null, 2) + '\n');

// The table.
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log('\nProxied News Reader — benchmark');
console.log(
  `${ordered.machine.cpu}, ${ordered.machine.cores} cores, ${ordered.machine.memoryGB} GB; ${ordered.machine.browser}; node ${ordered.machine.node}; load ${ordered.machine.loadAverage.join(' ')}`,
);
console.log('');
const line = (label, x, y, r) => console.log(`${pad(label, 36)}${lpad(x, 12)}${lpad(y, 14)}${lpad(r ?? '', 9)}`);
if (results.detection || results.large) line('', 'ours', 'Readability', 'ratio');
if (results.detection) {
  const d = results.detection;
  const e = results.extraction;
  line(`detection median (${d.pages} pages), µs`, d.oursMedianUs, d.readabilityMedianUs, results.detectRatio);
  line('detection p95, µs', d.oursP95Us, d.readabilityP95Us);
  line(`extraction median (${e.pages} pages), ms`, e.oursMedianMs, e.readabilityMedianMs, results.extractRatio);
  line('extraction p95, ms', e.oursP95Ms, e.readabilityP95Ms);
}
for (const l of results.large ?? [])
  line(`${l.page} (${(l.bytes / 2 ** 20).toFixed(1)} MB) extract, ms`, l.extractOursMs, l.extractReadabilityMs, l.extractRatio);
if (results.extractRatioMaxPage) {
  const w = [...(results.pages ?? []), ...(results.large ?? [])].find((r) => r.page === results.extractRatioMaxPage);
  line(`worst ratio: ${w.page}, ms`, w.extractOursMs, w.extractReadabilityMs, results.extractRatioMax);
}
if (results.detection) {
  const c = results.cleaning;
  line('cleanDocument in place, median, ms', c.cleanMedianMs, '');
  line('cleanDocument in place, max, ms', c.cleanMaxMs, '');
  line(`text F1 mean (${results.quality.pages} pages)`, results.f1Ours, results.f1Readability);
  line('text F1 min', results.quality.f1OursMin, results.quality.f1ReadabilityMin);
}
if (results.detection || results.large) console.log('');
if (results.scaling) {
  console.log(
    `scaling: our extract on ${results.scaling.page}, its body repeated (${(results.scaling.bodyBytes / 1024).toFixed(1)} KB each):`,
  );
  console.log(`  ${lpad('', 4)} ${lpad('body', 10)} ${lpad('median', 11)} ${lpad('fastest', 11)} ${lpad('fastest/KB', 14)}`);
  for (const r of results.scaling.rows) {
    console.log(
      `  ${lpad(r.factor + '×', 4)} ${lpad(r.bodyKB + ' KB', 10)} ${lpad(r.extractMs + ' ms', 11)} ${lpad(r.minMs + ' ms', 11)} ${lpad(r.msPerKB + ' ms/KB', 14)}`,
    );
  }
  console.log('');
}
if (results.profiles) {
  console.log('where the time goes (CPU profile in the page, inclusive, share of the timed call):');
  for (const [label, p] of Object.entries(results.profiles)) {
    const parts = p.total.filter((x) => !/^(\(anonymous\)|extract2?|articleFromParts|detect|parse) /.test(x.fn)).slice(0, 5);
    const name = (fn) => {
      const [f, where] = fn.split(' ');
      return where ? `${f} (${basename(where.replace(/:\d+$/, ''))})` : f;
    };
    console.log(`  ${pad(label, 22)} ${parts.map((x) => `${name(x.fn)} ${Math.round(x.share * 100)}%`).join(', ')}`);
  }
  console.log('');
}
if (results.longTasks) {
  console.log('main-thread tasks while the extension loads and cleans (median of runs), ms:');
  console.log(
    `  ${pad('page', 18)}${lpad('ext task', 10)}${lpad('any, w/ ext', 13)}${lpad('page alone', 12)}${lpad('ext JS', 9)}${lpad('cleaned at', 12)}${lpad('DCL→cleaned', 13)}`,
  );
  for (const t of results.longTasks) {
    console.log(
      `  ${pad(t.page, 18)}${lpad(t.longestExtensionTaskMs, 10)}${lpad(t.longestTaskWithExtensionMs, 13)}${lpad(t.longestTaskPageAloneMs, 12)}${lpad(t.extensionJsMs, 9)}${lpad(t.loadToCleanedMs, 12)}${lpad(t.dclToCleanedMs, 13)}`,
    );
  }
  console.log('');
}
if (results.actions) {
  console.log(
    'user actions, each on a fresh load (time: popup ready / copy answered / reader painted; tasks: the longest main-thread task',
  );
  console.log('in the page that ran our code, of any kind in the page, and in the popup), ms; † timed under the trace:');
  console.log(
    `  ${pad('page', 18)}${pad('action', 14)}${lpad('time', 10)}${lpad('ext task', 10)}${lpad('any task', 10)}${lpad('popup task', 12)}  error`,
  );
  const TIME = { popup: 'readyMs', copyMarkdown: 'copyMs', reader: 'paintedMs' };
  for (const row of results.actions.pages) {
    for (const [a, key] of Object.entries(TIME)) {
      const c = row[a];
      const time = c[key] === null ? '—' : `${c[key]}${c.timedUnderTrace ? '†' : ''}`;
      console.log(
        `  ${pad(row.page, 18)}${pad(a, 14)}${lpad(time, 10)}${lpad(c.longestExtensionTaskMs ?? '—', 10)}${lpad(c.longestTaskMs ?? '—', 10)}${lpad(c.popupLongestTaskMs ?? '', 12)}  ${c.error ?? ''}`,
      );
    }
  }
  console.log('');
}
const kb = (b) => `${(b / 1024).toFixed(2)} KB`;
console.log(
  `content script (every page): ${kb(results.contentScriptGzipBytes)} gzip in ${ext.sizes.everyPage.files.length} files; cleaner (on "maybe"): ${kb(results.cleanerGzipBytes)}; reader (later): ${kb(results.laterGzipBytes)}`,
);
if (results.cli)
  console.log(
    `CLI: ${results.cli.pages} pages in ${results.cli.seconds} s = ${results.cli.pagesPerSecond} pages/s (jsdom, ${results.cli.jobs} worker threads), peak RSS ${results.cli.peakRssMB ?? '?'} MB; F1 over all pages ${results.cli.f1OursAllPages}`,
  );
console.log('');
console.log('goals (not asserted):');
for (const [k, v, want, ok] of goals)
  console.log(`  ${ok === null ? '·' : ok ? '✓' : '✗'} ${pad(k, 24)} ${pad(v ?? 'not run', 10)} ${want}`);
console.log(`\nwrote ${relative(ROOT, opts.out) || opts.out} in ${ordered.durationSeconds} s`);
