#!/usr/bin/env node
// Screenshots of the popup, the reader overlay in each theme and the options page, from the built Chrome extension.
//
//   npm run build:chrome && node scripts/screenshots.mjs [--ext dist/chrome] [--page FILE] [--out docs/screenshots] [--lang en]
//
// Builds nothing: it loads the unpacked extension from --ext into Debian's Chromium (headless, through
// scripts/lib/browsers.mjs), serves one rendered article page from the test web (scripts/lib/test-web.mjs), answers
// every image request with a generated placeholder (no network here, and screenshots should not depend on third-party hosts), and writes
// popup-light.png, popup-dark.png, reader-light.png, reader-sepia.png, reader-dark.png (the reader's theme
// setting, set through storage.sync as the options page would), reader-auto-dark.png (theme "auto" under a
// dark system), reader-appearance.png (the appearance panel open), options.png and options-dark.png, and
// popup-generic.png + reader-generic.png (a page that is no proxied-news article, read through Readability), and
// popup-listing.png (a listing page of the family, Volantis 6: the posts it shows, its pictures restored), and
// reader-lightbox.png (a picture of the article at full size).
// Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk), or the PNGs show empty boxes.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, picturesSettled } from './lib/browsers.mjs';
import { interceptPage, placeholderPicture, SITE_HOST, TestWeb } from './lib/test-web.mjs';

const { values: opts } = parseArgs({
  options: {
    ext: { type: 'string', default: 'dist/chrome' },
    page: { type: 'string', default: 'test/fixtures/rendered/stcn-stock-links.html' },
    out: { type: 'string', default: 'docs/screenshots' },
    lang: { type: 'string', default: 'en' },
    // Comma-separated names of the extra blocks at the end (EXTRA_SHOTS) to write alone, skipping the rest.
    only: { type: 'string' },
  },
});

const extDir = resolve(opts.ext);
const pageFile = resolve(opts.page);
const outDir = resolve(opts.out);
if (!existsSync(join(extDir, 'manifest.json'))) {
  console.error(`no built extension in ${extDir}: run \`npm run build:chrome\` first`);
  process.exit(1);
}
if (!existsSync(pageFile)) {
  console.error(`no page at ${pageFile}`);
  process.exit(1);
}
try {
  if (execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() === '') {
    console.warn('warning: no CJK font installed (apt-get install fonts-noto-cjk); Chinese text will show as boxes');
  }
} catch {
  // fc-list missing: nothing to check with.
}

// ---------------------------------------------------------------------------------------------
// The article page, served as the site would (same path shape), on loopback only.

