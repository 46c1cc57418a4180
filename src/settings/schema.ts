// The layout of our storage.sync items, its version, and the migrations from older layouts. Pure: items
// in, items out, so every step is unit-tested without a browser, and the same code runs in memory on
// every read (a content script may read before the background has migrated) and for real from the
// background on install and update.
//
// Layout, version 2:
//   schemaVersion          2
//   autoClean              boolean: clean article pages automatically
//   autoCleanSites.0 … .15 per-site overrides (hostname → boolean), each host in the shard its name hashes to
//   readerPrefs            the reader's small preferences (reader-values.ts)
//   readerCustomCss        the user's CSS, a string of at most CUSTOM_CSS_MAX_BYTES
// Version 1 (no schemaVersion item) kept every site in one `autoCleanSites` item, which storage.sync
// refuses past 8,192 bytes: about 120 hosts.
//
// Unknown top-level keys are ignored and left in place: storage.sync is shared with other devices, and a
// newer version there may have written them; deleting them would lose that version's settings. Unknown
// fields inside our own items are dropped (the item is rewritten from its validated values).
import { normalizeHost } from '../options/hosts';
import { CUSTOM_CSS_MAX_BYTES, READER_KEYS, customCssBytes, normalizeReaderSettings } from './reader-values';
import { storedObject } from './stored-object';

export type StoredItems = Record<string, unknown>;

export const SCHEMA_VERSION = 2;
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

/** Every key this version reads or writes; changes to others do not concern our listeners. */
export function isOurKey(key: string): boolean {
  return (
    key === VERSION_KEY ||
    key === AUTO_CLEAN_KEY ||
    key === LEGACY_SITES_KEY ||
    SITE_SHARD_KEYS.includes(key) ||
    key === READER_KEYS.prefs ||
    key === READER_KEYS.css
  );
}

/** FNV-1a, 32 bits: stable across versions and engines, and spreads host names evenly. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The storage key of the shard that holds `host`. */
export function siteShardKey(host: string): string {
  return SITE_SHARD_KEYS[fnv1a(host) % SITE_SHARDS]!;
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

/** The version `items` were written by: 1 when there is no valid version item (no version before 2 wrote one). */
export function storedVersion(items: StoredItems): number {
  const v = items[VERSION_KEY];
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

/** A copy with `changes` applied: `undefined` removes a key. */
function withItems(items: StoredItems, changes: StoredItems): StoredItems {
  const out = { ...items };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Sites in a version-1 item, merged under those already in the shards (a shard entry is the newer one). */
function moveLegacySites(items: StoredItems): StoredItems {
  if (!(LEGACY_SITES_KEY in items)) return items;
  const sites = { ...validSites(items[LEGACY_SITES_KEY]), ...sitesFromItems(items) };
  return withItems(items, { ...siteItems(sites), [LEGACY_SITES_KEY]: undefined });
}

/**
 * Migrations keyed by the version they produce: `MIGRATIONS[n]` turns version n-1 items into version n
 * items. Each is a pure function of the whole area's items.
 */
export const MIGRATIONS: Readonly<Record<number, (items: StoredItems) => StoredItems>> = {
  // 1 → 2: the one site item, too small for a long list, becomes 16 shards.
  2: moveLegacySites,
};

/**
 * Our items made valid for the current layout: each invalid value replaced by nothing (its default on
 * read), unknown fields inside our items dropped, other keys untouched.
 */
export function cleanItems(items: StoredItems): StoredItems {
  // A version-1 device on the same account may still write the old item after we migrated.
  let out = moveLegacySites(items);
  const changes: StoredItems = {};
  if (AUTO_CLEAN_KEY in out && typeof out[AUTO_CLEAN_KEY] !== 'boolean') changes[AUTO_CLEAN_KEY] = undefined;
  // Re-sharded from the valid entries: junk dropped, a host in the wrong shard moved to its own.
  Object.assign(changes, siteItems(sitesFromItems(out)));
  if (READER_KEYS.prefs in out) {
    const prefs = storedObject(out[READER_KEYS.prefs]);
    if (prefs) {
      const { customCss: _css, ...valid } = normalizeReaderSettings(prefs);
      changes[READER_KEYS.prefs] = valid;
    } else changes[READER_KEYS.prefs] = undefined;
  }
  const css = out[READER_KEYS.css];
  if (READER_KEYS.css in out && (typeof css !== 'string' || customCssBytes(css) > CUSTOM_CSS_MAX_BYTES)) changes[READER_KEYS.css] = undefined;
  out = withItems(out, changes);
  out[VERSION_KEY] = SCHEMA_VERSION;
  return out;
}

export interface Migration {
  from: number;
  to: number;
  items: StoredItems;
}

/**
 * `items` (the whole area) brought to SCHEMA_VERSION and cleaned. Running it on its own output changes
 * nothing. Items from a newer version are returned as they are: this build cannot know that layout, so
 * it neither rewrites nor deletes it, and reads only what it understands.
 */
export function migrateItems(items: StoredItems): Migration {
  const from = storedVersion(items);
  if (from > SCHEMA_VERSION) return { from, to: from, items };
  let out = items;
  for (let v = from + 1; v <= SCHEMA_VERSION; v++) out = MIGRATIONS[v]!(out);
  return { from, to: SCHEMA_VERSION, items: cleanItems(out) };
}

/** The writes that turn `before` into `after`: items to set (changed or new) and keys to remove. */
export function diffItems(before: StoredItems, after: StoredItems): { set: StoredItems; remove: string[] } {
  const set: StoredItems = {};
  for (const [k, v] of Object.entries(after)) {
    if (v !== undefined && JSON.stringify(v) !== JSON.stringify(before[k])) set[k] = v;
  }
  const remove = Object.keys(before).filter((k) => before[k] !== undefined && after[k] === undefined);
  return { set, remove };
}
