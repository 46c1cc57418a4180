// Save with pictures in Firefox (issue 12): the page the Firefox popup hands the save to (the popup page in a tab,
// `?save=html`), a corpus article with 27 distinct proxied pictures under "only the proxy works". The harness gives
// Firefox no download directory and no pref to answer permission prompts: the file is taken from Firefox's default
// folder (~/Downloads, the new .html there, removed after), and a prompt, if one were needed, is answered by a stub
// in that page. Measured on Firefox ESR 153: the content script's match patterns (http://*/*, https://*/*) count as
// granted host permissions, so `permissions.contains` is true for every picture host and the page saves at once,
// with no prompt. The file is then opened in a tab of its own: every picture shows, and the fake web sees no
// request from it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pictureOrigins } from '../../src/save/pictures';
import type { PageState } from '../../src/shared/messages';
import { fixture } from './expectations';
import { PROXY_HOST } from './fake-web';
import { ExtensionBrowser, until } from './harness';

const NAME = 'pmcaff-largest-page';
/** Where Firefox saves a download when its profile names no folder (the harness's does not): read, then removed. */
const DOWNLOADS = path.join(homedir(), 'Downloads');

describe('save with pictures in Firefox', () => {
  let ext: ExtensionBrowser;
  let buildDir: string;
  let outDir: string;

  beforeAll(async () => {
    buildDir = mkdtempSync(path.join(tmpdir(), 'pnr-savepics-ff-build-'));
    outDir = mkdtempSync(path.join(tmpdir(), 'pnr-savepics-ff-out-'));
    ext = await ExtensionBrowser.launch('firefox', buildDir);
    ext.web.addPage(`https://news.zfe.space/p/${NAME}.html`, fixture(`rendered/${NAME}.html`));
  }, 120_000);

  afterAll(async () => {
    await ext?.close();
    for (const dir of [buildDir, outDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('HTML with pictures, only the proxy works: the file alone shows every picture', async () => {
    const page = await ext.open(ext.siteUrl(`/p/${NAME}.html`), 'proxy-only');
    const tab = await ext.tabIdOf(page);
    const state: PageState = await until('the article', async () => {
      const s = await ext.state(tab);
      return s.article ? s : undefined;
    });
    // Firefox counts the content script's match patterns as granted host permissions: `permissions.contains` is
    // true for every http(s) host, and the page saves at once, with no prompt. Whether it did is recorded.
    const granted = await ext.inExtension(
      async (origins: string[]) =>
        (globalThis as unknown as { browser: { permissions: { contains(p: object): Promise<boolean> } } }).browser.permissions.contains({
          origins,
        }),
      pictureOrigins(state.article!),
    );
    const url = `${ext.origin}/src/popup/index.html?tab=${tab}&save=html`;
    const savePage = await ext.browser.newPage();
    ext.traffic.followTab(savePage);
    const downloaded = new Set(existsSync(DOWNLOADS) ? readdirSync(DOWNLOADS) : []);
    const mark = ext.web.log.length;
    savePage.goto(url).catch(() => undefined);
    try {
      if (!granted) {
        const allow = await savePage.waitForSelector('[data-action=allow-save-pictures]', { timeout: 15_000 });
        const stubbed = await savePage.evaluate(() => {
          const w = window as unknown as { __asked: string[][] };
          const perms = (globalThis as unknown as { browser: { permissions: object } }).browser.permissions;
          try {
            w.__asked = [];
            Object.defineProperty(perms, 'request', {
              configurable: true,
              value: (p: { origins?: string[] }) => {
                w.__asked.push(p.origins ?? []);
                return Promise.resolve(true);
              },
            });
            return true;
          } catch {
            return false;
          }
        });
        expect(stubbed).toBe(true);
        await allow!.click();
      }
      console.log(`[save-pictures firefox] hosts already granted: ${granted}`);
      const name = await until(
        'the saved file',
        async () => (existsSync(DOWNLOADS) ? readdirSync(DOWNLOADS).find((f) => !downloaded.has(f) && f.endsWith('.html')) : undefined),
        60_000,
      );
      const html = readFileSync(path.join(DOWNLOADS, name), 'utf8');
      rmSync(path.join(DOWNLOADS, name), { force: true });
      const status = await until('the status line', () =>
        savePage.evaluate(() => {
          const text = document.querySelector('[data-testid=status]')?.textContent ?? '';
          return /Saved/.test(text) ? text : undefined;
        }),
      );
      // Asked on the click when not granted; not at all when it was.
      const asked = await savePage.evaluate(() => (window as unknown as { __asked?: string[][] }).__asked ?? []);
      expect(asked).toEqual(granted ? [] : [pictureOrigins(state.article!)]);
      // The pictures came through the proxy, the only source that works.
      // Pictures only: Firefox's own services (remote settings) go through the same proxy.
      const ok = ext.web.since(mark).filter((e) => e.ok && e.kind === 'image');
      expect(ok.length).toBeGreaterThan(20);
      for (const e of ok) expect(new URL(e.url).host).toBe(PROXY_HOST);
      expect(status).toMatch(/: (\d+) of \1 pictures inside$/);

      // Only the file's own requests from here on (there should be none).
      await page.close().catch(() => undefined);
      const file = path.join(outDir, 'saved.html');
      writeFileSync(file, html);
      const viewer = await ext.browser.newPage();
      try {
        const before = ext.web.log.length;
        await viewer.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        const pictures = await viewer.evaluate(async () => {
          await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined)));
          return Array.from(document.images).map((img) => ({ data: img.src.startsWith('data:image/'), width: img.naturalWidth }));
        });
        expect(pictures.length).toBeGreaterThan(20);
        for (const p of pictures) expect(p).toEqual({ data: true, width: expect.any(Number) as number });
        expect(pictures.every((p) => p.width > 0)).toBe(true);
        expect(ext.web.since(before).filter((e) => e.kind !== 'other' || !/mozilla\.(com|net)$/.test(new URL(e.url).hostname))).toEqual([]);
      } finally {
        await viewer.close();
      }
    } finally {
      await savePage.close().catch(() => undefined);
      await page.close().catch(() => undefined);
    }
  }, 180_000);
});
