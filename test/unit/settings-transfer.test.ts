// The settings file: what export writes, and what import accepts or refuses (src/settings/transfer.ts).
import { describe, expect, it } from 'vitest';
import { CUSTOM_CSS_MAX_BYTES, DEFAULT_READER_SETTINGS } from '../../src/settings/reader-values';
import { SCHEMA_VERSION } from '../../src/settings/schema';
import { EXPORT_APP, EXPORT_FILE_NAME, buildSettingsFile, parseSettingsFile, type AllSettings } from '../../src/settings/transfer';

const ALL: AllSettings = {
  settings: { autoClean: false, sites: { 'zfe.space': true, 'news.zfe.space': false } },
  reader: { ...DEFAULT_READER_SETTINGS, theme: 'dark', fontSize: 24, lineHeight: 2.1, customCss: '.pnr-title { color: "红" }' },
  profiles: {},
};

const file = (over: Record<string, unknown>) => JSON.stringify({ app: EXPORT_APP, schemaVersion: SCHEMA_VERSION, ...over });

describe('export', () => {
  it('writes every setting with the app marker, the schema version and the date, sites sorted', () => {
    const out = buildSettingsFile(ALL, new Date('2026-12-05T12:00:00Z'));
    expect(out.name).toBe(EXPORT_FILE_NAME);
    expect(out.name).toBe('proxied-news-settings.json');
    expect(out.mime).toBe('application/json');
    const data = JSON.parse(out.content) as Record<string, unknown>;
    expect(data).toEqual({
      app: 'proxied-news-reader',
      schemaVersion: SCHEMA_VERSION,
      exportedAt: '2026-12-05T12:00:00.000Z',
      autoClean: false,
      sites: { 'news.zfe.space': false, 'zfe.space': true },
      reader: ALL.reader,
      profiles: {},
    });
    expect(Object.keys(data.sites as object)).toEqual(['news.zfe.space', 'zfe.space']);
  });

  it('reads back as the same settings', () => {
    expect(parseSettingsFile(buildSettingsFile(ALL).content)).toEqual({ ok: true, value: ALL });
  });
});

describe('import', () => {
  it('accepts a file with fields missing (defaults) or unknown (ignored)', () => {
    const r = parseSettingsFile(file({ reader: { theme: 'sepia' }, fromTheFuture: 1 }));
    expect(r).toEqual({
      ok: true,
      value: { settings: { autoClean: true, sites: {} }, reader: { ...DEFAULT_READER_SETTINGS, theme: 'sepia' }, profiles: {} },
    });
  });

  it('accepts a file of an older schema version', () => {
    expect(parseSettingsFile(file({ schemaVersion: 1, autoClean: false })).ok).toBe(true);
  });

  it.each([
    ['empty', '', { code: 'notJson' }],
    ['not JSON', 'theme=dark', { code: 'notJson' }],
    ['truncated JSON', file({ autoClean: false }).slice(0, 30), { code: 'notJson' }],
    ['a JSON array', '[1,2]', { code: 'notOurs' }],
    ['JSON null', 'null', { code: 'notOurs' }],
    ['a JSON string', JSON.stringify(file({})), { code: 'notOurs' }],
    ['another app’s file', JSON.stringify({ app: 'other-extension', schemaVersion: 1 }), { code: 'notOurs' }],
    ['no marker', JSON.stringify({ schemaVersion: 2, autoClean: true }), { code: 'notOurs' }],
    ['a newer schema version', file({ schemaVersion: SCHEMA_VERSION + 1 }), { code: 'newer', version: SCHEMA_VERSION + 1 }],
    ['no schema version', JSON.stringify({ app: EXPORT_APP }), { code: 'invalid', field: 'schemaVersion' }],
    ['a schema version as a string', file({ schemaVersion: '2' }), { code: 'invalid', field: 'schemaVersion' }],
    ['autoClean a string', file({ autoClean: 'yes' }), { code: 'invalid', field: 'autoClean' }],
    ['sites an array', file({ sites: ['news.zfe.space'] }), { code: 'invalid', field: 'sites' }],
    ['sites a JSON string', file({ sites: '{"a.test":true}' }), { code: 'invalid', field: 'sites' }],
    ['a site that is no host name', file({ sites: { 'not a host': true } }), { code: 'invalid', field: 'sites["not a host"]' }],
    ['a host not in normal form', file({ sites: { 'News.ZFE.space': true } }), { code: 'invalid', field: 'sites["News.ZFE.space"]' }],
    ['a site switch not boolean', file({ sites: { 'a.test': 1 } }), { code: 'invalid', field: 'sites["a.test"]' }],
    ['reader a number', file({ reader: 5 }), { code: 'invalid', field: 'reader' }],
    ['an unknown theme', file({ reader: { theme: 'neon' } }), { code: 'invalid', field: 'reader.theme' }],
    ['a font size out of range', file({ reader: { fontSize: 99 } }), { code: 'invalid', field: 'reader.fontSize' }],
    ['a line height off its step', file({ reader: { lineHeight: 1.75 } }), { code: 'invalid', field: 'reader.lineHeight' }],
    ['a number as a string', file({ reader: { width: '40' } }), { code: 'invalid', field: 'reader.width' }],
    ['showImages not boolean', file({ reader: { showImages: 'no' } }), { code: 'invalid', field: 'reader.showImages' }],
    [
      'custom CSS over its cap',
      file({ reader: { customCss: 'x'.repeat(CUSTOM_CSS_MAX_BYTES) } }),
      { code: 'invalid', field: 'reader.customCss' },
    ],
    ['over 1 MB', ' '.repeat(1024 * 1024 + 1), { code: 'tooLarge' }],
  ])('refuses %s', (_name, text, error) => {
    expect(parseSettingsFile(text)).toEqual({ ok: false, error });
  });
});
