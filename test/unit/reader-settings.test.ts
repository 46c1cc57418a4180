import { beforeEach, describe, expect, it, vi } from 'vitest';

const stub = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('../helpers/ui-browser-stub').uiBrowserStub> }));
vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  stub.current = uiBrowserStub('en');
  return { default: stub.current };
});

const rs = await import('../../src/settings/reader-settings');
const { DEFAULT_READER_SETTINGS, READER_KEYS, CUSTOM_CSS_MAX_BYTES } = rs;

function storage() {
  return stub.current!.storage;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  for (const area of [storage().sync, storage().local]) {
    for (const k of Object.keys(area.data)) delete area.data[k];
    area.writes.length = 0;
  }
});

describe('normalizeReaderSettings', () => {
  it('gives the defaults for nothing, junk, or an array', () => {
    for (const raw of [undefined, null, 42, 'x', [], {}]) {
      expect(rs.normalizeReaderSettings(raw)).toEqual(DEFAULT_READER_SETTINGS);
    }
  });

  it('uses a CJK-friendly line height and auto theme by default', () => {
    expect(DEFAULT_READER_SETTINGS.lineHeight).toBe(1.7);
    expect(DEFAULT_READER_SETTINGS.theme).toBe('auto');
    expect(Object.isFrozen(DEFAULT_READER_SETTINGS)).toBe(true);
  });

  it('keeps valid values and replaces each invalid one by the default alone', () => {
    const s = rs.normalizeReaderSettings({
      theme: 'sepia',
      fontSize: 'huge',
      width: 44,
      lineHeight: null,
      latinFont: 'serif',
      cjkFont: 'comic',
      fontWeight: 500,
      cjkSpacing: 'yes',
      showImages: false,
      copyFormat: 'pdf',
      customCss: 7,
      extra: 'ignored',
    });
    expect(s).toEqual({
      ...DEFAULT_READER_SETTINGS,
      theme: 'sepia',
      width: 44,
      latinFont: 'serif',
      fontWeight: 500,
      showImages: false,
    });
    expect(s).not.toHaveProperty('extra');
  });

  it('clamps numbers to their range and rounds them to their step', () => {
    expect(rs.normalizeReaderSettings({ fontSize: 99, width: 1, lineHeight: 9 })).toMatchObject({
      fontSize: rs.RANGES.fontSize.max,
      width: rs.RANGES.width.min,
      lineHeight: rs.RANGES.lineHeight.max,
    });
    expect(rs.normalizeReaderSettings({ fontSize: 17.4, width: 39, lineHeight: 1.64 })).toMatchObject({
      fontSize: 17,
      width: 40,
      lineHeight: 1.6,
    });
    // Float noise never reaches storage.
    expect(rs.clampSetting('lineHeight', 1.5 + 0.1 + 0.1)).toBe(1.7);
    expect(rs.clampSetting('fontSize', '20')).toBe(20);
    expect(rs.clampSetting('fontSize', Number.NaN)).toBe(DEFAULT_READER_SETTINGS.fontSize);
  });

  it('accepts only the known themes, fonts and weights', () => {
    for (const theme of rs.READER_THEMES) expect(rs.normalizeReaderSettings({ theme }).theme).toBe(theme);
    expect(rs.normalizeReaderSettings({ theme: 'DARK' }).theme).toBe('auto');
    expect(rs.normalizeReaderSettings({ fontWeight: 700 }).fontWeight).toBe(400);
    expect(rs.normalizeReaderSettings({ fontWeight: '300' }).fontWeight).toBe(400);
  });

  it('drops custom CSS too large for its storage.sync item', () => {
    const big = 'a{}'.repeat(CUSTOM_CSS_MAX_BYTES);
    expect(rs.normalizeReaderSettings({ customCss: big }).customCss).toBe('');
    // Bytes, not characters: Han characters are three bytes each in UTF-8.
    const han = `/* ${'中'.repeat(Math.floor(CUSTOM_CSS_MAX_BYTES / 3))} */`;
    expect(han.length).toBeLessThan(CUSTOM_CSS_MAX_BYTES);
    expect(rs.customCssBytes(han)).toBeGreaterThan(CUSTOM_CSS_MAX_BYTES);
    expect(rs.normalizeReaderSettings({ customCss: han }).customCss).toBe('');
  });
});

describe('load and save', () => {
  it('loads defaults from an empty storage', async () => {
    expect(await rs.loadReaderSettings()).toEqual(DEFAULT_READER_SETTINGS);
  });

  it('merges a partial change into what is stored, validated', async () => {
    await rs.saveReaderSettings({ theme: 'dark' });
    const next = await rs.saveReaderSettings({ fontSize: 100 });
    expect(next).toMatchObject({ theme: 'dark', fontSize: rs.RANGES.fontSize.max });
    expect(await rs.loadReaderSettings()).toEqual(next);
    expect(storage().sync.data[READER_KEYS.prefs]).toMatchObject({ theme: 'dark', fontSize: 32 });
  });

  it('keeps custom CSS in an item of its own, written only when it changes', async () => {
    await rs.saveReaderSettings({ theme: 'sepia' });
    // The first write into an empty area also records the storage layout's version (src/settings/schema.ts).
    expect(storage().sync.writes.at(-1)).toEqual({ schemaVersion: 2, [READER_KEYS.prefs]: expect.any(Object) as unknown });
    expect(storage().sync.writes.at(-1)![READER_KEYS.prefs]).not.toHaveProperty('customCss');
    await rs.saveReaderSettings({ customCss: '.pnr-title { color: red }' });
    expect(storage().sync.writes.at(-1)).toEqual({ [READER_KEYS.css]: '.pnr-title { color: red }' });
    expect((await rs.loadReaderSettings()).customCss).toBe('.pnr-title { color: red }');
    expect((await rs.loadReaderSettings()).theme).toBe('sepia');
  });

  it('refuses custom CSS over the limit instead of storing something else', async () => {
    await expect(rs.saveReaderSettings({ customCss: 'x'.repeat(CUSTOM_CSS_MAX_BYTES + 1) })).rejects.toThrow(RangeError);
    expect(storage().sync.writes).toHaveLength(0);
  });

  it('reads whatever another version stored without failing', async () => {
    storage().sync.data[READER_KEYS.prefs] = { theme: 'neon', fontSize: 20, unknown: true };
    storage().sync.data[READER_KEYS.css] = 12;
    expect(await rs.loadReaderSettings()).toEqual({ ...DEFAULT_READER_SETTINGS, fontSize: 20 });
  });
});

describe('onReaderSettingsChanged', () => {
  it('tells every subscriber the new settings, for sync changes of our items only', async () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = rs.onReaderSettingsChanged(a);
    const offB = rs.onReaderSettingsChanged(b);
    await rs.saveReaderSettings({ theme: 'dark' });
    await tick();
    await tick();
    expect(a).toHaveBeenCalledTimes(1);
    expect(a.mock.calls[0]![0]).toMatchObject({ theme: 'dark' });
    expect(b).toHaveBeenCalledTimes(1);

    // Not ours: another sync key, and our key in the local area.
    await storage().sync.set({ autoClean: false });
    await storage().local.set({ [READER_KEYS.prefs]: { theme: 'light' } });
    await tick();
    await tick();
    expect(a).toHaveBeenCalledTimes(1);

    offA();
    await rs.saveReaderSettings({ fontSize: 22 });
    await tick();
    await tick();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    expect(b.mock.calls[1]![0]).toMatchObject({ theme: 'dark', fontSize: 22 });
    offB();
    expect(storage().onChanged.size).toBe(0);
  });
});
