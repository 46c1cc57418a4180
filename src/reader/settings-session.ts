// The open reader's settings: the global ones with this host's profile over them (src/settings/profile-values.ts).
// Shown at once, saved shortly after the last change, followed from storage. A change of a look key goes to the
// host's profile when it keeps a look ("remembered for this site"), everything else to the global settings.
import {
  DEFAULT_READER_SETTINGS,
  loadReaderSettings,
  normalizeReaderSettings,
  onReaderSettingsChanged,
  saveReaderSettings,
  type ReaderSettings,
} from '../settings/reader-settings';
import {
  loadSiteProfiles,
  lookOf,
  onSiteProfilesChanged,
  settingsForHost,
  splitChange,
  updateSiteProfile,
  type ProfileLook,
  type ScriptTarget,
  type SiteProfile,
  type SiteProfiles,
} from '../settings/site-profiles';

const SAVE_DELAY_MS = 400;

/** What the reader's profile control shows and does. */
export interface SiteControls {
  /** The host profiles are kept for ('' where there is none: the control is not shown). */
  host: string;
  profile: SiteProfile | null;
  /** Keeps the current look and `script` for this host (a new profile, or the existing one updated). */
  remember: (script: ScriptTarget) => Promise<void>;
  /** Forgets the look and 简/繁 target kept for this host: the global settings apply again (auto-open stays as set). */
  forget: () => Promise<void>;
  setAutoOpen: (on: boolean) => Promise<void>;
  /** The reader's 简/繁 target changed: kept when this host's look is remembered. */
  noteScript: (script: ScriptTarget) => void;
}

export interface SettingsSession {
  /** The settings in effect: global, with the profile's look over them. */
  readonly settings: ReaderSettings;
  /** The 简/繁 target this host's profile opens with. */
  readonly script: ScriptTarget;
  readonly site: SiteControls;
  change: (partial: Partial<ReaderSettings>) => void;
  /** Writes what is waiting and stops following storage. */
  close: () => void;
}

export function settingsSession(opts: {
  hostname: string;
  global?: ReaderSettings;
  profiles?: SiteProfiles;
  onUpdate: () => void;
}): SettingsSession {
  let global: ReaderSettings = opts.global ?? { ...DEFAULT_READER_SETTINGS };
  let resolved = settingsForHost(global, opts.profiles ?? {}, opts.hostname);
  const { host } = resolved;
  let profile = resolved.profile;
  let unsaved: Partial<ReaderSettings> | null = null;
  let unsavedLook: Partial<ProfileLook> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let saving = 0;
  let closed = false;

  const refresh = () => {
    resolved = settingsForHost(global, profile ? { [host]: profile } : {}, host);
    opts.onUpdate();
  };

  const track = <T>(work: Promise<T>): Promise<T> => {
    saving++;
    return work.finally(() => saving--);
  };

  const flushSave = (): void => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (unsaved) void track(saveReaderSettings(unsaved)).catch(() => undefined);
    const look = unsavedLook;
    if (look && host)
      void track(updateSiteProfile(host, (p) => (p?.look ? { ...p, look: { ...p.look, ...look } } : p))).catch(() => undefined);
    unsaved = unsavedLook = null;
  };

  const change = (partial: Partial<ReaderSettings>): void => {
    const split = splitChange(partial, profile);
    global = normalizeReaderSettings(split.global, global);
    if (Object.keys(split.global).length) unsaved = { ...unsaved, ...split.global };
    if (split.look && profile?.look) {
      profile = { ...profile, look: lookOf(normalizeReaderSettings(split.look, { ...global, ...profile.look })) };
      unsavedLook = { ...unsavedLook, ...split.look };
    }
    clearTimeout(saveTimer);
    saveTimer = setTimeout(flushSave, SAVE_DELAY_MS);
    refresh();
  };

  // While our own change is on its way, storage still holds the one before it.
  const quiet = () => closed || unsaved !== null || unsavedLook !== null || saving > 0;
  const offGlobal = onReaderSettingsChanged((next) => {
    if (quiet()) return;
    global = next;
    refresh();
  });
  const offProfiles = onSiteProfilesChanged((all) => {
    if (quiet() || !host) return;
    profile = all[host] ?? null;
    refresh();
  });
  if (!opts.global) void loadReaderSettings().then((g) => !quiet() && ((global = g), refresh()));
  if (!opts.profiles && host) void loadSiteProfiles().then((all) => !quiet() && ((profile = all[host] ?? null), refresh()));

  /** Writes `change` of this host's profile now (a click: no delay), then shows what was stored. */
  const edit = async (fn: (p: SiteProfile | null) => SiteProfile | null): Promise<void> => {
    flushSave();
    profile = await track(updateSiteProfile(host, fn));
    refresh();
  };

  const site: SiteControls = {
    host,
    get profile() {
      return profile;
    },
    remember: (script) => edit((p) => ({ autoOpen: p?.autoOpen ?? false, look: lookOf(resolved.settings), script })),
    forget: () => edit((p) => (p ? { ...p, look: null, script: 'original' } : null)),
    setAutoOpen: (on) => edit((p) => ({ look: null, script: 'original', ...p, autoOpen: on })),
    noteScript: (script) => {
      if (!profile?.look || profile.script === script) return;
      void edit((p) => (p?.look ? { ...p, script } : p)).catch(() => undefined);
    },
  };

  return {
    get settings() {
      return resolved.settings;
    },
    get script() {
      return resolved.script;
    },
    site,
    change,
    close: () => {
      if (closed) return;
      flushSave();
      closed = true;
      offGlobal();
      offProfiles();
    },
  };
}
