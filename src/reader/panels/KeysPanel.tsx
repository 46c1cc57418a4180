// The `?` list: the reader's keyboard shortcuts, written from the same table the keys are handled by.
import { t } from '../../ui/i18n';
import { HELP_ROWS, keyLabel, READER_KEYS } from '../keymap';
import { PanelFrame } from '../tool-button';

export function KeysPanel() {
  return (
    <PanelFrame panel="keys" label={t('keys_title')}>
      {/* Focused when `?` opens it, so a screen reader reads the list out. */}
      <dl class="pnr-keys" tabIndex={-1} data-testid="keys-list">
        {HELP_ROWS.map((row) => {
          const combos = row.keys ?? READER_KEYS.filter((b) => b.action === row.action).map(keyLabel);
          return (
            <div class="pnr-keys-row" key={row.action} data-keys-action={row.action}>
              <dt>
                {combos.map((combo, i) => (
                  <span key={i}>
                    {i > 0 && <span class="pnr-keys-or"> {t('keys_or')} </span>}
                    {combo.map((k, j) => (
                      <span key={k}>
                        {j > 0 && '+'}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </span>
                ))}
              </dt>
              <dd>{t(row.message)}</dd>
            </div>
          );
        })}
      </dl>
    </PanelFrame>
  );
}
