#!/usr/bin/env node
// Store listing pictures (npm run screenshots:store): five 1280×800 screenshots of the real built extension in
// Chromium, on fixture pages of the site served by the test web (scripts/lib/test-web.mjs, no network), into
// store/screenshots/, and the 440×280 promotional tile store/promo-440x280.png (the icon, the name and one line,
// drawn from HTML). `npm run package` copies store/* into artifacts/store/.
//
//   node scripts/store-assets.mjs [--out store]
//
// Builds dist/chrome first when it is missing or older than the sources. Chinese text needs a CJK font
// (Debian: fonts-noto-cjk).
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, launchChromium, picturesSettled, ROOT } from './lib/browsers.mjs';
import { interceptPage, placeholderPicture, SITE_HOST, TestWeb } from './lib/test-web.mjs';
import { addVolantisTheme } from './sample/theme.mjs';

const { values: opts } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'store') } } });
const outDir = resolve(opts.out);
const shotsDir = join(outDir, 'screenshots');
const SIZE = { width: 1280, height: 800, deviceScaleFactor: 1 };
const ORIGIN = `https://${SITE_HOST}`;
const fixture = (name) => readFileSync(join(ROOT, 'test/fixtures/rendered', name));
/** The pages: each a fixture (named by what it tests), at the address the site gave it. */
const PAGES = {
  '72b5.html': 'yystv-lazy-original.html',
  '1959.html': 'sanjie-proxied-images.html',
  '7a51.html': 'wef-english-stray-div.html',
  '2533.html': 'iplaysoft-keyword-links.html',
  'be94.html': 'stcn-stock-links.html',
};

const web = new TestWeb({ picture: placeholderPicture });
web.scenario = 'all';
addVolantisTheme(web, ORIGIN);
for (const [name, file] of Object.entries(PAGES)) web.addPage(`${ORIGIN}/p/${name}`, fixture(file));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One browser, its UI in `lang`; `fn` gets helpers to open pages, the popup and the reader. */
async function withBrowser(lang, fn) {
  const dist = await ensureBuilt('chromium', (m) => console.log(m));
  const { browser, worker, origin, close } = await launchChromium({
    extension: dist,
    offline: true,
    defaultViewport: SIZE,
    args: [`--lang=${lang}`, '--hide-scrollbars'],
    env: { ...process.env, LANGUAGE: lang },
  });
  try {
    const sw = await worker.worker();
    const helpers = {
      browser,
      /** The article `name`, cleaned by the extension, scrolled so its title sits under the navbar. */
      async article(name) {
        const page = await browser.newPage();
        await interceptPage(page, web);
        await page.goto(`${ORIGIN}/p/${name}`, { waitUntil: 'load' });
        await page.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned', { timeout: 15_000 });
        await page.evaluate(() => scrollTo(0, scrollY + (document.querySelector('article#post')?.getBoundingClientRect().top ?? 0) - 80));
        await picturesSettled(page);
        await sleep(300);
        return page;
      },
      /** The extension's tab id of `page` (the active tab: the worker cannot see URLs without "tabs"). */
      async tabOf(page) {
        await page.bringToFront();
        return sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
      },
      async popup(tabId) {
        const popup = await browser.newPage();
        await popup.setViewport({ width: 380, height: 640, deviceScaleFactor: 1 });
        await interceptPage(popup, web);
        await popup.goto(`${origin}/src/popup/index.html?tab=${tabId}`);
        await popup.waitForSelector('[data-testid=title]', { timeout: 15_000 });
        await picturesSettled(popup);
        await sleep(300);
        return popup;
      },
      async reader(page, prefs) {
        await sw.evaluate(async (p) => chrome.storage.sync.set({ readerPrefs: p }), prefs);
        const tabId = await helpers.tabOf(page);
        await sw.evaluate((id) => globalThis.pnrBackground.toggleReader(id), tabId);
        await page.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'reader', { timeout: 15_000 });
        await picturesSettled(page, 'proxied-news-reader');
        await sleep(500);
      },
    };
    await fn(helpers);
  } finally {
    await close();
  }
}

/** Write a 1280×800 screenshot of `page`. */
async function shot(page, file) {
  const path = join(shotsDir, file);
  await page.screenshot({ path, clip: { x: 0, y: 0, width: SIZE.width, height: SIZE.height } });
  console.log(`wrote ${path}`);
}

/** HTML rendered to a PNG of exactly `width`×`height`. */
async function render(browser, html, width, height, path) {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.setContent(html, { waitUntil: 'load' });
  await page.screenshot({ path, clip: { x: 0, y: 0, width, height } });
  await page.close();
  console.log(`wrote ${path}`);
}

const dataUrl = (png) => `data:image/png;base64,${png.toString('base64')}`;

mkdirSync(shotsDir, { recursive: true });
await withBrowser('en', async ({ browser, article, tabOf, popup, reader }) => {
  // 1: a cleaned article, its proxied pictures back from their own hosts.
  await shot(await article('72b5.html'), '1-cleaned-article.png');

  // 2: the popup (title, metadata, preview) over the page it reads, where the toolbar would drop it.
  const page = await article('1959.html');
  const pagePng = await page.screenshot({ clip: { x: 0, y: 0, width: SIZE.width, height: SIZE.height } });
  const pop = await popup(await tabOf(page));
  const popupPng = await pop.screenshot();
  await pop.close();
  await render(
    browser,
    `<!doctype html><style>body{margin:0;position:relative;width:1280px;height:800px;overflow:hidden}
      .page{position:absolute;inset:0;filter:brightness(.93)} .popup{position:absolute;top:12px;right:16px;border-radius:10px;
      box-shadow:0 12px 40px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.12)}</style>
      <img class="page" src="${dataUrl(pagePng)}"><img class="popup" src="${dataUrl(popupPng)}">`,
    SIZE.width,
    SIZE.height,
    join(shotsDir, '2-popup.png'),
  );

  // 3: the in-page reader, light.
  const english = await article('7a51.html');
  await reader(english, { theme: 'light' });
  await shot(english, '3-reader.png');

  // 4: the reader in its dark theme.
  const dark = await article('2533.html');
  await reader(dark, { theme: 'dark' });
  await shot(dark, '4-reader-dark.png');

  // The promotional tile: the icon, the name, one line.
  const icon = readFileSync(join(ROOT, 'icons/icon-128.png'));
  await render(
    browser,
    `<!doctype html><meta charset="utf-8"><style>
      body{margin:0;width:440px;height:280px;display:flex;align-items:center;gap:22px;padding:0 30px;box-sizing:border-box;
        background:linear-gradient(135deg,#0f766e,#164e63);color:#fff;font-family:'DejaVu Sans',sans-serif}
      img{width:112px;height:112px;flex:none;filter:drop-shadow(0 6px 14px rgba(0,0,0,.35))}
      h1{margin:0 0 10px;font-size:27px;line-height:1.15;font-weight:700}
      p{margin:0;font-size:15px;line-height:1.4;opacity:.92}</style>
      <img src="${dataUrl(icon)}"><div><h1>Proxied News Reader</h1><p>Proxied pictures back, tag links gone, and a clean reader for news blogs.</p></div>`,
    440,
    280,
    join(outDir, 'promo-440x280.png'),
  );
});

// 5: a Chinese article in the reader, the extension's UI in Chinese.
await withBrowser('zh-CN', async ({ article, reader }) => {
  const page = await article('be94.html');
  await reader(page, { theme: 'sepia' });
  await shot(page, '5-chinese-article.png');
});
