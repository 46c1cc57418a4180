// Per-site profiles (issue 11 item 5): the resolver "settings for this host", where a reader change goes, stored
// values made valid, the bound on their number and storage.sync's quotas, and the settings file.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const browserObj = vi.hoisted((): Record<string, unknown> => ({}));
vi.mock('webextension-polyfill', () => ({ default: browserObj }));

const { quotaSyncArea } = await import('../helpers/quota-sync-area');
const pv = await import('../../src/settings/profile-values');
const sp = await import('../../src/settings/site-profiles');
const rs = await import('../../src/settings/reader-settings');
const { measureSync, QuotaError, SYNC_QUOTA } = await import('../../src/settings/quota');
const { migrateItems, isOurKey } = await import('../../src/settings/schema');
const { saveAllSettings, loadAllSettings } = await import('../../src/settings/all-settings');
const { buildSettingsFile, parseSettingsFile, EXPORT_APP } = await import('../../src/settings/transfer');
const { SCHEMA_VERSION } = await import('../../src/settings/schema');

type SiteProfile = import('../../src/settings/profile-values').SiteProfile;
type ReaderSettings = import('../../src/settings/reader-settings').ReaderSettings;

let area = quotaSyncArea();
beforeEach(() => {
  area = quotaSyncArea();
  for (const k of Object.keys(browserObj)) delete browserObj[k];
  Object.assign(browserObj, { storage: { sync: area, onChanged: { addListener() {}, removeListener() {} } } });
});

const GLOBAL: ReaderSettings = { ...rs.DEFAULT_READER_SETTINGS, theme: 'dark', fontSize: 20, showImages: false, copyFormat: 'html' };
const LOOK = pv.lookOf({ ...rs.DEFAULT_READER_SETTINGS, theme: 'sepia', fontSize: 24, cjkFont: 'serif', cjkSpacing: true, vertical: true });
const FULL: SiteProfile = { autoOpen: true, look: LOOK, script: 'traditional' };
const OPEN_ONLY: SiteProfile = { autoOpen: true, look: null, script: 'original' };

/** `n` host names of exactly 60 characters, all different. */
function hosts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `blog${String(i).padStart(3, '0')}.${'m'.repeat(60 - 7 - 13)}.example-news`.slice(0, 60));
}

describe('settings for a host (the resolver)', () => {
  const profiles = { 'news.zfe.space': FULL, 'zfe.space': OPEN_ONLY, localhost: { ...FULL, autoOpen: false }, '127.0.0.1': FULL };
  it.each([
    // hostname as location.hostname gives it, the profile key found, what applies
    ['news.zfe.space', 'news.zfe.space', { theme: 'sepia', fontSize: 24, vertical: true }, 'traditional', true],
    ['NEWS.ZFE.SPACE', 'news.zfe.space', { theme: 'sepia' }, 'traditional', true],
    ['news.zfe.space.', 'news.zfe.space', { theme: 'sepia' }, 'traditional', true],
    // www.x and x are two sites, as for auto-clean; a subdomain is another site.
    ['www.news.zfe.space', 'www.news.zfe.space', { theme: 'dark', fontSize: 20, vertical: false }, 'original', false],
    ['zfe.space', 'zfe.space', { theme: 'dark', fontSize: 20 }, 'original', true],
    ['localhost', 'localhost', { theme: 'sepia' }, 'traditional', false],
    ['127.0.0.1', '127.0.0.1', { theme: 'sepia' }, 'traditional', true],
    ['other.example', 'other.example', { theme: 'dark' }, 'original', false],
    // A file:// page or a data: document has no host: the global settings.
    ['', '', { theme: 'dark' }, 'original', false],
    ['__proto__', '', { theme: 'dark' }, 'original', false],
  ] as const)('%s → key %s', (hostname, key, look, script, autoOpen) => {
    const r = pv.settingsForHost(GLOBAL, profiles, hostname);
    expect(r.host).toBe(key);
    expect(r.settings).toMatchObject(look);
    expect(r.script).toBe(script);
    expect(r.autoOpen).toBe(autoOpen);
    // What a profile does not keep stays global wherever one applies.
    expect(r.settings).toMatchObject({ showImages: false, copyFormat: 'html' });
  });

  it('takes a profile without a look as the global look (it only opens the reader)', () => {
    expect(pv.settingsForHost(GLOBAL, profiles, 'zfe.space').settings).toEqual(GLOBAL);
  });
});

