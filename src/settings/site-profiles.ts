// Site profiles in storage.sync: read, written through the sync store (quotas checked, a QuotaError or a
// ProfileLimitError and nothing written when a change does not fit), followed. The values and the resolver are
// in profile-values.ts. Loaded with the reader (and by the content script only when an article was cleaned).
import browser from 'webextension-polyfill';
import { isProfileKey, profileItems, profilesFromItems, withProfile, type SiteProfile, type SiteProfiles } from './profile-values';
import { settingsStore } from './sync';

export * from './profile-values';

export async function loadSiteProfiles(): Promise<SiteProfiles> {
  try {
    return profilesFromItems(await settingsStore.read());
  } catch {
    // No sync area (some test profiles): no profiles, as for the other settings.
    return {};
  }
}

/** `profiles` as the whole profile list in `items` (in place): every shard set or removed. */
export function writeProfiles(items: Record<string, unknown>, profiles: SiteProfiles): void {
  for (const [key, shard] of Object.entries(profileItems(profiles))) {
    if (shard === undefined) delete items[key];
    else items[key] = shard;
  }
}

/**
 * Sets `host`'s profile (null, or an empty one, forgets it). Rejects with a ProfileLimitError for a new host past
 * MAX_SITE_PROFILES and a QuotaError when storage.sync could not hold it; nothing is written then.
 */
export async function saveSiteProfile(host: string, profile: SiteProfile | null): Promise<void> {
  await settingsStore.update((items) => writeProfiles(items, withProfile(profilesFromItems(items), host, profile)));
}

/** `change` applied to `host`'s profile as stored now (a missing one starts empty); resolves to the result. */
export async function updateSiteProfile(host: string, change: (p: SiteProfile | null) => SiteProfile | null): Promise<SiteProfile | null> {
  return settingsStore.update((items) => {
    const all = profilesFromItems(items);
    const next = change(all[host] ?? null);
    writeProfiles(items, withProfile(all, host, next));
    return next;
  });
}

/** Calls `listener` with every profile whenever one changes (any tab, the options page, another device). */
export function onSiteProfilesChanged(listener: (profiles: SiteProfiles) => void): () => void {
  let live = true;
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || !Object.keys(changes).some(isProfileKey)) return;
    void loadSiteProfiles().then((p) => {
      if (live) listener(p);
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
