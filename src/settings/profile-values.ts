// Per-site profiles: on one host the reader may open by itself, and keep its own look, 简/繁 target and
// Han–Latin spacing. Pure (no extension API): their types, validation, storage layout and the resolver
// "settings for this host" that the reader, the content script and the options page share.
//
// Layout: SITE_PROFILE_SHARDS items `siteProfiles.0` … `.15` in storage.sync, each a map host → stored
// profile, a host in the shard its name hashes to (as the auto-clean sites: one site's change rewrites one
// small item). A stored profile leaves out what is at its default, to keep the items small.
import { normalizeHost } from '../options/hosts';
import { DEFAULT_READER_SETTINGS, normalizeReaderSettings, type ReaderSettings } from './reader-values';
import { hostHash } from './sites-layout';
import { storedObject } from './stored-object';

/** The reader settings a profile keeps: its appearance and CJK typography. The rest stays global. */
export const PROFILE_LOOK_KEYS = [
  'theme',
  'fontSize',
  'width',
  'lineHeight',
  'latinFont',
  'cjkFont',
  'fontWeight',
  'cjkSpacing',
  'vertical',
] as const satisfies ReadonlyArray<keyof ReaderSettings>;

export type ProfileLookKey = (typeof PROFILE_LOOK_KEYS)[number];
export type ProfileLook = Pick<ReaderSettings, ProfileLookKey>;

/** The reader's 简/繁 target (src/reader/chinese-convert.ts ConvertTarget). */
export type ScriptTarget = 'original' | 'simplified' | 'traditional';
export const SCRIPT_TARGETS: readonly ScriptTarget[] = ['original', 'simplified', 'traditional'];

export interface SiteProfile {
  /** Open the reader by itself once an article of this host is cleaned. */
  autoOpen: boolean;
  /** The look kept for this host, or null: the global appearance applies. */
  look: ProfileLook | null;
  /** The 简/繁 target the reader opens with on this host (Chinese articles). */
  script: ScriptTarget;
}

export type SiteProfiles = Record<string, SiteProfile>;

/**
 * At most this many hosts have a profile. A full profile with a 60-character host takes about 290 bytes:
 * 100 of them are ~29 KB over 16 items, beside the other settings' 42 KB at their largest (102,400 allowed).
 */
export const MAX_SITE_PROFILES = 100;
export const SITE_PROFILE_SHARDS = 16;
export const PROFILES_PREFIX = 'siteProfiles';
export const SITE_PROFILE_KEYS: readonly string[] = Array.from({ length: SITE_PROFILE_SHARDS }, (_, i) => `${PROFILES_PREFIX}.${i}`);

export const EMPTY_PROFILE: Readonly<SiteProfile> = Object.freeze({ autoOpen: false, look: null, script: 'original' });

/** A profile that asks for nothing is no profile: it is removed rather than stored. */
export function isEmptyProfile(p: SiteProfile): boolean {
  return !p.autoOpen && p.look === null && p.script === 'original';
}

/** Too many profiles: the new one is refused, nothing is written. */
export class ProfileLimitError extends Error {
  constructor(readonly limit: number = MAX_SITE_PROFILES) {
    super(`at most ${limit} sites can have a profile; forget one first`);
    this.name = 'ProfileLimitError';
  }
}

export function profileShardKey(host: string): string {
  return SITE_PROFILE_KEYS[hostHash(host) % SITE_PROFILE_SHARDS]!;
}

export function isProfileKey(key: string): boolean {
  return SITE_PROFILE_KEYS.includes(key);
}

/** The look keys of `settings`. */
export function lookOf(settings: ReaderSettings): ProfileLook {
  return Object.fromEntries(PROFILE_LOOK_KEYS.map((k) => [k, settings[k]])) as unknown as ProfileLook;
}

/** Whatever storage holds for a look, made valid (each bad or missing value takes its default). */
function normalizeLook(raw: unknown): ProfileLook | null {
  const r = storedObject(raw);
  if (!r) return null;
  const known = Object.fromEntries(PROFILE_LOOK_KEYS.filter((k) => k in r).map((k) => [k, r[k]]));
  return lookOf(normalizeReaderSettings(known, DEFAULT_READER_SETTINGS));
}