describe('where a reader change goes', () => {
  it.each([
    ['no profile: all global', null, { theme: 'light', showImages: true }, { theme: 'light', showImages: true }, null],
    ['a profile without a look: all global', OPEN_ONLY, { theme: 'light' }, { theme: 'light' }, null],
    [
      'a look kept: look keys to the profile, the rest global',
      FULL,
      { theme: 'light', showImages: true },
      { showImages: true },
      { theme: 'light' },
    ],
    [
      'a look kept: vertical and spacing are the site’s',
      FULL,
      { vertical: false, cjkSpacing: false },
      {},
      { vertical: false, cjkSpacing: false },
    ],
    [
      'a look kept: custom CSS and copy format stay global',
      FULL,
      { customCss: 'p{}', copyFormat: 'text' },
      { customCss: 'p{}', copyFormat: 'text' },
      null,
    ],
  ] as const)('%s', (_name, profile, partial, global, look) => {
    expect(pv.splitChange(partial as Partial<ReaderSettings>, profile)).toEqual({ global, look });
  });
});

describe('stored profiles made valid', () => {
  it.each([
    ['a JSON string of an object', '{"autoOpen":true}', { autoOpen: true, look: null, script: 'original' }],
    ['autoOpen not true', { autoOpen: 'yes', script: 'simplified' }, { autoOpen: false, look: null, script: 'simplified' }],
    ['an unknown script', { autoOpen: true, script: 'klingon' }, { autoOpen: true, look: null, script: 'original' }],
    [
      'a look with bad and missing values',
      { look: { theme: 'neon', fontSize: 99, vertical: 'x', width: 40, junk: 1 } },
      { autoOpen: false, look: { ...pv.lookOf(rs.DEFAULT_READER_SETTINGS), fontSize: 32, width: 40 }, script: 'original' },
    ],
    ['a look that is no object', { autoOpen: true, look: [1, 2] }, { autoOpen: true, look: null, script: 'original' }],
  ] as const)('%s', (_name, raw, expected) => {
    expect(pv.normalizeProfile(raw)).toEqual(expected);
  });

  it.each([null, 7, 'not json', [1]])('%j is no profile', (raw) => {
    expect(pv.normalizeProfile(raw)).toBeNull();
  });

  it('drops junk from the shards, normalizes hosts and moves a host into its own shard, on every read and write', () => {
    const wrongShard = pv.SITE_PROFILE_KEYS.find((k) => k !== pv.profileShardKey('news.zfe.space'))!;
    const { items } = migrateItems({
      schemaVersion: 2,
      [wrongShard]: { 'News.ZFE.space': { autoOpen: true }, 'not a host': { autoOpen: true }, 'empty.example': {}, 'bad.example': 5 },
      'siteProfiles.3': 'garbage',
      'siteProfiles.99': { 'kept.example': { autoOpen: true } },
    });
    expect(pv.profilesFromItems(items)).toEqual({ 'news.zfe.space': OPEN_ONLY });
    expect(items[pv.profileShardKey('news.zfe.space')]).toEqual({ 'news.zfe.space': { autoOpen: true } });
    if (wrongShard !== 'siteProfiles.3') expect(items).not.toHaveProperty(wrongShard);
    expect(items).not.toHaveProperty('siteProfiles.3');
    // Not one of ours (a newer layout may use it): left alone.
    expect(items['siteProfiles.99']).toEqual({ 'kept.example': { autoOpen: true } });
    expect(isOurKey(pv.SITE_PROFILE_KEYS[15]!)).toBe(true);
    expect(isOurKey('siteProfiles.16')).toBe(false);
  });

  it('stores only what differs from no profile', () => {
    expect(pv.storedProfile(OPEN_ONLY)).toEqual({ autoOpen: true });
    expect(pv.storedProfile({ autoOpen: false, look: null, script: 'simplified' })).toEqual({ script: 'simplified' });
    expect(pv.storedProfile(FULL)).toEqual({ autoOpen: true, look: LOOK, script: 'traditional' });
  });
});

