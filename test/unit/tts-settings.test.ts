// Read aloud's remembered speed and voices: validated on the way in and out of storage.sync, bounded, exported and
// imported like the other reader settings.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));

const { DEFAULT_READER_SETTINGS, normalizeReaderSettings, readerSettingsFromStorage, writeReaderSettings } =
  await import('../../src/settings/reader-settings');
const { buildSettingsFile, parseSettingsFile } = await import('../../src/settings/transfer');
const { MAX_VOICE_LANGS, MAX_VOICE_NAME, normalizeTtsRate, normalizeTtsVoices, withVoice } = await import('../../src/settings/tts-values');

describe('speed', () => {
  const table: Array<[unknown, number]> = [
    [1, 1],
    [0.5, 0.5],
    [3, 3],
    [2.4, 2.5],
    [0.1, 0.5],
    [10, 3],
    [-1, 0.5],
    [1.3, 1.25],
    ['2', 1],
    [NaN, 1],
    [null, 1],
  ];
  for (const [stored, want] of table) it(`${String(stored)} → ${want}`, () => expect(normalizeTtsRate(stored)).toBe(want));
});

describe('voices per language', () => {
  it('keeps well-formed languages and names only', () => {
    expect(
      normalizeTtsVoices({
        'zh-CN': ' Tingting ',
        'zh-TW': 'Mei-Jia',
        en: 'Alex',
        'not a tag': 'x',
        ja: 42,
        'en-GB': '',
        'en-AU': 'x'.repeat(MAX_VOICE_NAME + 1),
      }),
    ).toEqual({ 'zh-CN': 'Tingting', 'zh-TW': 'Mei-Jia', en: 'Alex' });
    expect(normalizeTtsVoices('{"zh-CN":"Tingting"}')).toEqual({ 'zh-CN': 'Tingting' });
    expect(normalizeTtsVoices([1, 2], { en: 'Alex' })).toEqual({ en: 'Alex' });
  });

  it(`remembers at most ${MAX_VOICE_LANGS} languages: a new choice goes first, the oldest is forgotten`, () => {
    let choices = {};
    for (let i = 0; i < MAX_VOICE_LANGS + 2; i++) choices = withVoice(choices, `x${String.fromCharCode(97 + i)}`, `Voice ${i}`);
    expect(Object.keys(choices)).toHaveLength(MAX_VOICE_LANGS);
    expect(Object.values(choices)[0]).toBe(`Voice ${MAX_VOICE_LANGS + 1}`);
    expect(Object.values(choices)).not.toContain('Voice 0');
    expect(Object.values(choices)).not.toContain('Voice 1');
    // Back to the best match: the language is forgotten.
    expect(withVoice({ 'zh-CN': 'Tingting', en: 'Alex' }, 'zh-CN', null)).toEqual({ en: 'Alex' });
  });
});

describe('in the reader settings', () => {
  it('default to 1× and the best voice; are stored in readerPrefs and read back', () => {
    expect(DEFAULT_READER_SETTINGS).toMatchObject({ ttsRate: 1, ttsVoices: {} });
    const items: Record<string, unknown> = {};
    writeReaderSettings(items, { ttsRate: 1.75, ttsVoices: { 'zh-CN': 'Tingting' } });
    expect(items.readerPrefs).toMatchObject({ ttsRate: 1.75, ttsVoices: { 'zh-CN': 'Tingting' } });
    expect(readerSettingsFromStorage(items)).toMatchObject({ ttsRate: 1.75, ttsVoices: { 'zh-CN': 'Tingting' } });
    // Another device's junk does not get in.
    expect(normalizeReaderSettings({ ttsRate: 'fast', ttsVoices: 'none' })).toMatchObject({ ttsRate: 1, ttsVoices: {} });
  });

  it('travel in the settings file, and a bad value refuses the file', () => {
    const reader = { ...DEFAULT_READER_SETTINGS, ttsRate: 2, ttsVoices: { 'zh-TW': 'Mei-Jia' } };
    const file = buildSettingsFile({ settings: { autoClean: true, sites: {} }, reader, profiles: {} }, new Date(0));
    const back = parseSettingsFile(file.content);
    expect(back.ok && back.value.reader).toMatchObject({ ttsRate: 2, ttsVoices: { 'zh-TW': 'Mei-Jia' } });
    const edited = (patch: object) => {
      const data = JSON.parse(file.content) as { reader: object };
      return JSON.stringify({ ...data, reader: { ...data.reader, ...patch } });
    };
    expect(parseSettingsFile(edited({ ttsRate: 7 }))).toEqual({ ok: false, error: { code: 'invalid', field: 'reader.ttsRate' } });
    expect(parseSettingsFile(edited({ ttsVoices: { 'zh-TW': 5 } }))).toEqual({
      ok: false,
      error: { code: 'invalid', field: 'reader.ttsVoices' },
    });
  });
});
