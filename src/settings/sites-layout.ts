// The auto-clean settings' part of the storage layout (schema.ts has the whole of it): the keys, the
// site shards, and reading them, old single-item data included. Kept apart and small: the always-
// injected content script reads the settings through this alone.
import { normalizeHost } from '../options/hosts';
import { storedObject } from './stored-object';

export type StoredItems = Record<string, unknown>;

export const VERSION_KEY = 'schemaVersion';
export const AUTO_CLEAN_KEY = 'autoClean';
/** Version 1's single site item; also the prefix of version 2's shards. */
export const LEGACY_SITES_KEY = 'autoCleanSites';
/**
 * 16 shards: 500 hosts of 60 characters (~35 KB) average ~2.2 KB a shard, far under 8,192 bytes, and
 * one site's change rewrites one small item. Never change the count or the hash without a migration:
 * a host is looked for in the shard its name hashes to when written.
 */
export const SITE_SHARDS = 16;
export const SITE_SHARD_KEYS: readonly string[] = Array.from({ length: SITE_SHARDS }, (_, i) => `${LEGACY_SITES_KEY}.${i}`);

export interface Settings {
  /** Clean article pages as soon as they load, unless a site says otherwise. */
  autoClean: boolean;
  /** Per-host overrides of `autoClean` (hostname → on/off). */
  sites: Record<string, boolean>;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ autoClean: true, sites: Object.freeze({}) as Record<string, boolean> });

/** The keys the auto-clean settings live in (the content script listens to these only). */
export function isAutoCleanKey(key: string): boolean {
  return key === VERSION_KEY || key === AUTO_CLEAN_KEY || key === LEGACY_SITES_KEY || SITE_SHARD_KEYS.includes(key);
}

/** FNV-1a, 32 bits: stable across versions and engines, and spreads host names evenly (site profiles shard by it too). */
export function hostHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The storage key of the shard that holds `host`. */
export function siteShardKey(host: string): string {
  return SITE_SHARD_KEYS[hostHash(host) % SITE_SHARDS]!;
}

/** The valid host → boolean entries of a stored site map (a hand-edited host is normalized or dropped). */
function validSites(value: unknown): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  const map = storedObject(value);
  if (!map) return out;
  for (const [raw, on] of Object.entries(map)) {
    const host = normalizeHost(raw);
    if (host && typeof on === 'boolean') out[host] = on;
  }
  return out;
}

/** Every site override in the shards (whichever shard holds it). */
export function sitesFromItems(items: StoredItems): Record<string, boolean> {
  const sites: Record<string, boolean> = {};
  for (const key of SITE_SHARD_KEYS) Object.assign(sites, validSites(items[key]));
  return sites;
}

/** `sites` as shard items: every shard key, `undefined` for an empty shard (removed from storage). */
export function siteItems(sites: Record<string, boolean>): StoredItems {
  const shards: Record<string, Record<string, boolean>> = {};
  for (const host of Object.keys(sites).sort()) {
    const key = siteShardKey(host);
    (shards[key] ??= {})[host] = sites[host]!;
  }
  return Object.fromEntries(SITE_SHARD_KEYS.map((key) => [key, shards[key]]));
}

/** The auto-clean settings in `items` (a current-layout storage area), defaults where invalid. */
export function settingsFromItems(items: StoredItems): Settings {
  const autoClean = items[AUTO_CLEAN_KEY];
  return { autoClean: typeof autoClean === 'boolean' ? autoClean : DEFAULT_SETTINGS.autoClean, sites: sitesFromItems(items) };
}

/** A copy with `changes` applied: `undefined` removes a key. */
export function withItems(items: StoredItems, changes: StoredItems): StoredItems {
  const out = { ...items };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Sites in a version-1 item, merged under those already in the shards (a shard entry is the newer one). */
export function moveLegacySites(items: StoredItems): StoredItems {
  if (!(LEGACY_SITES_KEY in items)) return items;
  const sites = { ...validSites(items[LEGACY_SITES_KEY]), ...sitesFromItems(items) };
  return withItems(items, { ...siteItems(sites), [LEGACY_SITES_KEY]: undefined });
}
