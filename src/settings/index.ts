// User settings in storage.sync: auto-clean on/off for every site, plus per-site overrides. The always-
// injected content script reads them before deciding to load the cleaner. The layout (the site list is
// sharded over 16 items) and its migrations are in schema.ts; every write goes through the sync store,
// which checks it against storage.sync's quotas.
import browser from 'webextension-polyfill';
import { AUTO_CLEAN_KEY, DEFAULT_SETTINGS, isOurKey, settingsFromItems, siteItems, siteShardKey, sitesFromItems, type Settings } from './schema';
import { settingsStore } from './sync';

export type { Settings } from './schema';
export { DEFAULT_SETTINGS } from './schema';

/** Whether pages on `host` are cleaned automatically: the site's override, else the global switch. */
export function autoCleanFor(settings: Settings, host: string): boolean {
  return Object.prototype.hasOwnProperty.call(settings.sites, host) ? settings.sites[host]! : settings.autoClean;
}

export async function loadSettings(): Promise<Settings> {
  try {
    return settingsFromItems(await settingsStore.read());
  } catch {
    // storage.sync can be unavailable (Firefox without a profile sync area in some test setups): defaults.
    return { ...DEFAULT_SETTINGS, sites: {} };
  }
}

export async function setGlobalAutoClean(on: boolean): Promise<void> {
  await settingsStore.update((items) => {
    items[AUTO_CLEAN_KEY] = on;
  });
}

/** Set the override for one host; `null` removes it so the site follows the global switch again. One shard is rewritten. */
export async function setSiteAutoClean(host: string, on: boolean | null): Promise<void> {
  await settingsStore.update((items) => {
    const key = siteShardKey(host);
    const shard = { ...sitesFromItems({ [key]: items[key] }) };
    if (on === null) delete shard[host];
    else shard[host] = on;
    if (Object.keys(shard).length) items[key] = shard;
    else delete items[key];
  });
}

/** Replace the whole site list in one write (import, tests): every shard, or a QuotaError and nothing written. */
export async function setSites(sites: Record<string, boolean>): Promise<void> {
  await settingsStore.update((items) => {
    for (const [key, shard] of Object.entries(siteItems(sites))) {
      if (shard === undefined) delete items[key];
      else items[key] = shard;
    }
  });
}

/** Call `listener` with the new settings whenever they change, until `signal` aborts. */
export function onSettingsChanged(listener: (settings: Settings) => void, signal: AbortSignal): void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || !Object.keys(changes).some(isOurKey)) return;
    void loadSettings().then((s) => {
      if (!signal.aborted) listener(s);
    });
  };
  browser.storage.onChanged.addListener(handler);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(handler), { once: true });
}
