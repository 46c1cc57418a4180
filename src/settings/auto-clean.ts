// Writing the auto-clean settings (popup, options page, import), through the sync store: serialized,
// checked against storage.sync's quotas (a QuotaError, nothing written, when a change would not fit),
// rate-limited. Reading them is in index.ts.
import { AUTO_CLEAN_KEY, siteItems, siteShardKey, sitesFromItems, type StoredItems } from './sites-layout';
import { settingsStore } from './sync';

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

/** `sites` as the whole site list in `items` (in place): every shard set or removed. */
export function writeSites(items: StoredItems, sites: Record<string, boolean>): void {
  for (const [key, shard] of Object.entries(siteItems(sites))) {
    if (shard === undefined) delete items[key];
    else items[key] = shard;
  }
}

/** Replace the whole site list in one write (import, tests): every shard, or a QuotaError and nothing written. */
export async function setSites(sites: Record<string, boolean>): Promise<void> {
  await settingsStore.update((items) => writeSites(items, sites));
}