/** A stored profile (or one from a file, a hand edit, another version) made valid; null when it is no object. */
export function normalizeProfile(raw: unknown): SiteProfile | null {
  const r = storedObject(raw);
  if (!r) return null;
  return {
    autoOpen: r.autoOpen === true,
    look: normalizeLook(r.look),
    script: SCRIPT_TARGETS.includes(r.script as ScriptTarget) ? (r.script as ScriptTarget) : 'original',
  };
}

/** What a profile is stored as: only what differs from "no profile". */
export function storedProfile(p: SiteProfile): Record<string, unknown> {
  return {
    ...(p.autoOpen ? { autoOpen: true } : {}),
    ...(p.look ? { look: lookOf({ ...DEFAULT_READER_SETTINGS, ...p.look }) } : {}),
    ...(p.script !== 'original' ? { script: p.script } : {}),
  };
}

/** Every valid profile in the items (whichever shard holds it); hosts normalized, empty profiles dropped. */
export function profilesFromItems(items: Record<string, unknown>): SiteProfiles {
  const out: SiteProfiles = {};
  for (const key of SITE_PROFILE_KEYS) {
    const shard = storedObject(items[key]);
    if (!shard) continue;
    for (const [raw, value] of Object.entries(shard)) {
      const host = normalizeHost(raw);
      const profile = normalizeProfile(value);
      if (host && profile && !isEmptyProfile(profile)) out[host] = profile;
    }
  }
  return out;
}

/** `profiles` as shard items: every shard key, `undefined` for an empty shard (removed from storage). */
export function profileItems(profiles: SiteProfiles): Record<string, unknown> {
  const shards: Record<string, Record<string, unknown>> = {};
  for (const host of Object.keys(profiles).sort()) {
    const p = profiles[host]!;
    if (isEmptyProfile(p)) continue;
    (shards[profileShardKey(host)] ??= {})[host] = storedProfile(p);
  }
  return Object.fromEntries(SITE_PROFILE_KEYS.map((key) => [key, shards[key]]));
}

/** `profiles` with `host`'s profile set (or removed, for null or an empty one); refuses a profile past the bound. */
export function withProfile(profiles: SiteProfiles, host: string, profile: SiteProfile | null): SiteProfiles {
  const out = { ...profiles };
  if (!profile || isEmptyProfile(profile)) delete out[host];
  else {
    if (!(host in out) && Object.keys(out).length >= MAX_SITE_PROFILES) throw new ProfileLimitError();
    out[host] = profile;
  }
  return out;
}

/** What the reader opens with on one host. */
export interface HostSettings {
  /** The host as profiles are keyed, or '' where there is none (a file, a data: page). */
  host: string;
  profile: SiteProfile | null;
  /** The global settings with the profile's look over them. */
  settings: ReaderSettings;
  script: ScriptTarget;
  autoOpen: boolean;
}

/** The profile key for a page's `location.hostname`: as the options page writes hosts (lower case, no final dot). */
export function profileHost(hostname: string): string {
  return normalizeHost(hostname) ?? '';
}

/** The resolver: the settings that apply on `hostname`, from the global ones and the profiles. */
export function settingsForHost(global: ReaderSettings, profiles: SiteProfiles, hostname: string): HostSettings {
  const host = profileHost(hostname);
  const profile = (host && Object.prototype.hasOwnProperty.call(profiles, host) ? profiles[host] : undefined) ?? null;
  return {
    host,
    profile,
    settings: profile?.look ? { ...global, ...profile.look } : global,
    script: profile?.script ?? 'original',
    autoOpen: profile?.autoOpen ?? false,
  };
}

/**
 * Where a change made in the reader goes: with a look kept for this host, its look keys go to the profile and
 * the rest (images, copy format, custom CSS) to the global settings; without one, all of it is global.
 */
export function splitChange(
  partial: Partial<ReaderSettings>,
  profile: SiteProfile | null,
): { global: Partial<ReaderSettings>; look: Partial<ProfileLook> | null } {
  if (!profile?.look) return { global: partial, look: null };
  const global: Partial<ReaderSettings> = {};
  const look: Partial<ProfileLook> = {};
  for (const [k, v] of Object.entries(partial)) {
    if ((PROFILE_LOOK_KEYS as readonly string[]).includes(k)) (look as Record<string, unknown>)[k] = v;
    else (global as Record<string, unknown>)[k] = v;
  }
  return { global, look: Object.keys(look).length ? look : null };
}
