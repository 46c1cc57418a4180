// Issue 15 item 7, "not fingerprintable from ordinary pages": a page of another site must not be able to tell
// that the extension is installed (or which version) by loading one of its files from an address it can predict.
//
// Per browser, one launch with a build of its own. From an ordinary https page (not a proxied-news article), every
// file of the build and manifest.json is tried in every way a page loads something: fetch (cors and no-cors),
// <script type=module>, import(), <img> for pictures, <link rel=stylesheet> for CSS. Controls: the page's own
// script, stylesheet and picture load the same ways, and the extension itself fetches every file at its address.
// - Chromium: at chrome-extension://<id>/<path> (the id is the store id in the wild) nothing loads: the content
//   script's chunks are web-accessible only at the per-session dynamic address (use_dynamic_url), where they do
//   load (the harness learns that address from the extension).
// - Firefox has no use_dynamic_url; its moz-extension://<uuid> is random per install (the harness pins it through
//   `extensions.webextensions.uuids` only to know it). Proven: nothing loads at an address made from the public
//   add-on id; at the install's own address exactly the web-accessible chunks load, which only a page that knows
//   the UUID can ask for.
// Both: the extension still works (a family article is cleaned, the reader opens: the lazily loaded chunks came),
// and no extension address, which would give the dynamic id or the UUID away, is visible to the page then.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectationFor, fixture } from './expectations';
import { ExtensionBrowser, GECKO_ID, until, type BrowserKind } from './harness';
import { readerView } from './reader-view';

const PROBE_PAGE = 'https://harbour.example/notes/visit.html';
const CONTROL = {
  script: 'https://harbour.example/control.js',
  css: 'https://harbour.example/control.css',
  png: 'https://harbour.example/control.png',
};
const ARTICLE_URL = 'https://news.zfe.space/p/pmcaff-largest-page.html';

type How = 'fetch' | 'fetch-no-cors' | 'module-script' | 'import' | 'img' | 'stylesheet';
interface Attempt {
  url: string;
  how: How;
  result: 'loaded' | 'failed' | 'timeout';
}

