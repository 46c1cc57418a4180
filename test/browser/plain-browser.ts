// The same browsers WITHOUT the extension, on the same pretend Internet: what a page does on its own, to
// compare with what it does once the extension is there (the XSS beacon test's "page alone").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FakeWeb, interceptPage, startProxy, type ProxyServer } from './fake-web';
import { CHROMIUM_ARGS, firefoxPrefs, requireBrowser, type BrowserKind } from './harness';

export class PlainBrowser {
  private constructor(
    readonly kind: BrowserKind,
    readonly browser: Browser,
    readonly web: FakeWeb,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** Launch `kind` with the same switches as the harness, minus the extension (puppeteer's default
   * --disable-extensions stays in Chromium; nothing is installed in Firefox). */
  static async launch(kind: BrowserKind): Promise<PlainBrowser> {
    const exe = requireBrowser(kind);
    const web = new FakeWeb();
    if (kind === 'chromium') {
      const userDataDir = mkdtempSync(path.join(tmpdir(), 'pnr-plain-chromium-'));
      const browser = await puppeteer.launch({
        executablePath: exe,
        headless: true,
        userDataDir,
        args: CHROMIUM_ARGS,
      });
      return new PlainBrowser(kind, browser, web, async () => {
        await browser.close();
        rmSync(userDataDir, { recursive: true, force: true });
      });
    }
    const proxy: ProxyServer = await startProxy(web);
    try {
      const browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: exe,
        headless: true,
        acceptInsecureCerts: true,
        extraPrefsFirefox: firefoxPrefs(proxy.port),
      });
      return new PlainBrowser(kind, browser, web, async () => {
        await browser.close();
        await proxy.close();
      });
    } catch (error) {
      await proxy.close();
      throw error;
    }
  }

  /** A fresh tab whose requests go to the fake web. */
  async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    if (this.kind === 'chromium') await interceptPage(page, this.web);
    return page;
  }

  async close(): Promise<void> {
    await this.cleanup();
  }
}