const html = readFileSync(pageFile);
const pagePath = `/p/${basename(pageFile)}`;
/** A page that is no proxied-news article (no Hexo): what the any-page reader (Readability) is for. */
const GENERIC_PATH = '/notes/lighthouses.html';
// A home page of the family rendered with Volantis 6 (scripts/render-themes.mjs).
const LISTING_PATH = '/';
const listingHtml = readFileSync(resolve('test/fixtures/themes/volantis6/listing-home.html'), 'utf8');
const GENERIC_TEXT = [
  'For most of their history lighthouses said one thing only: here is the coast. A fire on a tower, later a lamp behind glass, told a sailor where the land began, and nothing more than that.',
  'The first change came with rotation. Once a lens could turn at a steady speed, a light could flash, and a flash can be counted. Sailors learned that one light flashed twice every ten seconds while its neighbour flashed three times.',
  'Each station received its own character, printed in the lists that every navigator carried. A glance at a stopwatch and a page of the list was enough to name the headland in the dark.',
  'Colour came next. A red sector over a reef and a white one over the safe channel let a single lantern say where to steer as well as where the rock was. Keepers polished the coloured glass every morning.',
  'Fog was the old enemy, because a light that cannot be seen says nothing at all. Bells, guns and finally great diaphone horns gave the stations a voice that carried through the thickest weather.',
];
const genericHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>How Lighthouses Learned to Speak | Harbour Notes</title><meta name="author" content="Ada Keeper">
<style>body{font-family:sans-serif;margin:0}header,footer{background:#234;color:#fff;padding:1em}
main{display:flex;gap:2em;padding:1em}article{max-width:38em}aside{background:#eee;padding:1em;width:14em}</style></head>
<body><header><nav><a href="/">Home</a> · <a href="/about">About</a> · <a href="/archive">Archive</a></nav></header>
<main><article><h1>How Lighthouses Learned to Speak</h1><p class="byline">By Ada Keeper</p>
${GENERIC_TEXT.map((p) => `<p>${p}</p>`).join('')}
<figure><img src="https://images.example/lighthouse.jpg" alt="A lighthouse at dusk" width="640" height="360"><figcaption>A lighthouse at dusk.</figcaption></figure>
${GENERIC_TEXT.map((p) => `<p>${p}</p>`).join('')}</article>
<aside><h2>Elsewhere</h2><ul><li><a href="/a">Tides</a></li><li><a href="/b">Buoys</a></li></ul></aside></main>
<footer>© Harbour Notes</footer></body></html>`;
// The pages keep the site's own host name (the popup names it in the per-site switch); they are answered by
// request interception, and Chromium resolves no other host name, so no request leaves the machine.
const origin = `http://${SITE_HOST}`;
const pageUrl = origin + pagePath;
const web = new TestWeb({ picture: placeholderPicture });
web.scenario = 'all';
web.addPage(pageUrl, html);
web.addPage(origin + GENERIC_PATH, genericHtml);
web.addPage(origin + LISTING_PATH, listingHtml);
const intercept = (page) => interceptPage(page, web);

// ---------------------------------------------------------------------------------------------
// Extra blocks, one per feature, run after the standard shots (or alone with --only NAME): each gets the browser,
// the extension's service worker and id, and writes its own PNGs.

const EXTRA_SHOTS = {
  // Issue 11: the outline. An article with h3 sections and h4 under them, the outline opened with `o`, an entry taken
  // with Enter: the reader has scrolled there, the heading has the keyboard focus, the entry is current.
  outline: async ({ browser, sw }) => {
    const outlinePath = '/p/iplaysoft-keyword-links.html';
    web.addPage(origin + outlinePath, readFileSync(resolve('test/fixtures/rendered/iplaysoft-keyword-links.html')));
    await sw.evaluate(async () => {
      await chrome.storage.sync.clear();
      await chrome.storage.sync.set({ readerPrefs: { theme: 'light' } });
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 860, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await intercept(page);
    await page.goto(origin + outlinePath, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned', { timeout: 15_000 });
    await page.bringToFront();
    const tab = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    await sw.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'pnr:set-reader', on: true }), tab);
    await page.waitForFunction(() =>
      document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-action=outline]:not([disabled])'),
    );
    await page.keyboard.press('o');
    await page.waitForFunction(() => document.querySelector('proxied-news-reader').shadowRoot.activeElement?.matches('.pnr-outline-entry'));
    await page.evaluate(() => document.querySelector('proxied-news-reader').shadowRoot.querySelector('[data-outline-index="5"]').focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const root = document.querySelector('proxied-news-reader').shadowRoot;
      return root.activeElement?.localName === 'h4' && root.querySelector('[data-outline-index="5"][aria-current]');
    });
    // The smooth scroll ends (the heading 16 px below the toolbar), the pictures in view arrive.
    await page.waitForFunction(() => {
      const root = document.querySelector('proxied-news-reader').shadowRoot;
      const top = root.activeElement.getBoundingClientRect().top - root.querySelector('.pnr-scroller').getBoundingClientRect().top;
      return Math.abs(top - 16) < 2;
    });
    await picturesSettled(page, 'proxied-news-reader');
    const file = join(outDir, 'reader-outline.png');
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  },
  // Issue 11: vertical writing (竖排) and the per-site profiles in the options page.
  'vertical-profiles': async ({ browser, sw, extensionId }) => {
    // A remembered vertical look for this host, opening by itself: what a reader of these blogs would set.
    await sw.evaluate(async () => {
      await chrome.storage.sync.clear();
      await chrome.storage.local.clear();
      await chrome.storage.sync.set({
        readerPrefs: { theme: 'sepia', cjkFont: 'serif' },
        'siteProfiles.0': {},
      });
    });
    await sw.evaluate(async (host) => {
      const look = {
        theme: 'sepia',
        fontSize: 20,
        width: 30,
        lineHeight: 1.9,
        latinFont: 'serif',
        cjkFont: 'serif',
        fontWeight: 400,
        cjkSpacing: false,
        vertical: true,
      };
      // The shard is the one the host hashes to; the extension's own cleaning puts it there if not.
      await chrome.storage.sync.set({ 'siteProfiles.0': { [host]: { autoOpen: true, look } } });
    }, SITE_HOST);
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 860, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await intercept(page);
    await page.goto(`${pageUrl}?vertical`, { waitUntil: 'domcontentloaded' });
    // Auto-open: the reader comes by itself, vertical.
    await page.waitForFunction(
      () => document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-writing=vertical] [data-testid=reader-body]'),
      { timeout: 15_000 },
    );
    await picturesSettled(page, 'proxied-news-reader');
    {
      const file = join(outDir, 'reader-vertical.png');
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
    await page.close();
    await sw.evaluate(async () => {
      const look = {
        theme: 'dark',
        fontSize: 18,
        width: 38,
        lineHeight: 1.7,
        latinFont: 'sans',
        cjkFont: 'sans',
        fontWeight: 400,
        cjkSpacing: true,
        vertical: false,
      };
      await chrome.storage.sync.set({
        'siteProfiles.1': { 'rss.example.org': { look, script: 'traditional' } },
      });
    });
    const options = await browser.newPage();
    await options.setViewport({ width: 960, height: 900, deviceScaleFactor: 1 });
    await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    await options.waitForSelector('[data-testid=profile-list]', { timeout: 15_000 });
    // The first profile's appearance opened, as when editing it.
    await options.evaluate(() => {
      document.querySelector('.profile-look')?.setAttribute('open', '');
      document.querySelector('[data-testid=profiles]').scrollIntoView();
    });
    {
      const section = await options.$('[data-testid=profiles]');
      const file = join(outDir, 'options-profiles.png');
      await section.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
    await options.close();
    await sw.evaluate(async () => {
      await chrome.storage.sync.clear();
    });
  },

  // Issue 11 item 4: read aloud, a sentence highlighted while it is read, the Listen panel open. Headless Chromium has
  // no voices: an engine with three goes into the content script's world (through CDP: where the reader looks for
  // it) before the reader opens; the script ends the utterances itself.
  'read-aloud': async ({ browser, sw, extensionId }) => {
    await sw.evaluate(async () => {
      await chrome.storage.sync.set({ readerPrefs: { theme: 'light', ttsRate: 1.25 } });
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 860, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await intercept(page);
    const cdp = await page.createCDPSession();
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
    await cdp.send('Runtime.enable');
    await page.goto(`${pageUrl}?listen`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned', { timeout: 15_000 });
    await page.bringToFront();
    const tab = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    const world = contexts.find((c) => c.origin === `chrome-extension://${extensionId}` && c.auxData?.type === 'isolated');
    if (!world) throw new Error('no content script world on the article page');
    const inWorld = async (expression) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { contextId: world.id, expression, returnByValue: true });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    };
    await inWorld(`(() => {
      const voices = [
        { name: 'Google 普通话（中国大陆）', lang: 'zh-CN', default: false, localService: false },
        { name: 'Google 國語（臺灣）', lang: 'zh-TW', default: false, localService: false },
        { name: 'Google US English', lang: 'en-US', default: true, localService: false },
      ];
      let queue = [];
      const synth = {
        speak: (u) => queue.push(u),
        cancel: () => { queue = []; },
        pause() {}, resume() {},
        getVoices: () => voices,
      };
      class Utterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; } }
      Object.defineProperty(window, 'speechSynthesis', { configurable: true, get: () => synth });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, writable: true, value: Utterance });
      globalThis.__pnrShotEnd = () => { const u = queue.shift(); u?.onend?.({}); return u?.text; };
    })()`);
    await sw.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'pnr:set-reader', on: true }), tab);
    await page.waitForFunction(() => document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=title]'));
    await page.evaluate(() => document.querySelector('proxied-news-reader').shadowRoot.querySelector('[data-action=listen]').click());
    await page.waitForFunction(() => document.querySelector('proxied-news-reader').shadowRoot.querySelector('[data-setting=ttsVoice]'));
    // Read from the third paragraph (a click on it while reading), then on to its second sentence.
    await page.evaluate(() =>
      document.querySelector('proxied-news-reader').shadowRoot.querySelectorAll('[data-testid=reader-body] p')[2].click(),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    console.log(`read aloud: ${await inWorld('__pnrShotEnd()')} → the next sentence`);
    // The view follows the sentence smoothly: let it settle.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await page.evaluate(() => document.querySelector('proxied-news-reader').shadowRoot.activeElement?.blur?.());
    await picturesSettled(page, 'proxied-news-reader');
    const file = join(outDir, 'reader-listen.png');
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await cdp.detach();
    await page.close();
    await sw.evaluate(async () => {
      await chrome.storage.sync.clear();
      await chrome.storage.local.clear();
    });
  },
};

