// The settings file the options page exports and imports. Pure: building the file and validating one.
// The file holds the settings themselves, not the storage layout (the site list is one map, not 16
// shards), so a later layout change does not change what an old file means; `schemaVersion` says which
// version wrote it, and a file from a newer version is refused rather than half-understood.
import { normalizeHost } from '../options/hosts';
import {
  COPY_FORMATS,
  CUSTOM_CSS_MAX_BYTES,
  DEFAULT_READER_SETTINGS,
  FONT_KINDS,
  FONT_WEIGHTS,
  READER_THEMES,
  RANGES,
  clampSetting,
  customCssBytes,
  type NumericSetting,
  type ReaderSettings,
} from './reader-values';
import { MAX_SITE_PROFILES, SCRIPT_TARGETS, isEmptyProfile, lookOf, type SiteProfile, type SiteProfiles } from './profile-values';
import { DEFAULT_SETTINGS, SCHEMA_VERSION, type Settings } from './schema';
import { storedObject } from './stored-object';
import { normalizeTtsRate, normalizeTtsVoices } from './tts-values';

export const EXPORT_APP = 'proxied-news-reader';
export const EXPORT_FILE_NAME = 'proxied-news-settings.json';
/** Far larger than any valid file (storage.sync holds 100 KB): a bigger one is not read. */
export const IMPORT_MAX_BYTES = 1024 * 1024;

export interface SettingsFile {
  app: typeof EXPORT_APP;
  schemaVersion: number;
  exportedAt: string;
  autoClean: boolean;
  sites: Record<string, boolean>;
  reader: ReaderSettings;
  /** Site profiles, host → profile as stored (only what differs from no profile). */
  profiles: Record<string, { autoOpen?: boolean; look?: object; script?: string }>;
}

export interface AllSettings {
  settings: Settings;
  reader: ReaderSettings;
  profiles: SiteProfiles;
}

export function buildSettingsFile(
  { settings, reader, profiles }: AllSettings,
  exportedAt: Date = new Date(),
): { name: string; mime: string; content: string } {
  const sites = Object.fromEntries(
    Object.keys(settings.sites)
      .sort()
      .map((h) => [h, settings.sites[h]!]),
  );
  const file: SettingsFile = {
    app: EXPORT_APP,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    autoClean: settings.autoClean,
    sites,
    reader: { ...reader },
    profiles: Object.fromEntries(
      Object.keys(profiles)
        .sort()
        .map((h) => [h, fileProfile(profiles[h]!)]),
    ),
  };
  return { name: EXPORT_FILE_NAME, mime: 'application/json', content: `${JSON.stringify(file, null, 2)}\n` };
}

/** A profile as the file writes it: what differs from no profile. */
function fileProfile(p: SiteProfile): SettingsFile['profiles'][string] {
  return {
    ...(p.autoOpen ? { autoOpen: true } : {}),
    ...(p.look ? { look: { ...p.look } } : {}),
    ...(p.script !== 'original' ? { script: p.script } : {}),
  };
}

/** Why a file was refused; `field` names the first bad value for `invalid`. */
export type ImportError =
  | { code: 'tooLarge' }
  | { code: 'tooManyProfiles'; count: number; limit: number }
  | { code: 'notJson' }
  | { code: 'notOurs' }
  | { code: 'newer'; version: number }
  | { code: 'invalid'; field: string };

export type ImportResult = { ok: true; value: AllSettings } | { ok: false; error: ImportError };

const NUMERIC = Object.keys(RANGES) as NumericSetting[];