describe('profiles in storage.sync', () => {
  it('saves, updates and forgets one host in its own shard', async () => {
    await sp.saveSiteProfile('news.zfe.space', FULL);
    await sp.saveSiteProfile('zfe.space', OPEN_ONLY);
    expect(await sp.loadSiteProfiles()).toEqual({ 'news.zfe.space': FULL, 'zfe.space': OPEN_ONLY });
    expect(new Set(Object.keys(area.data).filter((k) => k.startsWith('siteProfiles.')))).toEqual(
      new Set([pv.profileShardKey('news.zfe.space'), pv.profileShardKey('zfe.space')]),
    );
    const next = await sp.updateSiteProfile('news.zfe.space', (p) => ({ ...p!, autoOpen: false }));
    expect(next).toEqual({ ...FULL, autoOpen: false });
    // An empty profile is no profile: forgotten.
    await sp.updateSiteProfile('zfe.space', (p) => ({ ...p!, autoOpen: false }));
    await sp.saveSiteProfile('news.zfe.space', null);
    expect(await sp.loadSiteProfiles()).toEqual({});
    expect(Object.keys(area.data).some((k) => k.startsWith('siteProfiles.'))).toBe(false);
  });

  it(`holds at most ${pv.MAX_SITE_PROFILES}: one more is refused with a clear error and nothing written; an existing one still changes`, async () => {
    const all = Object.fromEntries(hosts(pv.MAX_SITE_PROFILES).map((h) => [h, FULL]));
    await saveAllSettings({ settings: { autoClean: true, sites: {} }, reader: rs.DEFAULT_READER_SETTINGS, profiles: all });
    expect(Object.keys(await sp.loadSiteProfiles())).toHaveLength(pv.MAX_SITE_PROFILES);
    const before = JSON.stringify(area.data);
    const refused = sp.saveSiteProfile('one-more.example', OPEN_ONLY);
    await expect(refused).rejects.toBeInstanceOf(pv.ProfileLimitError);
    await expect(refused).rejects.toThrow(`at most ${pv.MAX_SITE_PROFILES} sites can have a profile`);
    expect(JSON.stringify(area.data)).toBe(before);
    await sp.saveSiteProfile(hosts(1)[0]!, OPEN_ONLY);
    expect((await sp.loadSiteProfiles())[hosts(1)[0]!]).toEqual(OPEN_ONLY);
  });

  it('every setting at its largest, with 100 full profiles of 60-character hosts, fits storage.sync (figures)', async () => {
    let css = '';
    while (rs.customCssBytes(`${css}x`) <= rs.CUSTOM_CSS_MAX_BYTES) css += 'x';
    // One write, as an import makes it (the store allows 60 writes a minute per page).
    const profiles = Object.fromEntries(
      hosts(pv.MAX_SITE_PROFILES).map((h) => [h, { ...FULL, look: { ...LOOK, lineHeight: 2.4, fontWeight: 500 as const } }]),
    );
    await saveAllSettings({
      settings: { autoClean: false, sites: Object.fromEntries(hosts(500).map((h, i) => [`s${h.slice(1)}`, i % 2 === 0])) },
      reader: {
        ...rs.DEFAULT_READER_SETTINGS,
        theme: 'sepia',
        fontSize: 32,
        width: 60,
        lineHeight: 2.4,
        showImages: false,
        customCss: css,
      },
      profiles,
    });
    const usage = measureSync(area.data);
    const shards = Object.entries(usage.items).filter(([k]) => k.startsWith('siteProfiles.'));
    const profileBytes = shards.reduce((a, [, b]) => a + b, 0);
    console.info(
      `100 profiles: ${profileBytes} bytes in ${shards.length} items, largest ${Math.max(...shards.map(([, b]) => b))}; everything: ${usage.total} bytes in ${usage.count} items`,
    );
    expect(Object.keys(await sp.loadSiteProfiles())).toHaveLength(pv.MAX_SITE_PROFILES);
    expect(usage.total).toBeLessThan(SYNC_QUOTA.QUOTA_BYTES);
    expect(Math.max(...shards.map(([, b]) => b))).toBeLessThan(SYNC_QUOTA.QUOTA_BYTES_PER_ITEM / 2);
  });

  it('a profile that would break a quota is refused whole (QuotaError), nothing written', async () => {
    // The area nearly full with another extension version's data: one more profile does not fit.
    area.data['someoneElse'] = 'x'.repeat(SYNC_QUOTA.QUOTA_BYTES - 200);
    const before = JSON.stringify(area.data);
    await expect(sp.saveSiteProfile('news.zfe.space', FULL)).rejects.toBeInstanceOf(QuotaError);
    expect(JSON.stringify(area.data)).toBe(before);
  });
});

