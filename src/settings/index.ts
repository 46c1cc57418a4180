// User settings in storage.sync: auto-clean on/off for every site, plus per-site overrides. The always-
// injected content script reads them before deciding to load the cleaner, so this module stays small: it
// reads through sites-layout.ts alone (old single-item site lists included). Writes are in auto-clean.ts,
// through the sync store, which checks them against storage.sync's quotas.
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, isAutoCleanKey, moveLegacySites, settingsFromItems, type Settings } from './sites-layout';

export type { Settings } from './sites-layout';
export { DEFAULT_SETTINGS } from './sites-layout';

/** Whether pages on `host` are cleaned automatically: the site's override, else the global switch. */
export function autoCleanFor(settings: Settings, host: string): boolean {
  return Object.prototype.hasOwnProperty.call(settings.sites, host) ? settings.sites[host]! : settings.autoClean;
}

export async function loadSettings(): Promise<Settings> {
  try {
    // Every item: the site shards, and a version-1 item the background has not migrated yet.
    return settingsFromItems(moveLegacySites(await browser.storage.sync.get(null)));
  } catch {
    // storage.sync can be unavailable (Firefox without a profile sync area in some test setups): defaults.
    return { ...DEFAULT_SETTINGS, sites: {} };
  }
}

/** Call `listener` with the new settings whenever they change, until `signal` aborts. */
export function onSettingsChanged(listener: (settings: Settings) => void, signal: AbortSignal): void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || !Object.keys(changes).some(isAutoCleanKey)) return;
    void loadSettings().then((s) => {
      if (!signal.aborted) listener(s);
    });
  };
  browser.storage.onChanged.addListener(handler);
  signal.addEventListener(
    'abort',
    () => {
      try {
        browser.storage.onChanged.removeListener(handler);
      } catch {
        // The extension context is gone, and the listener with it.
      }
    },
    { once: true },
  );
}
