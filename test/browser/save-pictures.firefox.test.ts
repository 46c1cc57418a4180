// Save with pictures in Firefox (issue 12): the page the Firefox popup hands the save to (the popup page in a tab,
// `?save=html|zip`), a corpus article with 27 distinct proxied pictures. Downloads go to the harness's private
// folder (Firefox prefs: saved there without asking). Measured on Firefox ESR 153: the content script's match
// patterns (http://*/*, https://*/*) count as granted host permissions, so `permissions.contains` is true for every
// picture host and the page saves at once, with no prompt. A user can take that back (about:addons → Permissions):
// the last test revokes the hosts as such a user would, and the page must then ask, and on a refusal save links.
// A prompt, when one is needed, is answered by a stub in that page (headless Firefox shows none to answer).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pictureOrigins } from '../../src/save/pictures';
import type { PageState } from '../../src/shared/messages';
import { fixture } from './expectations';
import { ownTrafficProblems, type ExtensionRequest } from './extension-traffic';
import { PROXY_HOST } from './fake-web';
import { ExtensionBrowser, until } from './harness';
import type { Scenario } from './fake-web';

const NAME = 'pmcaff-largest-page';

/** `browser.permissions` inside the extension (these run there, serialized: no outer names). */
type Permissions = { contains(p: object): Promise<boolean>; remove(p: object): Promise<boolean> };
type WithPermissions = { browser: { permissions: Permissions } };

