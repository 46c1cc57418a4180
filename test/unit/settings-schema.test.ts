// The storage layout, its migrations, and what corrupted or old data loads as (src/settings/schema.ts).
// Pure functions: items in, items out.
import { describe, expect, it } from 'vitest';
import { DEFAULT_READER_SETTINGS, READER_KEYS, CUSTOM_CSS_MAX_BYTES, readerSettingsFromStorage } from '../../src/settings/reader-values';
import {
  DEFAULT_SETTINGS,
  LEGACY_SITES_KEY,
  MIGRATIONS,
  SCHEMA_VERSION,
  SITE_SHARD_KEYS,
  VERSION_KEY,
  cleanItems,
  diffItems,
  isOurKey,
  migrateItems,
  settingsFromItems,
  siteItems,
  siteShardKey,
  sitesFromItems,
  storedVersion,
  type StoredItems,
} from '../../src/settings/schema';

/** What the settings pages would show for `items` after migrating them. */
function loaded(items: StoredItems) {
  const migrated = migrateItems(items).items;
  return { settings: settingsFromItems(migrated), reader: readerSettingsFromStorage(migrated), items: migrated };
}

describe('the storage layout', () => {
  it('is version 2, with 16 site shards', () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(SITE_SHARD_KEYS).toHaveLength(16);
    expect(SITE_SHARD_KEYS[0]).toBe('autoCleanSites.0');
    expect(SITE_SHARD_KEYS[15]).toBe('autoCleanSites.15');
  });

  it('puts a host in the shard its name hashes to, the same in every version (pinned)', () => {
    // Changing these means a new schema version and a migration: stored hosts would be looked for elsewhere.
    expect(siteShardKey('news.zfe.space')).toBe('autoCleanSites.15');
    // FNV-1a of "a" is 0xe40c292c (the published test vector): shard 0xc.
    expect(siteShardKey('a')).toBe('autoCleanSites.12');
    expect(siteShardKey('www.example.org')).toBe('autoCleanSites.8');
    expect(siteShardKey('localhost')).toBe('autoCleanSites.10');
  });

  it('spreads 500 hosts over the shards: none holds more than a tenth', () => {
    const sites = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`blog${i}.example-mirror.net`, i % 3 === 0]));
    const items = siteItems(sites);
    const sizes = Object.values(items).map((shard) => Object.keys(shard ?? {}).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(500);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    expect(sitesFromItems(items)).toEqual(sites);
  });

  it('knows its own keys (listeners ignore others)', () => {
    for (const key of ['autoClean', 'autoCleanSites', 'autoCleanSites.3', 'readerPrefs', 'readerCustomCss', 'schemaVersion'])
      expect(isOurKey(key), key).toBe(true);
    for (const key of ['autoCleanSites.16', 'readingPositions', 'somethingElse']) expect(isOurKey(key), key).toBe(false);
  });
});

describe('migrations (keyed by the version they produce)', () => {
  const legacy = { 'news.zfe.space': false, 'blog.example.org': true };
  const cases: Array<[string, StoredItems, Record<string, boolean>]> = [
    ['the one site item becomes shards', { [LEGACY_SITES_KEY]: legacy }, legacy],
    ['no site item: no sites', { autoClean: false }, {}],
    [
      'a shard entry (newer) wins over the old item',
      { [LEGACY_SITES_KEY]: legacy, [siteShardKey('news.zfe.space')]: { 'news.zfe.space': true } },
      { ...legacy, 'news.zfe.space': true },
    ],
    ['an item stored as a JSON string is read', { [LEGACY_SITES_KEY]: JSON.stringify(legacy) }, legacy],
    ['a truncated JSON string is no sites', { [LEGACY_SITES_KEY]: JSON.stringify(legacy).slice(0, 20) }, {}],
    ['null is no sites', { [LEGACY_SITES_KEY]: null }, {}],
    ['an array is no sites', { [LEGACY_SITES_KEY]: ['news.zfe.space'] }, {}],
    [
      'non-boolean values and non-host keys are dropped, hosts normalized',
      { [LEGACY_SITES_KEY]: { 'News.ZFE.space': true, 'a b': true, 'x.test': 'yes', '': false } },
      { 'news.zfe.space': true },
    ],
  ];
  it.each(cases)('1 → 2: %s', (_name, items, sites) => {
    const out = MIGRATIONS[2]!(items);
    expect(out).not.toHaveProperty(LEGACY_SITES_KEY);
    expect(sitesFromItems(out)).toEqual(sites);
    // Each host is in its own shard.
    for (const [host, on] of Object.entries(sites)) expect((out[siteShardKey(host)] as Record<string, boolean>)[host]).toBe(on);
  });

  it('has a step for every version after 1', () => {
    for (let v = 2; v <= SCHEMA_VERSION; v++) expect(typeof MIGRATIONS[v], `version ${v}`).toBe('function');
  });

  it('reads the version: missing or invalid means 1 (the only version without one)', () => {
    expect(storedVersion({})).toBe(1);
    expect(storedVersion({ [VERSION_KEY]: '2' })).toBe(1);
    expect(storedVersion({ [VERSION_KEY]: 1.5 })).toBe(1);
    expect(storedVersion({ [VERSION_KEY]: 2 })).toBe(2);
  });

  it('brings version-1 settings over whole: every value the old version wrote loads the same', () => {
    const v1: StoredItems = {
      autoClean: false,
      autoCleanSites: { 'news.zfe.space': true, 'zfe.space': false },
      readerPrefs: {
        theme: 'dark',
        fontSize: 22,
        width: 44,
        lineHeight: 1.9,
        latinFont: 'serif',
        cjkFont: 'serif',
        fontWeight: 300,
        cjkSpacing: true,
        showImages: false,
        copyFormat: 'html',
      },
      readerCustomCss: '.pnr-title { color: teal }',
    };
    const { from, to, items } = migrateItems(v1);
    expect([from, to]).toEqual([1, 2]);
    expect(items[VERSION_KEY]).toBe(2);
    expect(items).not.toHaveProperty(LEGACY_SITES_KEY);
    expect(settingsFromItems(items)).toEqual({ autoClean: false, sites: { 'news.zfe.space': true, 'zfe.space': false } });
    // `vertical` and read aloud's settings came later: their defaults.
    expect(readerSettingsFromStorage(items)).toEqual({
      ...(v1.readerPrefs as object),
      vertical: false,
      customCss: '.pnr-title { color: teal }',
      ttsRate: 1,
      ttsVoices: {},
    });
  });

  it('is safe to run twice: its own output changes nothing, so nothing is written again', () => {
    const first = migrateItems({ autoCleanSites: { 'a.test': true }, readerPrefs: '{"theme":"sepia"}', other: 1 }).items;
    const second = migrateItems(first);
    expect(second.from).toBe(2);
    expect(second.items).toEqual(first);
    expect(diffItems(first, second.items)).toEqual({ set: {}, remove: [] });
  });

  it('leaves data from a newer version as it is (reads what it understands, rewrites nothing)', () => {
    const newer = { [VERSION_KEY]: 3, autoClean: false, readerPrefs: { theme: 'dark', futureField: 1 }, futureItem: [1, 2] };
    const out = migrateItems(newer);
    expect(out).toEqual({ from: 3, to: 3, items: newer });
    expect(settingsFromItems(out.items).autoClean).toBe(false);
    expect(readerSettingsFromStorage(out.items).theme).toBe('dark');
  });
});

