#!/usr/bin/env node
// A/B of the popup's start on the largest corpus article: two built extensions, each in a browser of its own, runs
// alternating A, B, A, B… (the machine is shared: load moves absolute times). Each run as the bench's actions phase
// does it: a fresh load of the page, cleaned and settled, the popup in a window of its own, its clock until title,
// metadata and preview are in its DOM (`ready`) and the next frame (`painted`); also when it asked the page for its
// state and had the answer (`asked`, `answered`) and its DOMContentLoaded (`dcl`). Medians per side at the end.
//
//   node bench/ab-popup.mjs --a DIR --b DIR [--runs N] [--page f342.html] [--trace DIR]
//
// DIR: a built Chrome extension (`npx vite build --mode chrome --outDir DIR`, `--minify false` for named profiles).
// --trace DIR: a Chromium trace of each popup (popup-A-1.json …), its renderer's CPU profile included.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../scripts/lib/browsers.mjs';
import { interceptPage, TestWeb } from '../scripts/lib/test-web.mjs';
import { solidPng } from '../scripts/make-icons.mjs';
import { TRACE_CATEGORIES } from './trace.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    runs: { type: 'string', default: '8' },
    page: { type: 'string' },
    trace: { type: 'string' },
  },
});
if (!opts.a || !opts.b) throw new Error('--a DIR --b DIR: two built extensions');
const corpus = resolve(process.env.CORPUS_DIR ?? join(ROOT, '..', 'shared', 'corpus'), 'rendered', 'p');
const pageName = opts.page ?? readdirSync(corpus).sort((x, y) => statSync(join(corpus, y)).size - statSync(join(corpus, x)).size)[0];
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

const web = new TestWeb({ picture: () => ({ status: 200, contentType: 'image/png', body: solidPng(16, 12, [200, 200, 200]) }) });
web.scenario = 'all';
const origin = await web.listen();
web.addPage(`${origin}/p/${pageName}`, () => readFileSync(join(corpus, pageName)));

/** In the popup before its first script (as bench/run.mjs's popupProbe, with the question and the answer timed). */
function popupProbe() {
  const p = (window.__pnrPopup = { ready: null, painted: null, failed: null, dcl: null, asked: null, answered: null });
  // When the popup asked the page for its state, and had the answer.
  const send = chrome.tabs.sendMessage.bind(chrome.tabs);
  chrome.tabs.sendMessage = (tab, message, ...rest) => {
    const first = message?.type === 'pnr:get-state' && p.asked === null;
    if (first) p.asked = performance.now();
    const answer = send(tab, message, ...rest);
    if (first)
      answer.then(
        () => (p.answered = performance.now()),
        () => undefined,
      );
    return answer;
  };
  document.addEventListener('DOMContentLoaded', () => (p.dcl = performance.now()));
  const observer = new MutationObserver(() => {
    if (p.ready !== null) return;
    const notice = document.querySelector('[data-testid=error], [data-testid=unsupported], [data-testid=not-article]');
    if (notice) return void (p.failed = notice.getAttribute('data-testid'));
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
/** In the page: when the extension marked it cleaned. */
function cleanedProbe() {
  window.__pnrCleanedAt = null;
  new MutationObserver((_, o) => {
    if (document.documentElement?.getAttribute('data-proxied-news-reader') !== 'cleaned') return;
    window.__pnrCleanedAt = performance.now();
    o.disconnect();
  }).observe(document, { attributes: true, attributeFilter: ['data-proxied-news-reader'], subtree: true });
}

const work = mkdtempSync(join(os.tmpdir(), 'pnr-ab-popup-'));
async function open(label, dir) {
  const launched = await launchChromium({ extension: resolve(dir), userDataDir: join(work, label) });
  const sw = await launched.worker.worker();
  return { label, ...launched, sw, ext: `chrome-extension://${launched.extensionId}` };
}
const sides = [await open('A', opts.a), await open('B', opts.b)];

async function once(side, n) {
  const { browser, sw, ext } = side;
  const ids = async () => sw.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id));
  const before = new Set(await ids());
  const page = await browser.newPage();
  await interceptPage(page, web, { via: 'fetch' });
  await page.evaluateOnNewDocument(cleanedProbe);
  const tab = (await ids()).find((id) => !before.has(id));
  await page.goto(`${origin}/p/${pageName}?n=${n}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__pnrCleanedAt !== null, { polling: 100 });
  const popup = await browser.newPage({ type: 'window', windowBounds: { width: 420, height: 640 } });
  await popup.evaluateOnNewDocument(popupProbe);
  await sleep(2500);
  await page.evaluate(() => new Promise((ok) => requestIdleCallback(ok, { timeout: 10_000 })));
  const tracing = opts.trace ? popup.tracing.start({ categories: TRACE_CATEGORIES }) : null;
  if (tracing) await tracing;
  await popup.goto(`${ext}/src/popup/index.html?tab=${tab}`, { waitUntil: 'domcontentloaded' });
  await popup.waitForFunction(() => window.__pnrPopup.painted !== null || window.__pnrPopup.failed !== null, { polling: 20 });
  const p = await popup.evaluate(() => window.__pnrPopup);
  if (tracing) {
    await sleep(200);
    writeFileSync(join(opts.trace, `popup-${side.label}-${n}.json`), await popup.tracing.stop());
  }
  await popup.close();
  await page.close();
  return p;
}

const results = { A: [], B: [] };
const runs = Number(opts.runs);
// A warm-up each (not recorded): the first popup compiles its modules.
for (const side of sides) await once(side, 0);
for (let i = 1; i <= runs; i++) {
  for (const side of i % 2 ? sides : [...sides].reverse()) {
    const p = await once(side, i);
    if (p.failed) throw new Error(`${side.label}: the popup showed ${p.failed}`);
    results[side.label].push(p);
    console.log(
      `${side.label} #${i}: asked ${p.asked?.toFixed(0)} answered ${p.answered?.toFixed(0)} dcl ${p.dcl.toFixed(0)} ready ${p.ready.toFixed(0)} painted ${p.painted.toFixed(0)}  load ${os.loadavg()[0].toFixed(1)}`,
    );
  }
}
const med = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
for (const k of ['A', 'B']) {
  const r = results[k];
  console.log(
    `${k} (${k === 'A' ? opts.a : opts.b}): median of ${r.length}: asked ${med(r.map((x) => x.asked)).toFixed(1)}, answered ${med(r.map((x) => x.answered)).toFixed(1)}, dcl ${med(r.map((x) => x.dcl)).toFixed(1)}, ready ${med(r.map((x) => x.ready)).toFixed(1)}, painted ${med(r.map((x) => x.painted)).toFixed(1)}`,
  );
}
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
for (const side of sides) await side.close();
await web.close?.();
rmSync(work, { recursive: true, force: true });
process.exit(0);
