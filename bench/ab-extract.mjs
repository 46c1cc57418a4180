#!/usr/bin/env node
// Two versions of the core's extraction side by side with Readability, in one Chromium page, by the CPU time of
// the page's main thread: on this shared 2-core machine wall times move 2× between runs, thread time much less.
//
//   node bench/ab-extract.mjs --a SRC_DIR [--b SRC_DIR] [--samples 21] PAGE.html...
//
// SRC_DIR is a checkout's src/ (e.g. a `git worktree` of main). Each call (A's extract, B's extract, Readability on
// a clone of the document) is a timer task of its own, after a garbage collection in a task before it, so that no
// call pays for another's garbage; their order turns each sample. A call's time is its task's thread duration in a
// Chromium trace (`TimerFire` tdur). Prints per page the medians (ms) and the ratios, and says when A and B read a
// different article. Pictures are answered with a 1×1 PNG, other requests off the page's server with a 404.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXECUTABLES } from '../scripts/lib/browsers.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const { values: opts, positionals: pages } = parseArgs({
  allowPositionals: true,
  options: { a: { type: 'string' }, b: { type: 'string' }, samples: { type: 'string', default: '21' } },
});
if (!opts.a || !pages.length) {
  console.error('usage: node bench/ab-extract.mjs --a SRC_DIR [--b SRC_DIR] [--samples N] PAGE.html...');
  process.exit(2);
}
const esbuild = await import('esbuild');
const { default: puppeteer } = await import('puppeteer-core');

/** One IIFE of a src/ tree's extract (and Readability) as window.__<name>. */
async function bundle(src, name) {
  const contents =
    `import { Readability } from '@mozilla/readability';\nimport { extract } from ${JSON.stringify(join(src, 'core'))};\n` +
    `globalThis.__${name} = { extract, Readability };\n`;
  const out = await esbuild.build({
    stdin: { contents, resolveDir: src, loader: 'ts' },
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}
const versions = [['A', await bundle(resolve(opts.a), 'A')]];
if (opts.b) versions.push(['B', await bundle(resolve(opts.b), 'B')]);

const files = new Map(pages.map((p) => [`/p/${basename(p)}`, resolve(p)]));
const server = http.createServer((req, res) => {
  const file = files.get(req.url);
  res.writeHead(file ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
  res.end(file ? readFileSync(file) : '');
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const browser = await puppeteer.launch({
  executablePath: EXECUTABLES.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'],
});
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
try {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (r.url().startsWith(origin)) r.continue();
    else if (r.resourceType() === 'image') r.respond({ status: 200, contentType: 'image/png', body: PNG });
    else r.respond({ status: 404, contentType: 'text/plain', body: '' });
  });
  const keys = [...versions.map(([name]) => name), 'R'];
  for (const [path] of files) {
    await page.goto(origin + path, { waitUntil: 'load', timeout: 120_000 });
    for (const [, code] of versions) {
      const tag = await page.addScriptTag({ content: code });
      await tag.evaluate((el) => el.remove());
    }
    const order = [];
    for (let s = 0; s < +opts.samples; s++) order.push(...keys.map((_, j) => keys[(j + s) % keys.length]));
    await page.tracing.start({ categories: ['devtools.timeline'] });
    const { ids, same } = await page.evaluate(
      (order) =>
        new Promise((done) => {
          const fns = { R: () => new window.__A.Readability(document.cloneNode(true)).parse() };
          for (const n of ['A', 'B']) if (window[`__${n}`]) fns[n] = () => window[`__${n}`].extract(document, { markdown: false });
          const same = !fns.B || JSON.stringify(fns.A()) === JSON.stringify(fns.B());
          for (const k in fns) fns[k](); // warm-up
          const ids = [];
          let i = 0;
          const next = () => {
            if (i === order.length) return setTimeout(() => done({ ids, same }), 50);
            const at = i++;
            setTimeout(() => {
              window.gc();
              ids[at] = setTimeout(() => {
                fns[order[at]]();
                next();
              }, 0);
            }, 5);
          };
          next();
        }),
      order,
    );
    const events = JSON.parse(Buffer.from(await page.tracing.stop()).toString()).traceEvents;
    const cpu = new Map(events.filter((e) => e.name === 'TimerFire' && e.ph === 'X').map((e) => [e.args.data.timerId, e.tdur / 1000]));
    const times = Object.fromEntries(keys.map((k) => [k, []]));
    order.forEach((k, i) => times[k].push(cpu.get(ids[i])));
    const m = Object.fromEntries(keys.map((k) => [k, median(times[k])]));
    const cols = keys.map((k) => `${k} ${m[k].toFixed(1)}`).join('  ');
    const ratios = versions.map(([n]) => `${n}/R ${(m[n] / m.R).toFixed(3)}`).join('  ');
    const ab = m.B ? `  B/A ${(m.B / m.A).toFixed(3)}` : '';
    console.log(`${basename(path).padEnd(16)} ${cols}  ${ratios}${ab}${same ? '' : '  (A and B read different articles)'}`);
  }
} finally {
  await browser.close();
  server.close();
}