describe('corrupted or odd data loads as defaults plus whatever is valid', () => {
  const D = DEFAULT_READER_SETTINGS;
  const cases: Array<[string, StoredItems, { autoClean?: boolean; reader?: Partial<typeof D> }]> = [
    ['nothing stored', {}, {}],
    ['autoClean a string', { autoClean: 'no' }, {}],
    ['autoClean null', { autoClean: null }, {}],
    ['prefs a truncated JSON string', { readerPrefs: '{"theme":"dark","fontSize":2' }, {}],
    ['prefs a whole JSON string', { readerPrefs: '{"theme":"dark","fontSize":20}' }, { reader: { theme: 'dark', fontSize: 20 } }],
    ['prefs null', { readerPrefs: null }, {}],
    ['prefs an array', { readerPrefs: ['dark'] }, {}],
    ['prefs a number', { readerPrefs: 42 }, {}],
    [
      'prefs with wrong types and unknown keys: each bad field alone falls back',
      {
        readerPrefs: {
          theme: 'neon',
          fontSize: '20',
          width: null,
          lineHeight: 9,
          showImages: 'no',
          copyFormat: 'html',
          cjkSpacing: true,
          bogus: { deep: 1 },
        },
      },
      { reader: { fontSize: 20, lineHeight: 2.4, copyFormat: 'html', cjkSpacing: true } },
    ],
    ['custom CSS a number', { readerCustomCss: 12 }, {}],
    ['custom CSS over its cap', { readerCustomCss: 'x'.repeat(CUSTOM_CSS_MAX_BYTES) }, {}],
    ['a good autoClean next to junk', { autoClean: false, readerPrefs: 'garbage', autoCleanSites: 7 }, { autoClean: false }],
  ];
  it.each(cases)('%s', (_name, items, want) => {
    const got = loaded(items);
    expect(got.settings).toEqual({ autoClean: want.autoClean ?? DEFAULT_SETTINGS.autoClean, sites: {} });
    expect(got.reader).toEqual({ ...D, ...want.reader });
    // What is kept in storage is valid too: loading it again gives the same, and unknown fields are gone.
    expect(loaded(got.items).reader).toEqual(got.reader);
    const prefs = got.items[READER_KEYS.prefs];
    if (prefs !== undefined)
      expect(Object.keys(prefs as object).sort()).toEqual(
        Object.keys(D)
          .filter((k) => k !== 'customCss')
          .sort(),
      );
  });

  it('leaves unknown top-level keys alone (another device may run a newer version that wrote them)', () => {
    const out = cleanItems({ someFutureSetting: { a: 1 }, autoClean: true });
    expect(out.someFutureSetting).toEqual({ a: 1 });
  });

  it('merges an old-format site item that an older device wrote after the migration', () => {
    const migrated = migrateItems({ autoCleanSites: { 'a.test': true } }).items;
    const out = migrateItems({ ...migrated, autoCleanSites: { 'b.test': false, 'a.test': false } }).items;
    expect(settingsFromItems(out).sites).toEqual({ 'a.test': true, 'b.test': false });
    expect(out).not.toHaveProperty(LEGACY_SITES_KEY);
  });
});

describe('diffItems', () => {
  it('sets what changed or is new and removes what is gone', () => {
    expect(diffItems({ a: 1, b: { x: 1 }, c: 3 }, { a: 1, b: { x: 2 }, d: 4 })).toEqual({ set: { b: { x: 2 }, d: 4 }, remove: ['c'] });
  });
});
