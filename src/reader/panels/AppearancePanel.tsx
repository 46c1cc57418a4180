// The Appearance panel: the shared appearance controls (with vertical writing for a Chinese or Japanese article),
// and this site's profile: "remember for this site" (look, 简/繁, spacing), forget it, open the reader by itself.
import { useState } from 'preact/hooks';
import { ProfileLimitError, type ScriptTarget } from '../../settings/profile-values';
import type { ReaderSettings } from '../../settings/reader-settings';
import { AppearanceControls } from '../../ui/appearance';
import { t } from '../../ui/i18n';
import { errorText, type Status } from '../../ui/use-status';
import type { SiteControls } from '../settings-session';
import { PanelFrame } from '../tool-button';

export function AppearancePanel(props: {
  settings: ReaderSettings;
  onSettings: (partial: Partial<ReaderSettings>) => void;
  site?: SiteControls;
  verticalFits: boolean;
  script: ScriptTarget;
}) {
  return (
    <PanelFrame panel="appearance" label={t('reader_appearance')}>
      <AppearanceControls settings={props.settings} onChange={props.onSettings} idPrefix="pnr-reader" vertical={props.verticalFits} />
      {props.site?.host && <SiteProfileControl site={props.site} script={props.script} />}
    </PanelFrame>
  );
}

function SiteProfileControl({ site, script }: { site: SiteControls; script: ScriptTarget }) {
  const [note, setNote] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const { host, profile } = site;

  const run = async (work: () => Promise<void>, done: string) => {
    setBusy(true);
    try {
      await work();
      setNote({ text: t(done, host), tone: 'ok' });
    } catch (err) {
      const text = err instanceof ProfileLimitError ? t('profile_limit', String(err.limit)) : t('profile_saveFailed', errorText(err));
      setNote({ text, tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="pnr-site-profile" role="group" aria-labelledby="pnr-site-profile-label" data-testid="site-profile">
      <p class="pnr-field-label" id="pnr-site-profile-label">
        {t('profile_heading', host)}
      </p>
      <p class="pnr-panel-note" data-testid="site-profile-state">
        {profile?.look ? t('profile_kept', host) : t('profile_global')}
      </p>
      <div class="pnr-panel-row">
        {profile?.look ? (
          <button
            type="button"
            class="pnr-btn"
            data-action="forget-site"
            disabled={busy}
            onClick={() => void run(site.forget, 'profile_forgotten')}
          >
            {t('profile_forget')}
          </button>
        ) : (
          <button
            type="button"
            class="pnr-btn"
            data-action="remember-site"
            disabled={busy}
            onClick={() => void run(() => site.remember(script), 'profile_saved')}
          >
            {t('profile_remember')}
          </button>
        )}
      </div>
      <label class="pnr-check" data-setting="autoOpen">
        <input
          type="checkbox"
          checked={profile?.autoOpen ?? false}
          disabled={busy}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            void run(() => site.setAutoOpen(on), on ? 'profile_autoOpenOn' : 'profile_autoOpenOff');
          }}
        />
        <span>{t('profile_autoOpen', host)}</span>
      </label>
      <p class={`pnr-panel-note${note?.tone === 'error' ? ' pnr-status-error' : ''}`} role="status" data-testid="site-profile-note">
        {note?.text ?? ''}
      </p>
    </div>
  );
}
