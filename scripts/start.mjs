#!/usr/bin/env node
// `npm start`: see the extension work on a real page of the site, without network.
// - builds dist/chrome when it is missing or older than the sources;
// - serves a bundled article page (test/fixtures/rendered/pmcaff-largest-page.html: proxied images, a tag link) on 127.0.0.1 with
//   a local stand-in for its theme's stylesheet (scripts/sample/volantis-4.css: the site's own CSS is not
//   reachable offline); every image request is answered locally with a generated picture (orange when asked of the
//   CORS proxy, green when asked of the original host), so "the original works" and the unwrapping is visible;
// - opens it in Chromium with the extension: a window when $DISPLAY is set, else headless, writing
//   artifacts/start-before.png (the page as served), start-after.png (cleaned), start-popup.png, start-reader.png
//   and docs/screenshots/overview.png (the four side by side);
// - without Chromium, prints what the CLI extracts from the same page instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EXECUTABLES, ensureBuilt, launchChromium, ROOT } from './lib/browsers.mjs';
import { interceptPage, PROXY_HOST, TestWeb } from './lib/test-web.mjs';
import { solidPng } from './make-icons.mjs';
import { addVolantisTheme } from './sample/theme.mjs';

const SAMPLE = path.join(ROOT, 'test/fixtures/rendered/pmcaff-largest-page.html');
const SAMPLE_PATH = '/p/f342.html';
const ARTIFACTS = path.join(ROOT, 'artifacts');
const OVERVIEW = path.join(ROOT, 'docs/screenshots/overview.png');
const VIEWPORT = { width: 1280, height: 900 };

const FROM_PROXY = solidPng(320, 180, [234, 88, 12]);
const FROM_ORIGINAL = solidPng(320, 180, [22, 163, 74]);