/** Every file of the build, relative to it, with `/` separators. */
function filesOf(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true }).flatMap((entry) => {
    const rel = under ? `${under}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesOf(dir, rel) : [rel];
  });
}

/** Runs in the page: try to load each URL in every way that fits its kind; what happened to each try. */
async function tryLoads(urls: string[], timeoutMs: number): Promise<Attempt[]> {
  // import() in a Function of its own: this function's source must reach the page untouched by the test runner,
  // which rewrites import() calls in test code.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a fixed body, for the reason above
  const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<unknown>;
  const element = (make: () => HTMLElement) =>
    new Promise<void>((resolve, reject) => {
      const el = make();
      el.addEventListener('load', () => resolve());
      el.addEventListener('error', () => reject(new Error('error event')));
      document.head.append(el);
    });
  const attempts: Array<Promise<Attempt>> = [];
  const attempt = (url: string, how: How, load: () => Promise<unknown>) =>
    attempts.push(
      Promise.race([
        load().then(
          () => 'loaded' as const,
          () => 'failed' as const,
        ),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs)),
      ]).then((result) => ({ url, how, result })),
    );
  for (const url of urls) {
    const file = new URL(url).pathname;
    attempt(url, 'fetch', () => fetch(url, { cache: 'no-store' }));
    attempt(url, 'fetch-no-cors', () => fetch(url, { mode: 'no-cors', cache: 'no-store' }));
    if (file.endsWith('.js')) {
      // A module script fires `load` once fetched and parsed even if running it throws; import() rejects then too.
      attempt(url, 'module-script', () => element(() => Object.assign(document.createElement('script'), { type: 'module', src: url })));
      attempt(url, 'import', () => dynamicImport(url));
    }
    if (file.endsWith('.png')) {
      attempt(url, 'img', () => element(() => Object.assign(document.createElement('img'), { src: url })));
    }
    if (file.endsWith('.css')) {
      attempt(url, 'stylesheet', () => element(() => Object.assign(document.createElement('link'), { rel: 'stylesheet', href: url })));
    }
  }
  return Promise.all(attempts);
}

/** Runs in the page: extension addresses the page can see (its DOM, open shadow roots, stylesheets, the resource
 *  timing list). */
function extensionAddressesSeen(): string[] {
  const texts = [document.documentElement.outerHTML];
  for (const el of Array.from(document.querySelectorAll('*'))) if (el.shadowRoot) texts.push(el.shadowRoot.innerHTML);
  texts.push(...Array.from(document.styleSheets).map((sheet) => sheet.href ?? ''));
  texts.push(...performance.getEntries().map((entry) => entry.name));
  return texts.flatMap((text) => text.match(/(?:chrome|moz)-extension:\/\/[^\s"')]*/g) ?? []);
}

interface WebAccessible {
  matches?: string[];
  resources: string[];
  use_dynamic_url?: boolean;
}

function fingerprintSuite(kind: BrowserKind): void {
  describe(`${kind}: no file of the extension loads from another site's page by an address it can predict`, () => {
    let ext: ExtensionBrowser;
    let buildDir: string;
    let files: string[];
    let manifest: { web_accessible_resources?: WebAccessible[]; content_scripts: Array<{ matches: string[] }> };

    beforeAll(async () => {
      buildDir = mkdtempSync(path.join(tmpdir(), `pnr-fingerprint-${kind}-`));
      ext = await ExtensionBrowser.launch(kind, buildDir);
      files = filesOf(buildDir).sort();
      manifest = JSON.parse(readFileSync(path.join(buildDir, 'manifest.json'), 'utf8')) as typeof manifest;
      ext.web.addPage(
        PROBE_PAGE,
        '<!doctype html><html lang="en"><head><title>Visit</title></head><body><p>An ordinary page.</p></body></html>',
      );
      ext.web.addPage(CONTROL.script, 'export const control = 1;', { 'content-type': 'text/javascript' });
      ext.web.addPage(CONTROL.css, 'p { color: #333; }', { 'content-type': 'text/css' });
      ext.web.addPage(ARTICLE_URL, fixture('rendered/pmcaff-largest-page.html'));
    }, 60_000);

    afterAll(async () => {
      await ext?.close();
      if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    });

    /** Try every address from the probe page; the controls must load. The tries on `addresses`. */
    async function tryFromPage(addresses: string[]): Promise<Attempt[]> {
      const page = await ext.open(PROBE_PAGE);
      try {
        const attempts = await page.evaluate(tryLoads, [...addresses, CONTROL.script, CONTROL.css, CONTROL.png], 5_000);
        const controls = attempts.filter((a) => !addresses.includes(a.url));
        // fetch, no-cors fetch, module script and import() of the script; fetches, <link> and <img> of the others.
        expect(controls.map((a) => `${a.how} ${a.result}`).sort()).toEqual([
          'fetch loaded',
          'fetch loaded',
          'fetch loaded',
          'fetch-no-cors loaded',
          'fetch-no-cors loaded',
          'fetch-no-cors loaded',
          'img loaded',
          'import loaded',
          'module-script loaded',
          'stylesheet loaded',
        ]);
        const ours = attempts.filter((a) => addresses.includes(a.url));
        // Every try settled: a load or an error, none left hanging.
        expect(ours.filter((a) => a.result === 'timeout')).toEqual([]);
        return ours;
      } finally {
        await page.close();
      }
    }

    const shown = (tries: Attempt[], origin: string) =>
      tries.filter((a) => a.result !== 'failed').map((a) => `${a.how} ${a.url.slice(origin.length)}`);

    it('the manifest: web-accessible chunks only for the pages the content script runs on; in Chromium only at the dynamic address', () => {
      const entries = manifest.web_accessible_resources ?? [];
      console.info(`${kind} web_accessible_resources:`, JSON.stringify(entries.map((e) => ({ ...e, resources: e.resources.length }))));
      expect(entries.length).toBeGreaterThan(0);
      const scriptPages = [...new Set(manifest.content_scripts.flatMap((cs) => cs.matches))].sort();
      for (const entry of entries) {
        expect([...(entry.matches ?? [])].sort()).toEqual(scriptPages);
        // Firefox (153 ESR) does not know the key: its manifest schema would warn at install.
        if (kind === 'chromium') expect(entry.use_dynamic_url).toBe(true);
        else expect(entry).not.toHaveProperty('use_dynamic_url');
        for (const resource of entry.resources) expect(resource).toMatch(/^assets\/.*\.js$/);
      }
    });

    it('every file, tried at every address the page can predict, fails to load; where one loads, the page cannot know', async () => {
      expect(files).toContain('manifest.json');
      expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(10);
      const real = files.map((f) => `${ext.origin}/${f}`);
      // The addresses are right: the extension itself gets every one of them.
      const refused = await ext.inExtension(async (urls: string[]) => {
        const statuses = await Promise.all(
          urls.map((u) =>
            fetch(u).then(
              (r) => r.status,
              () => 0,
            ),
          ),
        );
        return urls.filter((_, i) => statuses[i] !== 200);
      }, real);
      expect(refused).toEqual([]);

      // Predictable: Chromium's static address (the store id); in Firefox, the public add-on id in place of the UUID.
      const predictable = kind === 'chromium' ? ext.origin : `moz-extension://${GECKO_ID}`;
      // The address that does open the web-accessible files, which the page cannot know: Chromium's per-session
      // dynamic origin, the install's random UUID in Firefox. Tried too, in the same page: the probe must see the
      // loads there.
      const secret = kind === 'chromium' ? ext.dynamicOrigin : ext.origin;
      expect(secret).toMatch(/^(chrome|moz)-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const tries = await tryFromPage([...files.map((f) => `${predictable}/${f}`), ...files.map((f) => `${secret}/${f}`)]);

      const guessed = tries.filter((a) => a.url.startsWith(`${predictable}/`));
      console.info(`${kind}: ${guessed.length} tries on ${files.length} files at ${predictable}; loaded:`, shown(guessed, predictable));
      expect(guessed.length).toBeGreaterThan(files.length * 2);
      expect(shown(guessed, predictable)).toEqual([]);

      const fetched = tries.filter((a) => a.url.startsWith(`${secret}/`) && a.how === 'fetch' && a.result === 'loaded');
      const names = fetched.map((a) => a.url.slice(`${secret}/`.length)).sort();
      console.info(`${kind}: at ${secret}, fetched ${names.length} of ${files.length} files`);
      expect(names).toEqual((manifest.web_accessible_resources ?? []).flatMap((e) => e.resources).sort());
    });

    it('and the extension works as before: a family article is cleaned, the reader opens, no extension address shows', async () => {
      const title = expectationFor('rendered/pmcaff-largest-page.html', ARTICLE_URL).title;
      const page = await ext.open(`${ARTICLE_URL}?t=fingerprint`);
      try {
        await until('the article to be cleaned', () =>
          page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'),
        );
        const tab = await ext.tabIdOf(page);
        expect(await ext.background('toggleReader', tab)).toEqual({ reader: true });
        const reader = await until('the reader to show the article', () => page.evaluate(readerView));
        expect(reader.title).toBe(title);
        expect(reader.body.length).toBeGreaterThan(200);
        expect(await page.evaluate(extensionAddressesSeen)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
}

fingerprintSuite('chromium');
fingerprintSuite('firefox');
