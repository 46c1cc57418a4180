import type { Browser, LaunchOptions, Page, Target } from 'puppeteer-core';

export type BrowserKind = 'chromium' | 'firefox';

export const ROOT: string;
export const EXECUTABLES: Record<BrowserKind, string>;
export const INSTALL_HINT: string;
/** Must match `GECKO_ID` in vite.config.ts. */
export const GECKO_ID: string;
export const CHROMIUM_ARGS: string[];

export function requireBrowser(kind: BrowserKind): string;
export function firefoxPrefs(port: number): Record<string, string | number | boolean>;
export function firefoxDownloadPrefs(dir: string): Record<string, string | number | boolean>;
export function buildExtension(kind: BrowserKind, outDir?: string): Promise<string>;
export function ensureBuilt(kind: BrowserKind, log?: (message: string) => void): Promise<string>;

export interface ChromiumOptions extends LaunchOptions {
  /** A built extension directory to load. */
  extension?: string;
  /** Every host name but 127.0.0.1 fails to resolve. */
  offline?: boolean;
}

export interface LaunchedChromium {
  browser: Browser;
  userDataDir: string;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

export interface ChromiumWithExtension extends LaunchedChromium {
  /** The extension's service worker target. */
  worker: Target;
  extensionId: string;
  /** chrome-extension://<id> */
  origin: string;
}

export function launchChromium(options: ChromiumOptions & { extension: string }): Promise<ChromiumWithExtension>;
export function launchChromium(options?: ChromiumOptions): Promise<LaunchedChromium>;

export interface FirefoxOptions extends LaunchOptions {
  extension?: string;
  /** The test web's proxy (test-web.mjs `startProxy`). */
  proxyPort?: number;
  /** Save downloads here without asking (`firefoxDownloadPrefs`). */
  downloadDir?: string;
}

export interface LaunchedFirefox {
  browser: Browser;
  close(): Promise<void>;
}

export function launchFirefox(options: FirefoxOptions & { extension: string }): Promise<LaunchedFirefox & { origin: string }>;
export function launchFirefox(options?: FirefoxOptions): Promise<LaunchedFirefox>;

/** Until every picture in view has loaded (in the shadow tree of `rootSelector` when given); 10 s at most. */
export function picturesSettled(page: Page, rootSelector?: string | null): Promise<void>;