describe('the settings file', () => {
  const file = (over: Record<string, unknown>) => JSON.stringify({ app: EXPORT_APP, schemaVersion: SCHEMA_VERSION, ...over });

  it('exports the profiles (only what differs from none) and imports them back as they were', async () => {
    await sp.saveSiteProfile('news.zfe.space', FULL);
    await sp.saveSiteProfile('zfe.space', OPEN_ONLY);
    const all = await loadAllSettings();
    const out = buildSettingsFile(all);
    const data = JSON.parse(out.content) as { profiles: Record<string, unknown> };
    expect(data.profiles).toEqual({
      'news.zfe.space': { autoOpen: true, look: LOOK, script: 'traditional' },
      'zfe.space': { autoOpen: true },
    });
    expect(Object.keys(data.profiles)).toEqual(['news.zfe.space', 'zfe.space']);
    const parsed = parseSettingsFile(out.content);
    expect(parsed).toEqual({ ok: true, value: all });
    // Imported into an empty area: the same profiles.
    area = quotaSyncArea();
    Object.assign(browserObj, { storage: { sync: area, onChanged: { addListener() {}, removeListener() {} } } });
    await saveAllSettings(parsed.ok ? parsed.value : all);
    expect(await sp.loadSiteProfiles()).toEqual({ 'news.zfe.space': FULL, 'zfe.space': OPEN_ONLY });
  });

  it('reads a file without profiles (older) as none, and drops empty ones', () => {
    expect(parseSettingsFile(file({}))).toMatchObject({ ok: true, value: { profiles: {} } });
    expect(parseSettingsFile(file({ profiles: { 'a.example': {} } }))).toMatchObject({ ok: true, value: { profiles: {} } });
  });

  it.each([
    ['not a map', { profiles: [1] }, 'profiles'],
    ['a host not as written by us', { profiles: { 'News.example': { autoOpen: true } } }, 'profiles["News.example"]'],
    ['autoOpen not a boolean', { profiles: { 'a.example': { autoOpen: 1 } } }, 'profiles["a.example"].autoOpen'],
    ['an unknown script', { profiles: { 'a.example': { script: 'pinyin' } } }, 'profiles["a.example"].script'],
    ['a look value out of range', { profiles: { 'a.example': { look: { fontSize: 99 } } } }, 'profiles["a.example"].look.fontSize'],
    ['a look switch not a boolean', { profiles: { 'a.example': { look: { vertical: 'yes' } } } }, 'profiles["a.example"].look.vertical'],
  ])('refuses %s, naming the field', (_name, over, field) => {
    expect(parseSettingsFile(file(over))).toEqual({ ok: false, error: { code: 'invalid', field } });
  });

  it(`refuses more than ${pv.MAX_SITE_PROFILES} profiles, saying how many`, () => {
    const profiles = Object.fromEntries(hosts(pv.MAX_SITE_PROFILES + 1).map((h) => [h, { autoOpen: true }]));
    expect(parseSettingsFile(file({ profiles }))).toEqual({
      ok: false,
      error: { code: 'tooManyProfiles', count: pv.MAX_SITE_PROFILES + 1, limit: pv.MAX_SITE_PROFILES },
    });
  });
});
