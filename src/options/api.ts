// Everything the options page needs from the browser, behind one interface (tests pass the real
// one over a fake `browser`, or a fake of this).
import browser from 'webextension-polyfill';
import { loadSettings, type Settings } from '../settings';
import { setGlobalAutoClean, setSiteAutoClean } from '../settings/auto-clean';
import { loadAllSettings, saveAllSettings } from '../settings/all-settings';
import { loadReaderSettings, saveReaderSettings, type ReaderSettings } from '../settings/reader-settings';
import { isOurKey } from '../settings/schema';
import { loadSiteProfiles, saveSiteProfile, type SiteProfile, type SiteProfiles } from '../settings/site-profiles';
import type { AllSettings } from '../settings/transfer';
import { HighlightStore } from '../reader/highlight-store';
import { commandsOf } from '../shared/optional-apis';
import { downloadFile, type SavedFile } from '../ui/save';

export type BrowserKind = 'chrome' | 'firefox';

export interface OptionsApi {
  loadSettings(): Promise<Settings>;
  setGlobalAutoClean(on: boolean): Promise<void>;
  /** `null` removes the site's override. */
  setSiteAutoClean(host: string, on: boolean | null): Promise<void>;
  loadReaderSettings(): Promise<ReaderSettings>;
  saveReaderSettings(partial: Partial<ReaderSettings>): Promise<ReaderSettings>;
  loadSiteProfiles(): Promise<SiteProfiles>;
  /** `null` forgets the host's profile; a new one past MAX_SITE_PROFILES is refused with a ProfileLimitError. */
  saveSiteProfile(host: string, profile: SiteProfile | null): Promise<void>;
  /** Every setting, for the export file. */
  loadAllSettings(): Promise<AllSettings>;
  /** Replaces every setting (an imported file, already validated): all written, or nothing and an error. */
  saveAllSettings(all: AllSettings): Promise<void>;
  /** The reader's highlights in storage.local (export/import); absent in fakes that do not test them. */
  highlights?: HighlightStore;
  /** Offers a file for download (Blob URL + `<a download>`). */
  download(file: SavedFile): void;
  /** Calls `listener` when any of our settings change elsewhere (popup, reader, another device). */
  onChanged(listener: () => void): () => void;
  /** False where the browser has no keyboard shortcuts (Firefox for Android): nothing about them is shown. */
  hasShortcuts(): boolean;
  /** The reader shortcut as the browser shows it, or null when none is set. */
  readerShortcut(): Promise<string | null>;
  browserKind(): Promise<BrowserKind>;
  /** Opens the browser's own shortcut settings. */
  openShortcutSettings(): Promise<void>;
}

/** Where each browser lets users change extension shortcuts. */
export const SHORTCUT_PAGES: Record<BrowserKind, string> = {
  chrome: 'chrome://extensions/shortcuts',
  firefox: 'about:addons',
};

export function createBrowserOptionsApi(): OptionsApi {
  // Only Firefox has runtime.getBrowserInfo; the polyfill does not add it to Chrome.
  const kind = (): BrowserKind =>
    typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function' ? 'firefox' : 'chrome';
  return {
    loadSettings,
    setGlobalAutoClean,
    setSiteAutoClean,
    loadReaderSettings,
    saveReaderSettings,
    loadSiteProfiles,
    saveSiteProfile,
    loadAllSettings,
    saveAllSettings,
    highlights: new HighlightStore(browser.storage.local),
    download: (file) => downloadFile(file),
    onChanged(listener) {
      const handler = (changes: Record<string, unknown>, area: string) => {
        if (area === 'sync' && Object.keys(changes).some(isOurKey)) listener();
      };
      browser.storage.onChanged.addListener(handler);
      return () => browser.storage.onChanged.removeListener(handler);
    },
    hasShortcuts: () => commandsOf(browser) !== null,
    async readerShortcut() {
      const api = commandsOf(browser);
      if (!api) return null;
      try {
        const commands = await api.getAll();
        const shortcut = commands.find((c) => c.name === 'toggle-reader')?.shortcut;
        return shortcut ? shortcut : null;
      } catch {
        return null;
      }
    },
    browserKind: () => Promise.resolve(kind()),
    async openShortcutSettings() {
      if (kind() === 'firefox') {
        // Firefox 137+: opens about:addons at "Manage Extension Shortcuts" (extensions cannot open about: pages).
        const open = (commandsOf(browser) as { openShortcutSettings?: () => Promise<void> } | null)?.openShortcutSettings;
        if (typeof open !== 'function') throw new Error('commands.openShortcutSettings is not available');
        await open();
      } else {
        await browser.tabs.create({ url: SHORTCUT_PAGES.chrome });
      }
    },
  };
}
