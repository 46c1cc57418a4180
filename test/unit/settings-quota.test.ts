// storage.sync's quotas and write rate: the measuring functions, every setting at its maximum written
// through the real write paths into a storage area that refuses what the browsers refuse, the sync
// store's refusals, merging and rate limit (fake timers).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const browserObj = vi.hoisted((): Record<string, unknown> => ({}));
vi.mock('webextension-polyfill', () => ({ default: browserObj }));

const { quotaSyncArea } = await import('../helpers/quota-sync-area');
const { fakeStorageArea } = await import('../helpers/ui-browser-stub');
const quota = await import('../../src/settings/quota');
const { SYNC_QUOTA, QuotaError, measureSync, quotaProblem, syncItemBytes, writeDelay } = quota;
const settings = { ...(await import('../../src/settings')), ...(await import('../../src/settings/auto-clean')) };
const rs = await import('../../src/settings/reader-settings');
const tts = await import('../../src/settings/tts-values');
const { SyncStore } = await import('../../src/settings/sync-store');
const { migrateStoredSettings } = await import('../../src/settings/sync');
const { saveAllSettings } = await import('../../src/settings/all-settings');
const { siteShardKey, sitesFromItems } = await import('../../src/settings/schema');

let area = quotaSyncArea();
function freshArea(): void {
  area = quotaSyncArea();
  for (const k of Object.keys(browserObj)) delete browserObj[k];
  Object.assign(browserObj, { storage: { sync: area, onChanged: { addListener() {}, removeListener() {} } } });
}
freshArea();

/** `n` realistic host names of exactly 60 characters, all different. */
function hosts(n: number, length = 60): string[] {
  return Array.from({ length: n }, (_, i) => {
    const head = `blog${String(i).padStart(3, '0')}.`;
    const tail = '.example-mirror.news';
    return head + 'proxied-news-reader-mirror'.padEnd(length - head.length - tail.length, 'x') + tail;
  });
}

/** The largest custom CSS the options page accepts: as many bytes as its cap allows, with what JSON escapes and CJK. */
function largestCss(): string {
  const unit = '.pnr-body p::before { content: "\\201C 引号 \\201D"; }\n';
  let css = '';
  while (rs.customCssBytes(css + unit) <= rs.CUSTOM_CSS_MAX_BYTES) css += unit;
  while (rs.customCssBytes(`${css}x`) <= rs.CUSTOM_CSS_MAX_BYTES) css += 'x';
  return css;
}

// ---- Every setting at its maximum, written through the real settings API, measured once for the test names.
const SITES = Object.fromEntries(hosts(500).map((h, i) => [h, i % 2 === 0]));
const CSS = largestCss();
await settings.setGlobalAutoClean(false);
await settings.setSites(SITES);
await rs.saveReaderSettings({
  theme: 'sepia',
  fontSize: rs.RANGES.fontSize.max,
  width: rs.RANGES.width.max,
  lineHeight: rs.RANGES.lineHeight.max,
  latinFont: 'serif',
  cjkFont: 'serif',
  fontWeight: 500,
  cjkSpacing: false,
  showImages: false,
  copyFormat: 'markdown',
  customCss: CSS,
  // Read aloud: the fastest speed and the most voices, each name as long as allowed (CJK: 3 bytes a character).
  ttsRate: 3,
  ttsVoices: Object.fromEntries(
    Array.from({ length: tts.MAX_VOICE_LANGS }, (_, i) => [`zh-X${i}`, '語'.repeat(tts.MAX_VOICE_NAME - 1) + String(i)]),
  ),
});
const FULL = { ...area.data };
const USAGE = measureSync(FULL);
const SHARD_BYTES = Object.entries(USAGE.items)
  .filter(([k]) => k.startsWith('autoCleanSites.'))
  .map(([, b]) => b);
const SITES_TOTAL = SHARD_BYTES.reduce((a, b) => a + b, 0);
const fmt = (n: number) => n.toLocaleString('en-US');

