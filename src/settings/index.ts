// User settings in storage.sync: auto-clean on/off for every site, plus per-site overrides.
// Kept tiny: the always-injected content script reads it before deciding to load the cleaner.
import browser from 'webextension-polyfill';

export interface Settings {
  /** Clean article pages as soon as they load, unless a site says otherwise. */
  autoClean: boolean;
  /** Per-host overrides of `autoClean` (hostname → on/off). */
  sites: Record<string, boolean>;
}

export const DEFAULT_SETTINGS: Settings = { autoClean: true, sites: {} };

const KEYS = { autoClean: 'autoClean', sites: 'autoCleanSites' } as const;

/** Whatever storage holds, made into valid settings (missing or malformed values fall back to defaults). */
export function normalizeSettings(raw: Record<string, unknown>): Settings {
  const autoClean = typeof raw[KEYS.autoClean] === 'boolean' ? (raw[KEYS.autoClean] as boolean) : DEFAULT_SETTINGS.autoClean;
  const sites: Record<string, boolean> = {};
  const stored = raw[KEYS.sites];
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
    for (const [host, on] of Object.entries(stored as Record<string, unknown>)) {
      if (typeof on === 'boolean') sites[host] = on;
    }
  }
  return { autoClean, sites };
}

/** Whether pages on `host` are cleaned automatically: the site's override, else the global switch. */
export function autoCleanFor(settings: Settings, host: string): boolean {
  return Object.prototype.hasOwnProperty.call(settings.sites, host) ? settings.sites[host]! : settings.autoClean;
}

export async function loadSettings(): Promise<Settings> {
  try {
    return normalizeSettings(await browser.storage.sync.get([KEYS.autoClean, KEYS.sites]));
  } catch {
    // storage.sync can be unavailable (Firefox without a profile sync area in some test setups): defaults.
    return { ...DEFAULT_SETTINGS, sites: {} };
  }
}

export async function setGlobalAutoClean(on: boolean): Promise<void> {
  await browser.storage.sync.set({ [KEYS.autoClean]: on });
}

/** Set the override for one host; `null` removes it so the site follows the global switch again. */
export async function setSiteAutoClean(host: string, on: boolean | null): Promise<void> {
  const { sites } = await loadSettings();
  if (on === null) delete sites[host];
  else sites[host] = on;
  await browser.storage.sync.set({ [KEYS.sites]: sites });
}

/** Call `listener` with the new settings whenever they change, until `signal` aborts. */
export function onSettingsChanged(listener: (settings: Settings) => void, signal: AbortSignal): void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || !(KEYS.autoClean in changes || KEYS.sites in changes)) return;
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