interface Saved {
  state: PageState;
  bytes: Buffer;
  status: string;
  /** The origins the page asked for (through the stub), one list per ask. */
  asked: string[][];
  granted: boolean;
  /** What the test web served, from the click on (the article's tab included). */
  web: Array<{ url: string; ok: boolean; kind: string }>;
  /** What extension contexts asked for, from the click on. */
  own: ExtensionRequest[];
}

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

  /** Opens the article under `scenario`, then the save page for it; a prompt, if shown, is answered `answer`. */
  async function save(scenario: Scenario, kind: 'html' | 'zip', answer: boolean, beforeSave?: () => Promise<void>): Promise<Saved> {
    const downloads = ext.downloads!;
    const page = await ext.open(ext.siteUrl(`/p/${NAME}.html`), scenario);
    const tab = await ext.tabIdOf(page);
    const state: PageState = await until('the article', async () => {
      const s = await ext.state(tab);
      return s.article ? s : undefined;
    });
    await beforeSave?.();
    const granted = await ext.inExtension(
      async (origins: string[]) => (globalThis as unknown as WithPermissions).browser.permissions.contains({ origins }),
      pictureOrigins(state.article!),
    );
    const savePage = await ext.browser.newPage();
    ext.traffic.followTab(savePage);
    const before = new Set(existsSync(downloads) ? readdirSync(downloads) : []);
    const mark = ext.web.log.length;
    const ownMark = ext.traffic.mark;
    savePage.goto(`${ext.origin}/src/popup/index.html?tab=${tab}&save=${kind}`).catch(() => undefined);
    try {
      if (!granted) {
        // Polled by hand, not `waitForSelector`: the page is still navigating from about:blank, and Firefox's BiDi
        // can answer a poll made across that change with a protocol error that puppeteer does not retry.
        const allow = await until('the allow button', () => savePage.$('[data-action=allow-save-pictures]'), 30_000);
        const stubbed = await savePage.evaluate((yes: boolean) => {
          const w = window as unknown as { __asked: string[][] };
          const perms = (globalThis as unknown as { browser: { permissions: object } }).browser.permissions;
          try {
            w.__asked = [];
            Object.defineProperty(perms, 'request', {
              configurable: true,
              value: (p: { origins?: string[] }) => {
                w.__asked.push(p.origins ?? []);
                return Promise.resolve(yes);
              },
            });
            return true;
          } catch {
            return false;
          }
        }, answer);
        expect(stubbed).toBe(true);
        await allow.click();
      }
      const ext_ = kind === 'html' ? '.html' : '.zip';
      const name = await until(
        'the saved file',
        async () => readdirSync(downloads).find((f) => !before.has(f) && f.endsWith(ext_) && !f.endsWith('.part')),
        60_000,
      );
      const status = await until('the status line', () =>
        savePage.evaluate(() => {
          const text = document.querySelector('[data-testid=status]')?.textContent ?? '';
          return /Saved/.test(text) ? text : undefined;
        }),
      );
      // The file is whole once the page says it was saved.
      const bytes = readFileSync(path.join(downloads, name));
      rmSync(path.join(downloads, name), { force: true });
      const asked = await savePage.evaluate(() => (window as unknown as { __asked?: string[][] }).__asked ?? []);
      return { state, bytes, status, asked, granted, web: ext.web.since(mark), own: ext.traffic.since(ownMark) };
    } finally {
      await savePage.close().catch(() => undefined);
      await page.close().catch(() => undefined);
    }
  }

  it('HTML with pictures, only the proxy works: the file alone shows every picture', async () => {
    const saved = await save('proxy-only', 'html', true);
    console.log(`[save-pictures firefox] hosts already granted: ${saved.granted}`);
    // Asked on the click when not granted; not at all when it was.
    expect(saved.asked).toEqual(saved.granted ? [] : [pictureOrigins(saved.state.article!)]);
    // The pictures came through the proxy, the only source that works. (Pictures only: Firefox's own services
    // go through the same proxy.)
    const ok = saved.web.filter((e) => e.ok && e.kind === 'image');
    expect(ok.length).toBeGreaterThan(20);
    for (const e of ok) expect(new URL(e.url).host).toBe(PROXY_HOST);
    expect(saved.status).toMatch(/: (\d+) of \1 pictures inside$/);

    // Opened alone: only the file's own requests from here on (there should be none).
    const file = path.join(outDir, 'saved.html');
    writeFileSync(file, saved.bytes);
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
  }, 180_000);

  it('Markdown zip, only the originals work: article.md and every picture, the links resolve', async () => {
    // The test web's `original` scenario: the originals answer, the proxy refuses.
    const saved = await save('original', 'zip', true);
    const entries = unzipSync(new Uint8Array(saved.bytes));
    const images = Object.keys(entries).filter((k) => k.startsWith('images/'));
    const md = strFromU8(entries['article.md']!);
    expect(md).toMatch(/^---\ntitle: /);
    const links = [...md.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(20);
    for (const link of links) expect(entries[link], link).toBeDefined();
    expect(new Set(links).size).toBe(images.length);
    // Every picture file is a picture: its bytes start as the type its name says.
    for (const image of images) expect(sniff(entries[image]!), image).toBe(path.extname(image).slice(1).replace('jpeg', 'jpg'));
    // Fetched from the originals (the proxy refuses in this scenario).
    const ok = saved.web.filter((e) => e.ok && e.kind === 'image');
    expect(ok.length).toBeGreaterThanOrEqual(images.length);
    for (const e of ok) expect(new URL(e.url).host).not.toBe(PROXY_HOST);
    expect(saved.status).toContain(`${images.length} of ${images.length} pictures`);
  }, 180_000);

  // Last: it takes the hosts away from the extension for the rest of this browser's life.
  it('hosts taken back by the user, then the prompt refused: links only, nothing fetched, and the page says so', async () => {
    // Taken back once the article is open (a page opened after it would get no content script at all).
    let removed = false;
    const saved = await save('original', 'html', false, async () => {
      removed = await ext.inExtension(async () =>
        (globalThis as unknown as WithPermissions).browser.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }),
      );
    });
    expect(removed).toBe(true);
    expect(saved.granted).toBe(false);
    expect(saved.asked).toEqual([pictureOrigins(saved.state.article!)]);
    expect(saved.status).toContain('links only');
    // Nothing fetched for the file: the extension asked for nothing but its own files and, as <img>, the pictures the
    // page shows in its preview (a fetch of the same address would be a `fetch`, and fail).
    // (Shown over https first, as the fallback chain asks: compared without the scheme.)
    const bare = (url: string | undefined) => url?.replace(/^https?:/, '');
    const shown = new Set([...saved.state.article!.images.map((i) => bare(i.url)), bare(saved.state.article!.cover?.url)]);
    expect(ownTrafficProblems(saved.own, { origin: ext.traffic.ownOrigins, articleMedia: (url) => shown.has(bare(url)) })).toEqual([]);
    expect(saved.own.filter((r) => r.type !== 'image' && !r.url.startsWith(ext.origin))).toEqual([]);
    const html = saved.bytes.toString('utf8');
    expect(html).not.toContain('data:image/');
    const links = Array.from(new JSDOM(html).window.document.querySelectorAll('a'), (a) => ({
      text: a.textContent ?? '',
      href: a.getAttribute('href'),
    }));
    expect(new Set(links.filter((l) => l.text.startsWith('🖼')).map((l) => l.href)).size).toBeGreaterThan(20);
  }, 180_000);
});

/** The picture type its first bytes say (png, jpg, gif, webp, svg), or `?`. */
function sniff(bytes: Uint8Array): string {
  const head = strFromU8(bytes.subarray(0, 16), true);
  if (head.startsWith('\x89PNG')) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (head.startsWith('GIF8')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (/^\s*<(\?xml|svg)/.test(head)) return 'svg';
  return '?';
}
