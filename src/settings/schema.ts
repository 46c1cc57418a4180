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
//   siteProfiles.0 … .15   per-site profiles (host → auto-open, look, 简/繁 target; profile-values.ts), sharded
//                          as the sites are. Added within version 2: an older build ignores and keeps them.
// Version 1 (no schemaVersion item) kept every site in one `autoCleanSites` item, which storage.sync
// refuses past 8,192 bytes: about 120 hosts.
//
// Unknown top-level keys are ignored and left in place: storage.sync is shared with other devices, and a
// newer version there may have written them; deleting them would lose that version's settings. Unknown
// fields inside our own items are dropped (the item is rewritten from its validated values).
import { CUSTOM_CSS_MAX_BYTES, READER_KEYS, customCssBytes, normalizeReaderSettings } from './reader-values';
import {
  AUTO_CLEAN_KEY,
  VERSION_KEY,
  isAutoCleanKey,
  moveLegacySites,
  siteItems,
  sitesFromItems,
  withItems,
  type StoredItems,
} from './sites-layout';
import { isProfileKey, profileItems, profilesFromItems } from './profile-values';
import { storedObject } from './stored-object';

export * from './sites-layout';

export const SCHEMA_VERSION = 2;

/** Every key this version reads or writes; changes to others do not concern our listeners. */
export function isOurKey(key: string): boolean {
  return isAutoCleanKey(key) || key === READER_KEYS.prefs || key === READER_KEYS.css || isProfileKey(key);
}

/** The version `items` were written by: 1 when there is no valid version item (no version before 2 wrote one). */
export function storedVersion(items: StoredItems): number {
  const v = items[VERSION_KEY];
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
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
  // The same for the site profiles: bad values normalized, junk dropped, each host in its own shard.
  Object.assign(changes, profileItems(profilesFromItems(out)));
  if (READER_KEYS.prefs in out) {
    const prefs = storedObject(out[READER_KEYS.prefs]);
    if (prefs) {
      const { customCss: _css, ...valid } = normalizeReaderSettings(prefs);
      changes[READER_KEYS.prefs] = valid;
    } else changes[READER_KEYS.prefs] = undefined;
  }
  const css = out[READER_KEYS.css];
  if (READER_KEYS.css in out && (typeof css !== 'string' || customCssBytes(css) > CUSTOM_CSS_MAX_BYTES))
    changes[READER_KEYS.css] = undefined;
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
