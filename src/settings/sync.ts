// This page's settings store over browser.storage.sync. The area is looked up on every call, not
// once: tests swap the `browser` stub between cases.
import browser from 'webextension-polyfill';
import { SyncStore } from './sync-store';

export const settingsStore = new SyncStore({
  get: (keys) => browser.storage.sync.get(keys),
  set: (items) => browser.storage.sync.set(items),
  remove: (keys) => browser.storage.sync.remove(keys),
});

/** Brings the stored settings to the current schema (install, update); writes nothing when they already are. */
export async function migrateStoredSettings(): Promise<void> {
  // An empty change: the store migrates and cleans what it read, and writes only what differs.
  await settingsStore.update(() => undefined);
}
