#!/usr/bin/env node
// `npm start`: see the extension work on a real page of the site, without network.
// - builds dist/chrome when it is missing or older than the sources;
// - serves a bundled article page (test/fixtures/rendered/pmcaff-largest-page.html: proxied images, a tag link) on 127.0.0.1;
//   every image request is answered locally with a generated picture (orange when asked of the CORS proxy,
//   green when asked of the original host), so "the original works" and the unwrapping is visible;
// - opens it in Chromium with the extension: a window when $DISPLAY is set, else headless, writing
//   artifacts/start-before.png (the page as served), start-after.png (cleaned) and start-reader.png;
// - without Chromium, prints what the CLI extracts from the same page instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { solidPng } from './make-icons.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const SAMPLE = path.join(ROOT, 'test/fixtures/rendered/pmcaff-largest-page.html');
const SAMPLE_PATH = '/p/pmcaff-largest-page.html';
const DIST = path.join(ROOT, 'dist/chrome');
const ARTIFACTS = path.join(ROOT, 'artifacts');
const PROXY_HOST = 'cors.zfour.workers.dev';

const FROM_PROXY = solidPng(320, 180, [234, 88, 12]);
const FROM_ORIGINAL = solidPng(320, 180, [22, 163, 74]);

function newestMtime(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

function ensureBuilt() {
  const manifest = path.join(DIST, 'manifest.json');
  const inputs = ['src', 'manifest.json', 'vite.config.ts', '_locales', 'icons'].map((p) => path.join(ROOT, p)).filter(existsSync);
  if (existsSync(manifest) && statSync(manifest).mtimeMs > Math.max(...inputs.map(newestMtime))) return;
  console.log('building dist/chrome …');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'chrome', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

function fallbackToCli() {
  console.log(
    `Chromium was not found at ${CHROMIUM} (install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH).\n` +
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

async function serve() {
  const html = readFileSync(SAMPLE);
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === SAMPLE_PATH) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not part of the sample');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}${SAMPLE_PATH}` };
}

/** Pictures from anywhere are answered here; anything else off 127.0.0.1 is refused (no network). */
async function answerLocally(page) {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    const type = request.resourceType();
    let done;
    if (!/^https?:/.test(url) || new URL(url).hostname === '127.0.0.1') done = request.continue();
    else if (type === 'image') {
      const viaProxy = new URL(url).hostname === PROXY_HOST;
      done = request.respond({ status: 200, contentType: 'image/png', body: viaProxy ? FROM_PROXY : FROM_ORIGINAL });
    } else done = request.abort('internetdisconnected');
    done.catch(() => undefined);
  });
}

/** The site's stylesheets are not bundled: scroll past the bare navigation to the article itself. */
async function showArticle(page) {
  await page.evaluate(() => document.querySelector('article#post')?.scrollIntoView());
  await new Promise((r) => setTimeout(r, 200));
}

async function tabIdOf(browser, url) {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
  const worker = await target.worker();
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
    if (id !== null) return { id, worker };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the extension did not answer in the sample tab');
}

async function main() {
  if (!existsSync(SAMPLE)) throw new Error(`sample page missing: ${SAMPLE}`);
  if (!existsSync(CHROMIUM)) fallbackToCli();
  ensureBuilt();
  const { default: puppeteer } = await import('puppeteer-core');
  const { server, url } = await serve();
  const visible = Boolean(process.env.DISPLAY);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'pnr-start-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: !visible,
    // Loaded from the command line like an install, so runtime.onInstalled creates the context menu
    // (CDP's Extensions.loadUnpacked does not fire it).
    enableExtensions: true,
    userDataDir,
    defaultViewport: visible ? null : { width: 1280, height: 900 },
    // Our own handlers below also remove the temporary profile.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const shutdown = () => {
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      browser.close().catch(() => undefined).finally(() => {
        shutdown();
        process.exit(130);
      });
    });
  }
  try {
    if (visible) {
      const [first] = await browser.pages();
      const page = first ?? (await browser.newPage());
      await answerLocally(page);
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
    const shots = {
      before: path.join(ARTIFACTS, 'start-before.png'),
      after: path.join(ARTIFACTS, 'start-after.png'),
      reader: path.join(ARTIFACTS, 'start-reader.png'),
    };
    // Before: an incognito context, where the extension does not run.
    const incognito = await browser.createBrowserContext();
    const plain = await incognito.newPage();
    await answerLocally(plain);
    await plain.goto(url, { waitUntil: 'load' });
    await showArticle(plain);
    await plain.screenshot({ path: shots.before });
    await incognito.close();

    const page = await browser.newPage();
    await answerLocally(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned', { timeout: 15_000 });
    // Let the unwrapped images arrive.
    await page.waitForNetworkIdle({ idleTime: 300, timeout: 10_000 }).catch(() => undefined);
    await showArticle(page);
    await page.screenshot({ path: shots.after });
    const { id, worker } = await tabIdOf(browser, url);
    await worker.evaluate((tabId) => globalThis.pnrBackground.toggleReader(tabId), id);
    await page.waitForSelector('proxied-news-reader', { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 500));
    await page.screenshot({ path: shots.reader });
    console.log(
      `No $DISPLAY: ran headless on ${url}.\n` +
        `  ${path.relative(ROOT, shots.before)}  the page as served (orange pictures came through the CORS proxy)\n` +
        `  ${path.relative(ROOT, shots.after)}   cleaned in place by the extension (green: from the original hosts)\n` +
        `  ${path.relative(ROOT, shots.reader)}  reader mode\n` +
        `Set DISPLAY (e.g. \`xvfb-run npm start\` or a desktop session) to get a browser window instead.`,
    );
  } finally {
    await browser.close().catch(() => undefined);
    shutdown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
