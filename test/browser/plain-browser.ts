// The same browsers WITHOUT the extension, on the same pretend Internet: what a page does on its own, to
// compare with what it does once the extension is there (the XSS beacon test's "page alone").
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, launchFirefox, type BrowserKind } from '../../scripts/lib/browsers.mjs';
import { FakeWeb, interceptPage, startProxy } from './fake-web';

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
    const web = new FakeWeb();
    if (kind === 'chromium') {
      const { browser, close } = await launchChromium();
      return new PlainBrowser(kind, browser, web, close);
    }
    const proxy = await startProxy(web);
    try {
      const { browser, close } = await launchFirefox({ proxyPort: proxy.port });
      return new PlainBrowser(kind, browser, web, async () => {
        await close();
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