describe('measuring items as storage.sync does', () => {
  it('counts the key and the JSON value in UTF-8 bytes', () => {
    expect(syncItemBytes('a', true)).toBe(5);
    expect(syncItemBytes('a', '中')).toBe(1 + 5);
    expect(syncItemBytes('k', 'a"b')).toBe(1 + 6);
    expect(syncItemBytes('k', { x: 1 })).toBe(1 + 7);
  });

  it('names the first limit a set of items would break', () => {
    expect(quotaProblem({ a: 'x'.repeat(8000) })).toBeNull();
    expect(quotaProblem({ a: 'x'.repeat(8190) })).toMatchObject({ kind: 'item', key: 'a', limit: 8192 });
    const thirteen = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i}`, 'x'.repeat(8000)]));
    expect(quotaProblem(thirteen)).toMatchObject({ kind: 'total', limit: 102_400 });
    const many = Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`k${i}`, 1]));
    expect(quotaProblem(many)).toMatchObject({ kind: 'count', size: 513, limit: 512 });
  });
});

describe('every setting at its maximum fits storage.sync', () => {
  it(`500 hosts of 60 characters: ${SHARD_BYTES.length} shards, ${fmt(SITES_TOTAL)} bytes, the largest ${fmt(Math.max(...SHARD_BYTES))} (≤ 8,192)`, async () => {
    expect(SHARD_BYTES.length).toBe(16);
    expect(Math.max(...SHARD_BYTES)).toBeLessThanOrEqual(SYNC_QUOTA.QUOTA_BYTES_PER_ITEM);
    expect((await settings.loadSettings()).sites).toEqual(SITES);
  });

  it(`the largest custom CSS: ${fmt(USAGE.items.readerCustomCss!)} bytes (cap ${fmt(rs.CUSTOM_CSS_MAX_BYTES)}); the preferences at their maximum: ${fmt(USAGE.items.readerPrefs!)} bytes`, async () => {
    expect(USAGE.items.readerCustomCss).toBeLessThanOrEqual(rs.CUSTOM_CSS_MAX_BYTES);
    expect(USAGE.items.readerCustomCss).toBeGreaterThan(rs.CUSTOM_CSS_MAX_BYTES - 60);
    expect(USAGE.items.readerPrefs).toBeLessThanOrEqual(SYNC_QUOTA.QUOTA_BYTES_PER_ITEM);
    expect((await rs.loadReaderSettings()).customCss).toBe(CSS);
  });

  it(`all together: ${fmt(USAGE.total)} bytes of 102,400 in ${USAGE.count} items of 512; the largest item ${USAGE.largest!.key}, ${fmt(USAGE.largest!.bytes)} bytes`, () => {
    for (const [key, bytes] of Object.entries(USAGE.items)) expect(bytes, key).toBeLessThanOrEqual(SYNC_QUOTA.QUOTA_BYTES_PER_ITEM);
    expect(USAGE.total).toBeLessThanOrEqual(SYNC_QUOTA.QUOTA_BYTES);
    expect(USAGE.count).toBeLessThanOrEqual(SYNC_QUOTA.MAX_ITEMS);
    // Measured independently (Buffer.byteLength), as the fake area that accepted every write does.
    const independent = Object.entries(FULL).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(JSON.stringify(v)), 0);
    expect(USAGE.total).toBe(independent);
  });
});

describe('writes that would break a quota', () => {
  beforeEach(freshArea);

  it('a site list too large for storage.sync is refused with a QuotaError, and nothing is written', async () => {
    await settings.setSites({ 'news.zfe.space': true });
    const before = JSON.stringify(area.data);
    const writes = area.writes.length;
    // 2,000 hosts of 60 characters: ~138 KB, over the 102,400 total.
    const error = await settings.setSites(Object.fromEntries(hosts(2000).map((h) => [h, true]))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaError);
    expect((error as InstanceType<typeof QuotaError>).problem.limit).toBeGreaterThan(0);
    expect(area.writes.length).toBe(writes);
    expect(JSON.stringify(area.data)).toBe(before);
    expect((await settings.loadSettings()).sites).toEqual({ 'news.zfe.space': true });
  });

  it('one host too many for its shard is refused; the others in the same batch are stored', async () => {
    // Fill one shard with hosts that hash to it, until one more would not fit its 8,192 bytes.
    const key = siteShardKey('news.zfe.space');
    const same = hosts(6000).filter((h) => siteShardKey(h) === key);
    let n = 0;
    const shardOf = (count: number) => Object.fromEntries(same.slice(0, count).map((h) => [h, true]));
    while (syncItemBytes(key, shardOf(n + 1)) <= 8192) n++;
    const fill = shardOf(n);
    await settings.setSites(fill);
    const results = await Promise.allSettled([
      settings.setSiteAutoClean(same[n]!, false),
      settings.setSiteAutoClean(same[n + 1]!, false),
      settings.setGlobalAutoClean(false),
    ]);
    for (const r of results.slice(0, 2)) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(QuotaError);
    }
    expect(results[2].status).toBe('fulfilled');
    const stored = await settings.loadSettings();
    expect(stored.autoClean).toBe(false);
    // The refused hosts are not stored; nothing else was lost.
    expect(stored.sites).toEqual(fill);
    expect(syncItemBytes(key, area.data[key])).toBeLessThanOrEqual(8192);
  });

  it('a refusal from the browser itself reaches the caller (nothing is claimed as saved)', async () => {
    area.set = async () => {
      throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    };
    await expect(settings.setGlobalAutoClean(false)).rejects.toThrow('MAX_WRITE_OPERATIONS_PER_MINUTE');
  });

  it('an import that does not fit is refused whole', async () => {
    await settings.setGlobalAutoClean(false);
    const before = JSON.stringify(area.data);
    await expect(
      saveAllSettings({
        settings: { autoClean: true, sites: Object.fromEntries(hosts(2000).map((h) => [h, true])) },
        reader: { ...rs.DEFAULT_READER_SETTINGS, theme: 'dark' },
        profiles: {},
      }),
    ).rejects.toBeInstanceOf(QuotaError);
    expect(JSON.stringify(area.data)).toBe(before);
  });
});

describe('the sync store', () => {
  beforeEach(freshArea);

  it('serializes changes: 30 sites set at once are all kept (read-modify-write never overwrites another)', async () => {
    const list = hosts(30, 40);
    await Promise.all(list.map((h) => settings.setSiteAutoClean(h, true)));
    expect(Object.keys((await settings.loadSettings()).sites).sort()).toEqual([...list].sort());
  });

  it('shows this page its own changes before they are written', async () => {
    const store = new SyncStore(fakeStorageArea('sync', () => undefined));
    const pending = store.update((items) => {
      items.autoClean = false;
    });
    expect((await store.read()).autoClean).toBe(false);
    await pending;
  });

  it('migrates on install and update, and running it again writes nothing', async () => {
    area.data.autoCleanSites = { 'news.zfe.space': false };
    area.data.readerPrefs = '{"theme":"dark"';
    area.data.somethingElse = 1;
    await migrateStoredSettings();
    expect(area.data).toEqual({ schemaVersion: 2, [siteShardKey('news.zfe.space')]: { 'news.zfe.space': false }, somethingElse: 1 });
    const writes = area.writes.length;
    await migrateStoredSettings();
    expect(area.writes.length).toBe(writes);
  });
});

describe('write rate', () => {
  it.each([
    ['no earlier writes', [], 1000, 0],
    ['59 in the last minute: room for one more', Array.from({ length: 59 }, (_, i) => i * 10), 1000, 0],
    ['60 in the last minute: wait until the oldest leaves', Array.from({ length: 60 }, (_, i) => 1000 + i * 10), 2000, 59_000],
    ['60 a minute ago: they have left', Array.from({ length: 60 }, (_, i) => i), 60_100, 0],
  ] as Array<[string, number[], number, number]>)('writeDelay: %s', (_name, history, now, wait) => {
    expect(writeDelay(history, now)).toBe(wait);
  });

  it('the hourly budget holds too (900 an hour, half the browser’s 1,800)', () => {
    const history = Array.from({ length: 900 }, (_, i) => i * 3000);
    const now = 900 * 3000;
    // The first write leaves the hour at 3,600,000: 15 minutes from now.
    expect(writeDelay(history, now)).toBe(900_000);
  });

  describe('rapid −/+ clicks (fake timers)', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('600 clicks in a minute make at most 60 writes a minute, the last value stored, every click answered', async () => {
      vi.useFakeTimers();
      const target = fakeStorageArea('sync', () => undefined);
      const stamps: number[] = [];
      const set = target.set.bind(target);
      target.set = async (items) => {
        stamps.push(Date.now());
        return set(items);
      };
      const store = new SyncStore(target);
      const answers: Array<Promise<unknown>> = [];
      let size = 18;
      for (let i = 0; i < 600; i++) {
        size = i % 2 === 0 ? Math.min(32, size + 1) : size;
        const partial = { fontSize: size, lineHeight: 1.2 + (i % 13) / 10 };
        answers.push(store.update((items) => rs.writeReaderSettings(items, partial)));
        await vi.advanceTimersByTimeAsync(100);
      }
      await vi.advanceTimersByTimeAsync(120_000);
      await Promise.all(answers);
      // In every sliding minute: at most 60 writes (the browser allows 120).
      for (const t of stamps) expect(stamps.filter((s) => s >= t && s < t + 60_000).length).toBeLessThanOrEqual(60);
      expect(stamps.length).toBeLessThan(600);
      expect(store.writesWithin(3_600_000)).toBe(stamps.length);
      expect(rs.readerSettingsFromStorage(target.data)).toMatchObject({ fontSize: 32, lineHeight: clampLine(599) });
    });
  });
});

function clampLine(i: number): number {
  return rs.clampSetting('lineHeight', 1.2 + (i % 13) / 10);
}

describe('the 500-host list read back from storage', () => {
  it('is whole, from its shards', () => {
    expect(sitesFromItems(FULL)).toEqual(SITES);
  });
});
