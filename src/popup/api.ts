// Everything the popup needs from the browser, behind one interface: the real one talks to the
// tab and storage; tests and the local preview pass a fake.
import browser from 'webextension-polyfill';
import { autoCleanFor, loadSettings } from '../settings';
import { setGlobalAutoClean, setSiteAutoClean } from '../settings/auto-clean';
import { loadReaderSettings, saveReaderSettings, type ReaderSettings } from '../settings/reader-settings';
import { loadSiteProfiles, updateSiteProfile, type ProfileLook, type SiteProfile } from '../settings/site-profiles';
import type { PageState, Request, Response } from '../shared/messages';
import { copyToClipboard, type CopyMethod, type CopyPayload } from '../ui/clipboard';
import { extensionFetch, hasPictureHosts, requestPictureHosts } from '../save/permission';
import type { FetchLike } from '../save/fetch-pictures';
import type { SavedBytes, SavedFile } from '../ui/save';
import type { Highlight } from '../core/highlights';
import { HighlightStore } from '../reader/highlight-store';
import { takeFirstAsk, targetTab, type FirstAsk } from './first-ask';

export interface PopupApi {
  /** The tab to act on: `?tab=<id>` when given (tests), else the active tab of this window. */
  targetTab(): Promise<number>;
  /** Rejects when no content script answers (browser pages, stores, a tab opened before install). */
  send<R extends Request>(tabId: number, request: R): Promise<Response<R>>;
  setSiteAutoClean(host: string, on: boolean): Promise<void>;
  setGlobalAutoClean(on: boolean): Promise<void>;
  /** The stored switches as they now apply to `host` (a global change moves sites without an override). */
  loadAutoClean(host: string | null): Promise<{ global: boolean; site: boolean }>;
  copy(payload: CopyPayload): Promise<CopyMethod>;
  loadReaderSettings(): Promise<ReaderSettings>;
  /** Stores a change; open readers in every tab follow it (storage.onChanged). */
  saveReaderSettings(partial: Partial<ReaderSettings>): Promise<ReaderSettings>;
  /** `host`'s profile (src/settings/site-profiles.ts), or null: where the reader keeps a look of its own. */
  loadSiteProfile(host: string): Promise<SiteProfile | null>;
  /** Stores `look` over the look `host` keeps; resolves with the profile as stored (null: it has none any more). */
  saveSiteLook(host: string, look: Partial<ProfileLook>): Promise<SiteProfile | null>;
  /** Offers a file for download (Blob + `<a download>`, no downloads permission). */
  download(file: SavedFile): void | Promise<void>;
  /** Saving with pictures (src/save/): asking for the pictures' hosts on the click, fetching, a file of bytes.
   *  Absent in the local preview and in tests that do not save pictures: such a save keeps links only. */
  pictures?: {
    /** Called synchronously in the click's handler (the permission prompt needs the user's gesture). */
    request(origins: string[]): Promise<boolean>;
    /** Already granted (no prompt needed). */
    has(origins: string[]): Promise<boolean>;
    /** `?save=html|zip`: the page was opened by the reader's "save with pictures" (src/background/handlers.ts). */
    pending: 'html' | 'zip' | null;
    /** Firefox only: the save goes to this page opened in a tab (`?save=`), as the reader's does. Firefox shows the
     *  permission prompt under the toolbar popup, which then hides it; a tab shows it in full. */
    openInTab?(tabId: number, kind: 'html' | 'zip'): Promise<void>;
    fetch: FetchLike;
    download(file: SavedFile | SavedBytes): void | Promise<void>;
  };
  /** The reader's highlights of the article with this key (PageState.key): copy and save carry them. */
  highlights?(key: string): Promise<Highlight[]>;
  openOptions(): Promise<void>;
  /** Reloads the tab (no permission needed): a page opened before the extension was installed or updated gets
   *  the content script that way. */
  reloadTab(tabId: number): Promise<void>;
}

export type { PageState };
export { tabFromQuery } from './first-ask';

/** `?save=html|zip` of the popup's own URL, or null. */
export function saveFromQuery(search: string): 'html' | 'zip' | null {
  const raw = new URLSearchParams(search).get('save');
  return raw === 'html' || raw === 'zip' ? raw : null;
}

/** `first`: the state asked for as the page loaded (first-ask.ts), given to the popup's first `pnr:get-state`. */
/** The save module (Markdown, DOMPurify) loads when a file is saved, not with the popup. */
async function downloadFile(file: SavedFile | SavedBytes): Promise<void> {
  (await import('../ui/save')).downloadFile(file);
}

export function createBrowserApi(first: FirstAsk | null = takeFirstAsk()): PopupApi {
  return {
    targetTab: () => first?.tab ?? targetTab(browser, location.search),
    send<R extends Request>(tabId: number, request: R) {
      const asked = request.type === 'pnr:get-state' ? first?.stateFor(tabId) : null;
      if (asked) return asked as Promise<Response<R>>;
      // Our content script's answer, typed by the message contract in shared/messages.ts.
      return browser.tabs.sendMessage<R, Response<R>>(tabId, request);
    },
    setSiteAutoClean: (host, on) => setSiteAutoClean(host, on),
    setGlobalAutoClean: (on) => setGlobalAutoClean(on),
    async loadAutoClean(host) {
      const settings = await loadSettings();
      return { global: settings.autoClean, site: host ? autoCleanFor(settings, host) : settings.autoClean };
    },
    copy: (payload) => copyToClipboard(payload),
    loadReaderSettings,
    saveReaderSettings,
    loadSiteProfile: async (host) => (await loadSiteProfiles())[host] ?? null,
    // Only a look that is kept is changed: one forgotten meanwhile (in the reader, the options) stays forgotten.
    saveSiteLook: (host, look) => updateSiteProfile(host, (p) => (p?.look ? { ...p, look: { ...p.look, ...look } } : p)),
    download: (file) => downloadFile(file),
    pictures: {
      request: requestPictureHosts,
      has: hasPictureHosts,
      pending: saveFromQuery(location.search),
      // runtime.getBrowserInfo exists in Firefox only.
      openInTab:
        typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function'
          ? async (tabId, kind) => {
              await browser.tabs.create({ url: browser.runtime.getURL(`src/popup/index.html?tab=${tabId}&save=${kind}`) });
              window.close();
            }
          : undefined,
      fetch: extensionFetch,
      download: (file) => downloadFile(file),
    },
    highlights: (key) => new HighlightStore(browser.storage.local).get(key),
    openOptions: () => browser.runtime.openOptionsPage(),
    reloadTab: (tabId) => browser.tabs.reload(tabId),
  };
}
