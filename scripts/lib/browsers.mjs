// Real browsers for the tests, the benchmark, `npm start` and the screenshot scripts: where they are, the switches
// every run uses, and launching them with the built extension (or without it). Plain JavaScript so that Node
// scripts use it as is; types in browsers.d.mts.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export const EXECUTABLES = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
};
export const INSTALL_HINT = 'apt-get install -y chromium firefox-esr';

/** Must match `GECKO_ID` in vite.config.ts. */
export const GECKO_ID = 'proxied-news-reader@zfe.space';

const TARGET = { chromium: 'chrome', firefox: 'firefox' };

/** The browser's executable, or an error that says how to install it. */
export function requireBrowser(kind) {
  const exe = EXECUTABLES[kind];
  if (!existsSync(exe)) {
    throw new Error(`${kind} not found at ${exe}: real browsers are needed here. Install them with: ${INSTALL_HINT}`);
  }
  return exe;
}

/** Chromium switches of every run, with the extension or without. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Scenarios decide which scheme works; the browser must not silently retry http pages over https.
  '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
];

/** Firefox prefs of every run: all traffic through the test web's proxy on `port`, no https-first. */
export function firefoxPrefs(port) {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'dom.security.https_first': false,
    'dom.security.https_first_pbm': false,
    'dom.security.https_first_schemeless': false,
  };
}

/** Firefox prefs that save every download into `dir` without asking (the default is ~/Downloads, shared by runs). */
export function firefoxDownloadPrefs(dir) {
  return {
    'browser.download.folderList': 2,
    'browser.download.dir': dir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
  };
}

/** Build dist/<target> from the current sources (vite, ~2 s). `outDir`: build there instead (a private copy that
 * another run rebuilding dist/<target> cannot change under it). */
export async function buildExtension(kind, outDir) {
  const target = TARGET[kind];
  const elsewhere = outDir ? ['--outDir', outDir, '--emptyOutDir'] : [];
  await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--mode', target, '--logLevel', 'warn', ...elsewhere],
    {
      cwd: ROOT,
    },
  );
  const dir = outDir ?? path.join(ROOT, 'dist', target);
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`vite build --mode ${target} wrote no ${dir}/manifest.json`);
  return dir;
}

function newestMtime(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** dist/<target>, built first when it is missing or older than a source file; `log` hears why it builds. */
export async function ensureBuilt(kind, log = () => undefined) {
  const dir = path.join(ROOT, 'dist', TARGET[kind]);
  const manifest = path.join(dir, 'manifest.json');
  const inputs = ['src', 'manifest.json', 'vite.config.ts', 'scripts/popup-build.ts', 'scripts/dynamic-url.ts', '_locales', 'icons']
    .map((p) => path.join(ROOT, p))
    .filter(existsSync);
  const stale = !existsSync(manifest)
    ? 'missing'
    : statSync(manifest).mtimeMs < Math.max(...inputs.map(newestMtime))
      ? 'older than the sources'
      : null;
  if (!stale) return dir;
  log(`dist/${TARGET[kind]} is ${stale}: building it (vite build --mode ${TARGET[kind]})`);
  return buildExtension(kind);
}

const isWorkerOf = (prefix) => (t) => t.type() === 'service_worker' && t.url().startsWith(prefix);

/**
 * Chromium, headless unless told otherwise, in a throw-away profile. With `extension` (a built directory) the
 * extension is loaded from the command line, like an install: CDP's Extensions.loadUnpacked (enableExtensions:
 * [dir]) does not fire runtime.onInstalled in Chromium 156, so the context menu would never be created. Its id is
 * read from the service worker's URL. `offline`: any host name but 127.0.0.1 fails to resolve (what request
 * interception does not answer never leaves the machine). `userDataDir`: a profile of the caller's (default: a
 * temporary one, removed by `close`). Other `options` go to puppeteer.launch.
 */
export async function launchChromium({ extension, headless = true, args = [], offline = false, userDataDir: ownDir, ...options } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const executablePath = requireBrowser('chromium');
  // A profile directory of the caller's is the caller's to remove.
  const userDataDir = ownDir ?? mkdtempSync(path.join(tmpdir(), 'pnr-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless,
    userDataDir,
    // Without an extension puppeteer's --disable-extensions stays.
    enableExtensions: Boolean(extension),
    ...options,
    args: [
      ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []),
      ...CHROMIUM_ARGS,
      ...(offline ? ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] : []),
      ...args,
    ],
  });
  const close = async () => {
    await browser.close().catch(() => undefined);
    if (!ownDir) rmSync(userDataDir, { recursive: true, force: true });
  };
  if (!extension) return { browser, userDataDir, close };
  try {
    const worker = await browser.waitForTarget(isWorkerOf('chrome-extension://'), { timeout: 20_000 });
    // URL.origin is "null" for chrome-extension: URLs; built from the host.
    const extensionId = new URL(worker.url()).host;
    return { browser, userDataDir, close, worker, extensionId, origin: `chrome-extension://${extensionId}` };
  } catch (error) {
    await close();
    throw new Error(`the extension in ${extension} did not load (no service worker appeared): ${String(error)}`);
  }
}

/**
 * Firefox (headless) sending all its traffic through the proxy on `proxyPort` (test-web.mjs `startProxy`). With
 * `extension`, it is installed temporarily under a known moz-extension://<uuid> origin.
 */
export async function launchFirefox({ extension, proxyPort, downloadDir, ...options } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: requireBrowser('firefox'),
    headless: true,
    // The proxy terminates https with a throw-away self-signed certificate.
    acceptInsecureCerts: true,
    ...(extension ? { args: ['--remote-allow-system-access'] } : {}),
    ...options,
    extraPrefsFirefox: {
      ...(proxyPort ? firefoxPrefs(proxyPort) : {}),
      ...(extension ? { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) } : {}),
      ...(downloadDir ? firefoxDownloadPrefs(downloadDir) : {}),
    },
  });
  const close = () => browser.close().catch(() => undefined);
  if (!extension) return { browser, close };
  try {
    await browser.installExtension(extension);
  } catch (error) {
    await close();
    throw error;
  }
  return { browser, close, origin: `moz-extension://${uuid}` };
}

/** Wait until every picture the viewport shows has loaded (lazy ones out of view never do), in the document or in
 * the shadow tree of `rootSelector` (the reader); after 10 s, go on with a warning. */
export async function picturesSettled(page, rootSelector = null) {
  await page
    .waitForFunction(
      (sel) => {
        const root = (sel ? document.querySelector(sel)?.shadowRoot : null) ?? document;
        const visible = (img) => {
          const r = img.getBoundingClientRect();
          return r.width > 0 && r.bottom > 0 && r.top < innerHeight;
        };
        return Array.from(root.querySelectorAll('img'))
          .filter(visible)
          .every((img) => img.complete);
      },
      { timeout: 10_000, polling: 100 },
      rootSelector,
    )
    .catch(() => console.warn('warning: some pictures did not settle'));
}
