// Reader preferences in storage.sync: appearance, CJK typography, images, the default copy format and
// the user's own CSS. The values and their validation are in reader-values.ts; reads and writes go
// through the sync store (sync-store.ts), which keeps every write inside storage.sync's quotas and
// merges rapid changes (−/+ clicks) into fewer writes.
import browser from 'webextension-polyfill';
import {
  CUSTOM_CSS_MAX_BYTES,
  DEFAULT_READER_SETTINGS,
  READER_KEYS,
  customCssBytes,
  normalizeReaderSettings,
  readerSettingsFromStorage,
  type ReaderSettings,
} from './reader-values';
import { settingsStore } from './sync';

export * from './reader-values';

export async function loadReaderSettings(): Promise<ReaderSettings> {
  try {
    return readerSettingsFromStorage(await settingsStore.read());
  } catch {
    // No sync area (some test profiles): defaults, as for the auto-clean settings.
    return { ...DEFAULT_READER_SETTINGS };
  }
}

/**
 * Merge `partial` into the stored settings (validated) and write them; resolves to the result once
 * stored. Throws when the custom CSS is over `CUSTOM_CSS_MAX_BYTES`, rather than storing something
 * else, and a QuotaError when storage.sync could not hold the result (nothing is written then).
 */
export function saveReaderSettings(partial: Partial<ReaderSettings>): Promise<ReaderSettings> {
  if (typeof partial.customCss === 'string' && customCssBytes(partial.customCss) > CUSTOM_CSS_MAX_BYTES) {
    return Promise.reject(new RangeError(`custom CSS is over ${CUSTOM_CSS_MAX_BYTES} bytes`));
  }
  return settingsStore.update((items) => writeReaderSettings(items, partial));
}

/** `partial` merged into the reader items of `items` (in place); returns the resulting settings. */
export function writeReaderSettings(items: Record<string, unknown>, partial: Partial<ReaderSettings>): ReaderSettings {
  const next = normalizeReaderSettings(partial, readerSettingsFromStorage(items));
  const { customCss, ...prefs } = next;
  // Only the items the change is about: an untouched item stays absent (its defaults) or as it was.
  if (Object.keys(partial).some((k) => k !== 'customCss')) items[READER_KEYS.prefs] = prefs;
  if ('customCss' in partial) {
    if (customCss) items[READER_KEYS.css] = customCss;
    else delete items[READER_KEYS.css];
  }
  return next;
}

/**
 * Calls `listener` with the new settings whenever either item changes in storage.sync (from any
 * tab, the popup, the options page or another device). Returns the function that unsubscribes.
 */
export function onReaderSettingsChanged(listener: (settings: ReaderSettings) => void): () => void {
  let live = true;
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || !(READER_KEYS.prefs in changes || READER_KEYS.css in changes)) return;
    void loadReaderSettings().then((s) => {
      if (live) listener(s);
    });
  };
  browser.storage.onChanged.addListener(handler);
  return () => {
    live = false;
    try {
      browser.storage.onChanged.removeListener(handler);
    } catch {
      // The extension context is gone (updated or disabled under an open reader), and the listener with it.
    }
  };
}
