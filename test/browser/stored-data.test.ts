// Stored data in the real extension (Chromium, one launch): settings written by an older version or
// corrupted are migrated by the background's own migration (the function runtime.onInstalled runs) and load
// as expected; a 500-host site list, which the old single-item layout cannot hold (the real storage.sync
// refuses it), is written through the real settings API and read back whole; our byte measure agrees with
// the browser's own getBytesInUse.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { measureSync } from '../../src/settings/quota';
import { SITE_SHARD_KEYS, siteShardKey } from '../../src/settings/schema';
import { ExtensionBrowser } from './harness';

type Handlers = Record<string, (...a: unknown[]) => Promise<unknown>>;

/** 500 distinct host names of 60 characters. */
const HOSTS = Array.from({ length: 500 }, (_, i) => {
  const head = `blog${String(i).padStart(3, '0')}.`;
  const tail = '.example-mirror.news';
  return head + 'proxied-news-reader-mirror'.padEnd(60 - head.length - tail.length, 'x') + tail;
});
const SITES = Object.fromEntries(HOSTS.map((h, i) => [h, i % 2 === 0]));

describe('stored data in Chromium', () => {
  let ext: ExtensionBrowser;
  let buildDir: string;

  beforeAll(async () => {
    buildDir = mkdtempSync(path.join(tmpdir(), 'pnr-stored-data-'));
    ext = await ExtensionBrowser.launch('chromium', buildDir);
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await ext.inExtension(async () => {
      await extensionApi(globalThis).storage.sync.clear();
    });
  });

  it('migrates old-format and corrupted settings: defaults plus whatever is valid, and a second run writes nothing', async () => {
    const out = await ext.inExtension(async () => {
      const api = extensionApi(globalThis);
      const bg = (globalThis as unknown as { pnrBackground: Handlers }).pnrBackground;
      // What version 1 wrote (no schemaVersion; the sites in one item), with some of it corrupted.
      await api.storage.sync.set({
        autoClean: 'yes',
        autoCleanSites: { 'news.zfe.space': false, 'zfe.space': true, 'Not A Host': true, 'blog.example.org': 'on' },
        readerPrefs: { theme: 'sepia', fontSize: 22, width: 'wide', lineHeight: 9, unknownField: 1 },
        readerCustomCss: 12,
        someoneElsesKey: { keep: true },
      });
      await bg.migrateSettings!();
      const afterFirst = await api.storage.sync.get(null);
      await bg.migrateSettings!();
      const afterSecond = await api.storage.sync.get(null);
      return {
        afterFirst,
        same: JSON.stringify(afterFirst) === JSON.stringify(afterSecond),
        settings: await bg.loadSettings!(),
        reader: await bg.loadReaderSettings!(),
      };
    });
    const stored = out.afterFirst;
    expect(stored.schemaVersion).toBe(2);
    expect(stored).not.toHaveProperty('autoCleanSites');
    expect(stored).not.toHaveProperty('autoClean');
    expect(stored).not.toHaveProperty('readerCustomCss');
    expect(stored.someoneElsesKey).toEqual({ keep: true });
    expect(stored[siteShardKey('news.zfe.space')]).toMatchObject({ 'news.zfe.space': false });
    expect(stored.readerPrefs).not.toHaveProperty('unknownField');
    expect(out.same).toBe(true);
    expect(out.settings).toEqual({ autoClean: true, sites: { 'news.zfe.space': false, 'zfe.space': true } });
    expect(out.reader).toMatchObject({ theme: 'sepia', fontSize: 22, width: 38, lineHeight: 2.4, customCss: '' });
  });

  it('reads old-format data correctly before the migration has run (a content script may read first)', async () => {
    const settings = await ext.inExtension(async () => {
      await extensionApi(globalThis).storage.sync.set({ autoClean: false, autoCleanSites: '{"news.zfe.space":true}' });
      return (globalThis as unknown as { pnrBackground: Handlers }).pnrBackground.loadSettings!();
    });
    expect(settings).toEqual({ autoClean: false, sites: { 'news.zfe.space': true } });
  });

  it('holds a 500-host site list: the old single item is refused by storage.sync, the shards take it and read back whole', async () => {
    const out = await ext.inExtension(
      async (sites: Record<string, boolean>, shardKeys: string[]) => {
        const api = extensionApi(globalThis) as ReturnType<typeof extensionApi> & {
          storage: { sync: { getBytesInUse(keys: string[] | null): Promise<number> } };
        };
        const bg = (globalThis as unknown as { pnrBackground: Handlers }).pnrBackground;
        // The layout before this change: the whole map in one `autoCleanSites` item.
        let legacyError = '';
        await api.storage.sync.set({ autoCleanSites: sites }).catch((e: unknown) => {
          legacyError = String(e);
        });
        await bg.setSites!(sites);
        const loaded = (await bg.loadSettings!()) as { sites: Record<string, boolean> };
        const shardBytes: number[] = [];
        for (const key of shardKeys) shardBytes.push(await api.storage.sync.getBytesInUse([key]));
        return {
          legacyError,
          loaded: loaded.sites,
          items: await api.storage.sync.get(null),
          chromeTotal: await api.storage.sync.getBytesInUse(null),
          shardBytes,
        };
      },
      SITES,
      [...SITE_SHARD_KEYS],
    );
    expect(out.legacyError).toContain('QuotaBytesPerItem');
    expect(out.loaded).toEqual(SITES);
    expect(Object.keys(out.loaded)).toHaveLength(500);
    expect(Math.max(...out.shardBytes)).toBeLessThanOrEqual(8192);
    // Our measure is the browser's: the quota checks before each write use the same figures.
    expect(measureSync(out.items).total).toBe(out.chromeTotal);
    console.info(
      `500 hosts of 60 characters in Chromium's storage.sync: ${out.chromeTotal} bytes (getBytesInUse), largest shard ${Math.max(...out.shardBytes)}`,
    );
  });
});

/** Defined next to the function in the browser by `inExtension` (see harness.ts). */
declare function extensionApi(g: typeof globalThis): {
  storage: { sync: { get(keys?: unknown): Promise<Record<string, unknown>>; set(items: object): Promise<void>; clear(): Promise<void> } };
};
