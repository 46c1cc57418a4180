// 简/繁: show the article in its own script, Simplified or Traditional (display only).
import { t } from '../../ui/i18n';
import type { ConvertTarget } from '../chinese-convert';
import type { ChineseScript } from '../hooks/use-chinese-script';
import { PanelFrame } from '../tool-button';

const CONVERT_LABEL: Record<ConvertTarget, string> = {
  original: 'conv_original',
  simplified: 'conv_simplified',
  traditional: 'conv_traditional',
};

export function ConvertPanel({ script }: { script: ChineseScript }) {
  return (
    <PanelFrame panel="convert" label={t('conv_heading')}>
      <fieldset class="pnr-field pnr-seg" aria-busy={script.converting} data-setting="convert">
        <legend class="pnr-field-label">{t('conv_heading')}</legend>
        <div class="pnr-seg-options">
          {(['original', 'simplified', 'traditional'] as const).map((v) => (
            <label key={v} class="pnr-seg-option">
              <input
                type="radio"
                name="pnr-convert"
                value={v}
                checked={script.target === v}
                disabled={script.converting}
                onChange={() => void script.pick(v)}
              />
              <span>{t(CONVERT_LABEL[v])}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <p class="pnr-panel-note">{script.converting ? t('conv_loading') : t('conv_note')}</p>
    </PanelFrame>
  );
}