const {
  browser,
  worker,
  extensionId,
  userDataDir: profile,
  close,
} = await launchChromium({
  extension: extDir,
  offline: true,
  args: [`--lang=${opts.lang}`, '--hide-scrollbars'],
  env: { ...process.env, LANGUAGE: opts.lang },
});

/** Thrown to skip the standard shots when --only names extra blocks (top-level code cannot return). */
class OnlyDone extends Error {}

try {
  const sw = await worker.worker();
  // A worker caught as it starts may not have its extension APIs bound yet.
  for (let i = 0; i < 100 && !(await sw.evaluate(() => typeof chrome !== 'undefined').catch(() => false)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`extension ${extensionId}, page ${pageUrl}`);
  if (opts.only) {
    for (const name of opts.only.split(',')) {
      if (!EXTRA_SHOTS[name]) throw new Error(`--only ${name}: no such block (${Object.keys(EXTRA_SHOTS).join(', ')})`);
      await EXTRA_SHOTS[name]({ browser, sw, extensionId });
    }
    throw new OnlyDone();
  }

  const article = await browser.newPage();
  // The content script logs failures quietly with console.debug: show them here.
  article.on('console', (m) => {
    if (m.text().includes('[proxied-news-reader]')) console.warn(`page: ${m.text()}`);
  });
  await article.setViewport({ width: 1280, height: 860, deviceScaleFactor: 1 });
  await intercept(article);
  await article.goto(pageUrl, { waitUntil: 'domcontentloaded' });
  await article.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned', {
    timeout: 15_000,
  });
  // Without the "tabs" permission the worker cannot see URLs: the article is the active tab right now.
  await article.bringToFront();
  const tabId = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (typeof tabId !== 'number') throw new Error('could not find the article tab');

  mkdirSync(outDir, { recursive: true });
  const popup = await browser.newPage();
  await popup.setViewport({ width: 380, height: 600, deviceScaleFactor: 2 });
  await intercept(popup);
  for (const scheme of ['light', 'dark']) {
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid=title]', { timeout: 15_000 });
    await picturesSettled(popup, null);
    const file = join(outDir, `popup-${scheme}.png`);
    await popup.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
  }

  // Reader mode through the popup's own button, as a user would.
  await popup.click('[data-action=toggle-reader]');
  await article
    .waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'reader', { timeout: 10_000, polling: 100 })
    .catch(async (error) => {
      const status = await popup.$eval('[data-testid=status]', (el) => el.textContent).catch(() => '');
      throw new Error(`reader did not open (popup says: "${status}")`, { cause: error });
    });
  await popup.close();
  await article.bringToFront();

  /** Stores reader preferences as the options page does; an open reader follows through storage.onChanged. */
  const setReaderPrefs = (prefs) =>
    sw.evaluate(async (p) => {
      await chrome.storage.sync.set({ readerPrefs: p });
    }, prefs);
  const readerTheme = () =>
    article.evaluate(() => document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('.pnr-root')?.dataset.pnrTheme);

  const shots = [
    { file: 'reader-light.png', theme: 'light', scheme: 'light' },
    { file: 'reader-sepia.png', theme: 'sepia', scheme: 'light' },
    { file: 'reader-dark.png', theme: 'dark', scheme: 'light' },
    { file: 'reader-auto-dark.png', theme: 'auto', scheme: 'dark' },
  ];
  for (const shot of shots) {
    await article.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: shot.scheme }]);
    await setReaderPrefs({ theme: shot.theme });
    await article
      .waitForFunction(
        (theme) => document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('.pnr-root')?.dataset.pnrTheme === theme,
        { timeout: 5_000, polling: 50 },
        shot.theme,
      )
      .catch(async () => {
        throw new Error(`reader did not switch to theme ${shot.theme} (shows ${await readerTheme()})`);
      });
    await picturesSettled(article, 'proxied-news-reader');
    const file = join(outDir, shot.file);
    await article.screenshot({ path: file });
    console.log(`wrote ${file}`);
  }

  // Printing with the reader open: the article only. Chromium fires beforeprint for page.pdf() too, which is
  // when the reader hides the page behind it. The first page is written as a PNG when pdftoppm is installed.
  await setReaderPrefs({ theme: 'dark' });
  await article.evaluate(() => {
    window.__pnrBeforePrint = 0;
    addEventListener('beforeprint', () => window.__pnrBeforePrint++);
  });
  const pdfFile = join(profile, 'reader-print.pdf');
  await article.pdf({
    path: pdfFile,
    format: 'A4',
    printBackground: true,
    margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' },
  });
  const fired = await article.evaluate(() => window.__pnrBeforePrint);
  console.log(`print: beforeprint fired ${fired} time(s)`);
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdfFile, join(profile, 'print')]);
    const pages = readdirSync(profile)
      .filter((f) => /^print-\d+\.png$/.test(f))
      .sort();
    for (const [i, page] of pages.entries()) {
      const file = join(outDir, `reader-print-${i + 1}.png`);
      copyFileSync(join(profile, page), file);
      console.log(`wrote ${file}`);
    }
  } catch {
    console.warn('warning: pdftoppm not installed (apt-get install poppler-utils); reader-print-*.png not written');
  }

  // The appearance panel, opened with its toolbar button, in sepia with serif Chinese text.
  await article.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await setReaderPrefs({ theme: 'sepia', cjkFont: 'serif', fontSize: 19 });
  await article.waitForFunction(() => {
    const root = document.querySelector('proxied-news-reader')?.shadowRoot;
    return root?.querySelector('.pnr-root')?.dataset.pnrTheme === 'sepia';
  });
  await article.evaluate(() => {
    document.querySelector('proxied-news-reader').shadowRoot.querySelector('[data-action=appearance]').click();
  });
  await article.waitForFunction(() =>
    Boolean(document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=panel-appearance]')),
  );
  {
    const file = join(outDir, 'reader-appearance.png');
    await article.screenshot({ path: file });
    console.log(`wrote ${file}`);
  }
  await setReaderPrefs({ theme: 'auto' });

  // The options page, when the build has one (manifest options_ui).
  const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8'));
  const optionsPage = manifest.options_ui?.page ?? manifest.options_page;
  if (!optionsPage) {
    console.warn('warning: the built manifest has no options_ui page; options.png not written');
  } else {
    // Something in the per-site list and the custom CSS box, as a user would have.
    await sw.evaluate(async () => {
      await chrome.storage.sync.set({
        autoCleanSites: { 'news.zfe.space': true, 'rss.example.org': false },
        readerCustomCss: '/* My reader */\n.pnr-title { letter-spacing: 0.02em; }\n.pnr-body p { text-indent: 2em; }',
      });
    });
    const options = await browser.newPage();
    await options.setViewport({ width: 960, height: 900, deviceScaleFactor: 1 });
    await intercept(options);
    for (const scheme of ['light', 'dark']) {
      await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await options.goto(`chrome-extension://${extensionId}/${optionsPage}`);
      await options.waitForSelector('[data-testid=options]', { timeout: 15_000 });
      const file = join(outDir, scheme === 'light' ? 'options.png' : 'options-dark.png');
      await options.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file}`);
    }
    await options.close();
  }

  // The any-page reader: an ordinary page (no Hexo), opened from the popup's own button.
  await sw.evaluate(async () => {
    await chrome.storage.sync.clear();
  });
  const generic = await browser.newPage();
  await generic.setViewport({ width: 1280, height: 860, deviceScaleFactor: 1 });
  await generic.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await intercept(generic);
  await generic.goto(origin + GENERIC_PATH, { waitUntil: 'load' });
  await generic.bringToFront();
  const genericTab = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  const genericPopup = await browser.newPage();
  await genericPopup.setViewport({ width: 380, height: 600, deviceScaleFactor: 2 });
  await intercept(genericPopup);
  await genericPopup.goto(`chrome-extension://${extensionId}/src/popup/index.html?tab=${genericTab}`);
  await genericPopup.waitForSelector('[data-testid=title]', { timeout: 15_000 });
  await picturesSettled(genericPopup, null);
  {
    const file = join(outDir, 'popup-generic.png');
    await genericPopup.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
  }
  await genericPopup.click('[data-action=toggle-reader]');
  await generic.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'reader', { timeout: 10_000, polling: 100 });
  await genericPopup.close();
  await generic.bringToFront();
  await picturesSettled(generic, 'proxied-news-reader');
  {
    const file = join(outDir, 'reader-generic.png');
    await generic.screenshot({ path: file });
    console.log(`wrote ${file}`);
  }

  const listing = await browser.newPage();
  await listing.setViewport({ width: 1280, height: 860, deviceScaleFactor: 1 });
  await intercept(listing);
  await listing.goto(origin + LISTING_PATH, { waitUntil: 'domcontentloaded' });
  await listing.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'images', { timeout: 15_000 });
  await listing.bringToFront();
  const listingTab = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  const listingPopup = await browser.newPage();
  await listingPopup.setViewport({ width: 380, height: 600, deviceScaleFactor: 2 });
  await listingPopup.goto(`chrome-extension://${extensionId}/src/popup/index.html?tab=${listingTab}`);
  await listingPopup.waitForSelector('[data-testid=listing]', { timeout: 15_000 });
  {
    const file = join(outDir, 'popup-listing.png');
    await listingPopup.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
  }

  // ---- Lightbox (issue 11): a captioned picture of an article with nine (sanjie-proxied-images) at full size.
  {
    const lightboxUrl = `${origin}/p/sanjie-proxied-images.html`;
    web.addPage(lightboxUrl, readFileSync(resolve('test/fixtures/rendered/sanjie-proxied-images.html')));
    const pictures = await browser.newPage();
    await pictures.setViewport({ width: 1280, height: 860, deviceScaleFactor: 1 });
    await intercept(pictures);
    await pictures.goto(lightboxUrl, { waitUntil: 'domcontentloaded' });
    await pictures.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned', { timeout: 15_000 });
    await pictures.bringToFront();
    const tab = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    await sw.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'pnr:set-reader', on: true }), tab);
    await pictures.waitForFunction(
      () => document.querySelector('proxied-news-reader')?.shadowRoot?.querySelectorAll('.pnr-body img[data-pnr-lightbox]').length > 1,
      { timeout: 15_000 },
    );
    await pictures.evaluate(() => {
      document.querySelector('proxied-news-reader').shadowRoot.querySelectorAll('.pnr-body img[data-pnr-lightbox]')[1].click();
    });
    await pictures.waitForFunction(
      () => {
        const img = document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=lightbox-img]');
        return img?.complete && img.naturalWidth > 0;
      },
      { timeout: 10_000 },
    );
    const file = join(outDir, 'reader-lightbox.png');
    await pictures.screenshot({ path: file });
    console.log(`wrote ${file}`);
  }
  for (const shoot of Object.values(EXTRA_SHOTS)) await shoot({ browser, sw, extensionId });
} catch (error) {
  if (!(error instanceof OnlyDone)) throw error;
} finally {
  await close();
}
