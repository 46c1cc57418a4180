// Reader appearance controls, shared by the reader's panel, the popup (compact) and the options page.
// Plain form controls (radio groups in fieldsets, buttons with names), so every one is reachable and
// labelled for keyboard and screen-reader users without extra ARIA machinery.
import type { ComponentChildren } from 'preact';
import {
  DEFAULT_READER_SETTINGS,
  FONT_KINDS,
  FONT_WEIGHTS,
  RANGES,
  READER_THEMES,
  clampSetting,
  type FontKind,
  type FontWeight,
  type NumericSetting,
  type ReaderSettings,
  type ReaderTheme,
} from '../settings/reader-settings';
import { t } from './i18n';

const THEME_LABEL: Record<ReaderTheme, string> = {
  auto: 'set_themeAuto',
  light: 'set_themeLight',
  sepia: 'set_themeSepia',
  dark: 'set_themeDark',
};
const LATIN_LABEL: Record<FontKind, string> = { sans: 'set_latinSans', serif: 'set_latinSerif' };
const CJK_LABEL: Record<FontKind, string> = { sans: 'set_cjkSans', serif: 'set_cjkSerif' };
const WEIGHT_LABEL: Record<FontWeight, string> = { 300: 'set_weightLight', 400: 'set_weightRegular', 500: 'set_weightMedium' };

interface StepperText {
  label: string;
  less: string;
  more: string;
}
const STEPPERS: Record<NumericSetting, StepperText> = {
  fontSize: { label: 'set_fontSize', less: 'set_fontSizeLess', more: 'set_fontSizeMore' },
  width: { label: 'set_width', less: 'set_widthLess', more: 'set_widthMore' },
  lineHeight: { label: 'set_lineHeight', less: 'set_lineHeightLess', more: 'set_lineHeightMore' },
};

function display(name: NumericSetting, value: number): string {
  if (name === 'fontSize') return t('set_px', String(value));
  if (name === 'width') return t('set_em', String(value));
  return value.toFixed(1);
}

export interface AppearanceProps {
  settings: ReaderSettings;
  onChange: (partial: Partial<ReaderSettings>) => void;
  /** Prefix for ids and radio names: more than one set of controls may be on a page. */
  idPrefix: string;
  /** Theme and text size only (the popup). */
  compact?: boolean;
  /** Offer vertical writing (竖排): a Chinese or Japanese article, or the options page's defaults. */
  vertical?: boolean;
  /** A site profile's look (options page): "Show images" is a global setting, not offered there. */
  lookOnly?: boolean;
  /** Extra content at the end (e.g. the popup's "All options" button). */
  children?: ComponentChildren;
}