function fallbackToCli() {
  console.log(
    `Chromium was not found at ${EXECUTABLES.chromium} (install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH).\n` +
      `Showing what the extension reads from the sample page instead, with the CLI:\n` +
      `  node build/cli/proxied-news.js extract --format text ${path.relative(ROOT, SAMPLE)}\n`,
  );
  const cli = path.join(ROOT, 'build/cli/proxied-news.js');
  if (!existsSync(cli)) {
    console.error('build/cli/proxied-news.js is missing: run `npm run build:cli` first (npm start does).');
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [cli, 'extract', '--format', 'text', SAMPLE], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

/** The site on 127.0.0.1: the sample, its theme's stylesheets; every picture from anywhere works. */
async function sampleWeb() {
  const web = new TestWeb({
    picture: (url) => ({ status: 200, contentType: 'image/png', body: url.host === PROXY_HOST ? FROM_PROXY : FROM_ORIGINAL }),
  });
  web.scenario = 'all';
  const origin = await web.listen();
  web.addPage(origin + SAMPLE_PATH, readFileSync(SAMPLE));
  addVolantisTheme(web, origin);
  return { web, url: origin + SAMPLE_PATH };
}

/** The navbar is fixed: scroll so that the article's title sits just below it. */
async function showArticle(page) {
  await page.evaluate(() => {
    const top = document.querySelector('article#post')?.getBoundingClientRect().top ?? 0;
    scrollTo(0, scrollY + top - 80);
  });
  await new Promise((r) => setTimeout(r, 200));
}

async function tabIdOf(worker, url) {
  for (let i = 0; i < 50; i++) {
    const id = await worker.evaluate(async (wanted) => {
      for (const tab of await chrome.tabs.query({})) {
        try {
          const state = await chrome.tabs.sendMessage(tab.id, { type: 'pnr:get-state' });
          if (state?.url === wanted) return tab.id;
        } catch {
          // no content script there
        }
      }
      return null;
    }, url);
    if (id !== null) return id;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the extension did not answer in the sample tab');
}

/** Before, after, the popup and the reader side by side, captioned, drawn by the browser itself. */
async function overview(browser, shots) {
  const panel = (file, caption) =>
    `<figure><img src="data:image/png;base64,${readFileSync(file).toString('base64')}"><figcaption>${caption}</figcaption></figure>`;
  const page = await browser.newPage();
  await page.setViewport({ width: 2200, height: 720 });
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; padding: 24px; background: #e8eaed; font: 600 20px/1.3 'DejaVu Sans', sans-serif; color: #202124;
           display: flex; gap: 20px; align-items: flex-start; width: max-content; }
    figure { margin: 0; } img { display: block; height: 600px; border-radius: 8px; box-shadow: 0 2px 10px rgba(0,0,0,.2); }
    figcaption { margin-top: 12px; text-align: center; } </style>
    ${panel(shots.before, '1. As served: pictures through the CORS proxy (orange)')}
    ${panel(shots.after, '2. Cleaned: pictures from their own hosts (green)')}
    ${panel(shots.popup, '3. The popup')}
    ${panel(shots.reader, '4. Reader mode')}`);
  const body = await page.$('body');
  mkdirSync(path.dirname(OVERVIEW), { recursive: true });
  await body.screenshot({ path: OVERVIEW });
  await page.close();
}

async function main() {
  if (!existsSync(SAMPLE)) throw new Error(`sample page missing: ${SAMPLE}`);
  if (!existsSync(EXECUTABLES.chromium)) fallbackToCli();
  const dist = await ensureBuilt('chromium', (m) => console.log(m));
  const { web, url } = await sampleWeb();
  const visible = Boolean(process.env.DISPLAY);
  const { browser, worker, origin, close } = await launchChromium({
    extension: dist,
    headless: !visible,
    offline: true,
    defaultViewport: visible ? null : VIEWPORT,
    // Our own handlers below also remove the temporary profile.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const shutdown = () => close().finally(() => web.close());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => void shutdown().finally(() => process.exit(130)));
  try {
    if (visible) {
      const [first] = await browser.pages();
      const page = first ?? (await browser.newPage());
      await interceptPage(page, web);
      await page.goto(url);
      console.log(
        `Opened ${url} in Chromium with the extension (dist/chrome).\n` +
          `Images: orange = served by the CORS proxy, green = by the original host (all answered locally).\n` +
          `Try the toolbar button (popup), Alt+Shift+R or the page's context menu (reader mode).\n` +
          `Close the browser window to quit.`,
      );
      await new Promise((resolve) => browser.on('disconnected', resolve));
      return;
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    const shots = Object.fromEntries(['before', 'after', 'popup', 'reader'].map((k) => [k, path.join(ARTIFACTS, `start-${k}.png`)]));
    // Before: an incognito context, where the extension does not run.
    const incognito = await browser.createBrowserContext();
    const plain = await incognito.newPage();
    await interceptPage(plain, web);
    await plain.goto(url, { waitUntil: 'load' });
    await showArticle(plain);
    await plain.screenshot({ path: shots.before });
    await incognito.close();

    const page = await browser.newPage();
    await interceptPage(page, web);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned', { timeout: 15_000 });
    // Let the unwrapped images arrive.
    await page.waitForNetworkIdle({ idleTime: 300, timeout: 10_000 }).catch(() => undefined);
    await showArticle(page);
    await page.screenshot({ path: shots.after });
    const sw = await worker.worker();
    const id = await tabIdOf(sw, url);

    const popup = await browser.newPage();
    await popup.setViewport({ width: 380, height: VIEWPORT.height });
    await interceptPage(popup, web);
    await popup.goto(`${origin}/src/popup/index.html?tab=${id}`);
    await popup.waitForSelector('[data-testid=title]', { timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 300));
    await popup.screenshot({ path: shots.popup });
    await popup.close();

    await page.bringToFront();
    await sw.evaluate((tabId) => globalThis.pnrBackground.toggleReader(tabId), id);
    await page.waitForSelector('proxied-news-reader', { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 500));
    await page.screenshot({ path: shots.reader });
    await overview(browser, shots);
    const rel = (file) => path.relative(ROOT, file).padEnd(28);
    console.log(
      `No $DISPLAY: ran headless on ${url}.\n` +
        `  ${rel(shots.before)} the page as served (orange pictures came through the CORS proxy)\n` +
        `  ${rel(shots.after)} cleaned in place by the extension (green: from the original hosts)\n` +
        `  ${rel(shots.popup)} the toolbar popup on that tab\n` +
        `  ${rel(shots.reader)} reader mode\n` +
        `  ${rel(OVERVIEW)} the four side by side\n` +
        `Set DISPLAY (e.g. \`xvfb-run npm start\` or a desktop session) to get a browser window instead.`,
    );
  } finally {
    await shutdown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
