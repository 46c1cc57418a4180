// Site profiles (src/settings/profile-values.ts): each host with a profile, its auto-open switch, its own look
// (the shared appearance controls), its 简/繁 target and a Remove button; a form to add one.
import { useState } from 'preact/hooks';
import {
  PROFILE_LOOK_KEYS,
  SCRIPT_TARGETS,
  lookOf,
  type ProfileLook,
  type ScriptTarget,
  type SiteProfile,
  type SiteProfiles as Profiles,
} from '../../settings/profile-values';
import type { ReaderSettings } from '../../settings/reader-settings';
import { AppearanceControls } from '../../ui/appearance';
import { t } from '../../ui/i18n';
import { normalizeHost } from '../hosts';

const SCRIPT_LABEL: Record<ScriptTarget, string> = {
  original: 'conv_original',
  simplified: 'conv_simplified',
  traditional: 'conv_traditional',
};

export type SaveProfile = (host: string, profile: SiteProfile | null) => Promise<boolean>;

export function SiteProfiles({ profiles, global, onSave }: { profiles: Profiles; global: ReaderSettings; onSave: SaveProfile }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const hosts = Object.keys(profiles).sort();

  const add = async (event: Event) => {
    event.preventDefault();
    const host = normalizeHost(draft);
    if (!host) return setError(t('options_hostInvalid'));
    if (profiles[host]) return setError(t('profile_exists', host));
    setError(null);
    // A new profile starts from the global look, which the user then changes for this site.
    if (await onSave(host, { autoOpen: false, look: lookOf(global), script: 'original' })) setDraft('');
  };

  return (
    <div class="profiles">
      <p class="hint">{t('profile_optionsHint')}</p>
      {hosts.length === 0 ? (
        <p class="empty" data-testid="no-profiles">
          {t('profile_none')}
        </p>
      ) : (
        <ul class="profile-list" data-testid="profile-list">
          {hosts.map((host, i) => (
            <ProfileRow key={host} host={host} index={i} profile={profiles[host]!} global={global} onSave={onSave} />
          ))}
        </ul>
      )}
      <form class="add-site" onSubmit={(e) => void add(e)} data-testid="add-profile">
        <label class="field">
          <span class="pnr-field-label">{t('profile_addLabel')}</span>
          <input
            type="text"
            name="host"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="news.zfe.space"
            value={draft}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'profile-error' : undefined}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="pnr-btn pnr-btn-primary" data-action="add-profile">
          {t('profile_add')}
        </button>
        {error && (
          <p class="field-error" id="profile-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}

function ProfileRow({
  host,
  index,
  profile,
  global,
  onSave,
}: {
  host: string;
  index: number;
  profile: SiteProfile;
  global: ReaderSettings;
  onSave: SaveProfile;
}) {
  const id = `profile-${index}`;
  const save = (next: Partial<SiteProfile>) => void onSave(host, { ...profile, ...next });
  const changeLook = (partial: Partial<ReaderSettings>) => {
    const look: Partial<ProfileLook> = Object.fromEntries(
      Object.entries(partial).filter(([k]) => (PROFILE_LOOK_KEYS as readonly string[]).includes(k)),
    );
    if (profile.look) save({ look: { ...profile.look, ...look } });
  };
  return (
    <li class="profile" data-host={host}>
      <div class="profile-head">
        <h3 class="subheading profile-host" id={`${id}-host`}>
          {host}
        </h3>
        <button
          type="button"
          class="pnr-btn"
          data-action="remove-profile"
          aria-label={t('profile_remove', host)}
          onClick={() => void onSave(host, null)}
        >
          {t('options_remove')}
        </button>
      </div>
      <label class="pnr-check">
        <input
          type="checkbox"
          data-setting="profile-auto-open"
          checked={profile.autoOpen}
          onChange={(e) => save({ autoOpen: e.currentTarget.checked })}
        />
        <span>{t('profile_autoOpenShort')}</span>
      </label>
      <fieldset class="pnr-field pnr-seg" data-setting="profile-script">
        <legend class="pnr-field-label">{t('profile_script')}</legend>
        <div class="pnr-seg-options">
          {SCRIPT_TARGETS.map((s) => (
            <label key={s} class="pnr-seg-option">
              <input type="radio" name={`${id}-script`} value={s} checked={profile.script === s} onChange={() => save({ script: s })} />
              <span>{t(SCRIPT_LABEL[s])}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label class="pnr-check">
        <input
          type="checkbox"
          data-setting="profile-own-look"
          checked={profile.look !== null}
          onChange={(e) => save({ look: e.currentTarget.checked ? lookOf(global) : null })}
        />
        <span>{t('profile_ownLook')}</span>
      </label>
      {profile.look && (
        <details class="profile-look">
          <summary>{t('profile_lookOf', host)}</summary>
          <AppearanceControls settings={{ ...global, ...profile.look }} onChange={changeLook} idPrefix={id} vertical lookOnly />
        </details>
      )}
    </li>
  );
}