function Radios<T extends string | number>(props: {
  legend: string;
  name: string;
  values: readonly T[];
  labels: Record<string, string>;
  value: T;
  onPick: (value: T) => void;
  swatches?: boolean;
  setting: string;
}) {
  return (
    <fieldset class={`pnr-field pnr-seg${props.swatches ? ' pnr-swatches' : ''}`} data-setting={props.setting}>
      <legend class="pnr-field-label">{props.legend}</legend>
      <div class="pnr-seg-options">
        {props.values.map((v) => (
          <label key={String(v)} class={`pnr-seg-option${props.swatches ? ` pnr-swatch pnr-swatch-${v}` : ''}`}>
            <input type="radio" name={props.name} value={String(v)} checked={props.value === v} onChange={() => props.onPick(v)} />
            <span>{t(props.labels[String(v)]!)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Stepper({ name, settings, onChange, idPrefix }: { name: NumericSetting } & Omit<AppearanceProps, 'compact'>) {
  const value = settings[name];
  const { min, max, step } = RANGES[name];
  const text = STEPPERS[name];
  const labelId = `${idPrefix}-${name}-label`;
  const set = (v: number) => onChange({ [name]: clampSetting(name, v) });
  return (
    <div class="pnr-field pnr-stepper" role="group" aria-labelledby={labelId} data-setting={name}>
      <span class="pnr-field-label" id={labelId}>
        {t(text.label)}
      </span>
      <div class="pnr-stepper-row">
        <button
          type="button"
          class="pnr-step"
          aria-label={t(text.less)}
          title={t(text.less)}
          disabled={value <= min}
          onClick={() => set(value - step)}
          data-step="less"
        >
          <span aria-hidden="true">−</span>
        </button>
        <output class="pnr-step-value" aria-live="polite">
          {display(name, value)}
        </output>
        <button
          type="button"
          class="pnr-step"
          aria-label={t(text.more)}
          title={t(text.more)}
          disabled={value >= max}
          onClick={() => set(value + step)}
          data-step="more"
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
    </div>
  );
}

function Switch({
  setting,
  checked,
  label,
  onToggle,
}: {
  setting: string;
  checked: boolean;
  label: string;
  onToggle: (on: boolean) => void;
}) {
  return (
    <label class="pnr-check" data-setting={setting}>
      <input type="checkbox" checked={checked} onChange={(e) => onToggle(e.currentTarget.checked)} />
      <span>{label}</span>
    </label>
  );
}

export function AppearanceControls(props: AppearanceProps) {
  const { settings, onChange, idPrefix, compact } = props;
  return (
    <div class={`pnr-appearance${compact ? ' pnr-appearance-compact' : ''}`}>
      <Radios
        legend={t('set_theme')}
        name={`${idPrefix}-theme`}
        values={READER_THEMES}
        labels={THEME_LABEL}
        value={settings.theme}
        onPick={(theme) => onChange({ theme })}
        swatches
        setting="theme"
      />
      <Stepper name="fontSize" settings={settings} onChange={onChange} idPrefix={idPrefix} />
      {!compact && (
        <>
          <Stepper name="width" settings={settings} onChange={onChange} idPrefix={idPrefix} />
          <Stepper name="lineHeight" settings={settings} onChange={onChange} idPrefix={idPrefix} />
          <Radios
            legend={t('set_latinFont')}
            name={`${idPrefix}-latin`}
            values={FONT_KINDS}
            labels={LATIN_LABEL}
            value={settings.latinFont}
            onPick={(latinFont) => onChange({ latinFont })}
            setting="latinFont"
          />
          <Radios
            legend={t('set_cjkFont')}
            name={`${idPrefix}-cjk`}
            values={FONT_KINDS}
            labels={CJK_LABEL}
            value={settings.cjkFont}
            onPick={(cjkFont) => onChange({ cjkFont })}
            setting="cjkFont"
          />
          <Radios
            legend={t('set_fontWeight')}
            name={`${idPrefix}-weight`}
            values={FONT_WEIGHTS}
            labels={WEIGHT_LABEL}
            value={settings.fontWeight}
            onPick={(fontWeight) => onChange({ fontWeight })}
            setting="fontWeight"
          />
          <Switch
            setting="cjkSpacing"
            checked={settings.cjkSpacing}
            label={t('set_cjkSpacing')}
            onToggle={(cjkSpacing) => onChange({ cjkSpacing })}
          />
          {props.vertical && (
            <Switch
              setting="vertical"
              checked={settings.vertical}
              label={t('vertical_switch')}
              onToggle={(vertical) => onChange({ vertical })}
            />
          )}
          {!props.lookOnly && (
            <Switch
              setting="showImages"
              checked={settings.showImages}
              label={t('set_showImages')}
              onToggle={(showImages) => onChange({ showImages })}
            />
          )}
          <button
            type="button"
            class="pnr-btn pnr-btn-quiet"
            data-action="reset-appearance"
            onClick={() => {
              const { copyFormat: _c, customCss: _css, ttsRate: _r, ttsVoices: _v, ...look } = DEFAULT_READER_SETTINGS;
              onChange(look);
            }}
          >
            {t('set_reset')}
          </button>
        </>
      )}
      {props.children}
    </div>
  );
}