/** The reader settings in a file, each present field checked; missing fields take their defaults. */
function readerFrom(raw: unknown): ReaderSettings | string {
  if (raw === undefined) return { ...DEFAULT_READER_SETTINGS };
  const r = storedObject(typeof raw === 'string' ? undefined : raw);
  if (!r) return 'reader';
  const out: ReaderSettings = { ...DEFAULT_READER_SETTINGS };
  const choices: Array<[keyof ReaderSettings, readonly unknown[]]> = [
    ['theme', READER_THEMES],
    ['latinFont', FONT_KINDS],
    ['cjkFont', FONT_KINDS],
    ['fontWeight', FONT_WEIGHTS],
    ['copyFormat', COPY_FORMATS],
  ];
  for (const [key, allowed] of choices) {
    if (!(key in r)) continue;
    if (!allowed.includes(r[key])) return `reader.${key}`;
    (out as unknown as Record<string, unknown>)[key] = r[key];
  }
  for (const key of NUMERIC) {
    if (!(key in r)) continue;
    // In range and on a step: what this extension writes. Anything else was edited or is from elsewhere.
    if (typeof r[key] !== 'number' || clampSetting(key, r[key]) !== r[key]) return `reader.${key}`;
    out[key] = r[key];
  }
  for (const key of ['cjkSpacing', 'showImages', 'vertical'] as const) {
    if (!(key in r)) continue;
    if (typeof r[key] !== 'boolean') return `reader.${key}`;
    out[key] = r[key];
  }
  // Read aloud: a speed offered, and a voice map as this extension writes it.
  if ('ttsRate' in r) {
    if (typeof r.ttsRate !== 'number' || normalizeTtsRate(r.ttsRate) !== r.ttsRate) return 'reader.ttsRate';
    out.ttsRate = r.ttsRate;
  }
  if ('ttsVoices' in r) {
    const voices = normalizeTtsVoices(typeof r.ttsVoices === 'string' ? null : r.ttsVoices, {});
    if (JSON.stringify(voices) !== JSON.stringify(r.ttsVoices)) return 'reader.ttsVoices';
    out.ttsVoices = voices;
  }
  if ('customCss' in r) {
    if (typeof r.customCss !== 'string' || customCssBytes(r.customCss) > CUSTOM_CSS_MAX_BYTES) return 'reader.customCss';
    out.customCss = r.customCss;
  }
  return out;
}

/**
 * A settings file's text, validated whole: any bad value refuses the file (an import must not write
 * half of what the user chose). Unknown fields are ignored (a later version may add some).
 */
export function parseSettingsFile(text: string): ImportResult {
  const fail = (error: ImportError): ImportResult => ({ ok: false, error });
  if (text.length > IMPORT_MAX_BYTES) return fail({ code: 'tooLarge' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail({ code: 'notJson' });
  }
  const file = storedObject(typeof data === 'string' ? undefined : data);
  if (!file || file.app !== EXPORT_APP) return fail({ code: 'notOurs' });
  const version = file.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail({ code: 'invalid', field: 'schemaVersion' });
  if (version > SCHEMA_VERSION) return fail({ code: 'newer', version });

  let autoClean = DEFAULT_SETTINGS.autoClean;
  if ('autoClean' in file) {
    if (typeof file.autoClean !== 'boolean') return fail({ code: 'invalid', field: 'autoClean' });
    autoClean = file.autoClean;
  }
  const sites: Record<string, boolean> = {};
  if ('sites' in file) {
    const map = storedObject(typeof file.sites === 'string' ? undefined : file.sites);
    if (!map) return fail({ code: 'invalid', field: 'sites' });
    for (const [host, on] of Object.entries(map)) {
      if (normalizeHost(host) !== host || typeof on !== 'boolean') return fail({ code: 'invalid', field: `sites["${host.slice(0, 80)}"]` });
      sites[host] = on;
    }
  }
  const reader = readerFrom(file.reader);
  if (typeof reader === 'string') return fail({ code: 'invalid', field: reader });
  const profiles = profilesFrom(file.profiles);
  if (typeof profiles === 'string') return fail({ code: 'invalid', field: profiles });
  const count = Object.keys(profiles).length;
  if (count > MAX_SITE_PROFILES) return fail({ code: 'tooManyProfiles', count, limit: MAX_SITE_PROFILES });
  return { ok: true, value: { settings: { autoClean, sites }, reader, profiles } };
}

/** The site profiles in a file, each checked as strictly as the reader settings; absent: none. */
function profilesFrom(raw: unknown): SiteProfiles | string {
  if (raw === undefined) return {};
  const map = storedObject(typeof raw === 'string' ? undefined : raw);
  if (!map) return 'profiles';
  const out: SiteProfiles = {};
  for (const [host, value] of Object.entries(map)) {
    const field = `profiles["${host.slice(0, 80)}"]`;
    const p = storedObject(typeof value === 'string' ? undefined : value);
    if (normalizeHost(host) !== host || !p) return field;
    if ('autoOpen' in p && typeof p.autoOpen !== 'boolean') return `${field}.autoOpen`;
    if ('script' in p && !SCRIPT_TARGETS.includes(p.script as SiteProfile['script'])) return `${field}.script`;
    let look: SiteProfile['look'] = null;
    if ('look' in p) {
      const r = readerFrom(p.look);
      if (typeof r === 'string') return `${field}.look${r.slice('reader'.length)}`;
      look = lookOf(r);
    }
    const profile: SiteProfile = {
      autoOpen: p.autoOpen === true,
      look,
      script: (p.script as SiteProfile['script'] | undefined) ?? 'original',
    };
    if (!isEmptyProfile(profile)) out[host] = profile;
  }
  return out;
}
