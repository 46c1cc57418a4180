// Reader preferences: their types, ranges, defaults and validation, and how they map onto their two
// storage.sync items. Pure (no extension API): the storage schema, the export file and the tests use it.
// Every stored value is validated on the way in and out: storage.sync is shared with other devices,
// which may run an older or newer version of this extension.
import { storedObject } from './stored-object';
import { DEFAULT_TTS_RATE, normalizeTtsRate, normalizeTtsVoices, type VoiceChoices } from './tts-values';

export type ReaderTheme = 'auto' | 'light' | 'sepia' | 'dark';
export type FontKind = 'sans' | 'serif';
export type FontWeight = 300 | 400 | 500;
export type CopyFormatSetting = 'text' | 'markdown' | 'html';

export interface ReaderSettings {
  /** `auto` follows the system's prefers-color-scheme. */
  theme: ReaderTheme;
  /** Body text size in CSS px. */
  fontSize: number;
  /** Text column width in em of the body text (≈ characters per line for Han text). */
  width: number;
  lineHeight: number;
  /** Font family for Latin text. */
  latinFont: FontKind;
  /** Font family for Han and kana text (黑体 / 宋体·明体). */
  cjkFont: FontKind;
  fontWeight: FontWeight;
  /** Extra space where Han text meets Latin letters or digits ("中文English" → "中文 English"), display only. */
  cjkSpacing: boolean;
  showImages: boolean;
  /** Vertical writing (竖排: columns from right to left) for Chinese and Japanese articles; others stay horizontal. */
  vertical: boolean;
  /** The format of the reader's Copy button and the popup's highlighted one. */
  copyFormat: CopyFormatSetting;
  /**
   * The user's own CSS for the reader, as they wrote it (comments and layout kept). It is sanitized
   * where it is applied (src/ui/custom-css.ts): nothing in it can load a resource.
   */
  customCss: string;
  // ---- Read aloud (tts-values.ts)
  /** Speech rate, 0.5 to 3. */
  ttsRate: number;
  /** The voice chosen per reading language, by name: `{ 'zh-CN': 'Tingting' }`. */
  ttsVoices: VoiceChoices;
}

export const READER_THEMES: readonly ReaderTheme[] = ['auto', 'light', 'sepia', 'dark'];
export const FONT_KINDS: readonly FontKind[] = ['sans', 'serif'];
export const FONT_WEIGHTS: readonly FontWeight[] = [300, 400, 500];
export const COPY_FORMATS: readonly CopyFormatSetting[] = ['text', 'markdown', 'html'];

/** Numeric settings: range and step, shared by validation and the UI's −/+ controls. */
export const RANGES = {
  fontSize: { min: 14, max: 32, step: 1 },
  width: { min: 24, max: 60, step: 2 },
  lineHeight: { min: 1.2, max: 2.4, step: 0.1 },
} as const;

export type NumericSetting = keyof typeof RANGES;

export const DEFAULT_READER_SETTINGS: Readonly<ReaderSettings> = Object.freeze({
  theme: 'auto',
  fontSize: 18,
  width: 38,
  // Han text needs more leading than Latin text: 1.7 is the usual CJK body setting.
  lineHeight: 1.7,
  latinFont: 'sans',
  cjkFont: 'sans',
  fontWeight: 400,
  cjkSpacing: false,
  showImages: true,
  vertical: false,
  copyFormat: 'markdown',
  customCss: '',
  ttsRate: DEFAULT_TTS_RATE,
  ttsVoices: Object.freeze({}),
});

/**
 * storage.sync allows 8,192 bytes per item (key + JSON value). The custom CSS gets an item of its
 * own and this cap, so a long stylesheet cannot make the other preferences unsavable.
 */
export const CUSTOM_CSS_MAX_BYTES = 7000;

/** Storage keys: one item for the small preferences, one for the custom CSS. */
export const READER_KEYS = { prefs: 'readerPrefs', css: 'readerCustomCss' } as const;

function oneOf<T>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Rounded to the setting's step and clamped to its range; non-numbers fall back. */
export function clampSetting(name: NumericSetting, value: unknown, fallback: number = DEFAULT_READER_SETTINGS[name]): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fallback;
  const { min, max, step } = RANGES[name];
  const stepped = Math.round(n / step) * step;
  // Keep one decimal for line height (0.1 steps): 1.7000000000000002 is no value to store.
  const rounded = Math.round(stepped * 10) / 10;
  return Math.min(max, Math.max(min, rounded));
}

/** UTF-8 size of the JSON item storage.sync would count for the custom CSS. */
export function customCssBytes(css: string): number {
  return new TextEncoder().encode(READER_KEYS.css + JSON.stringify(css)).length;
}

/** Whatever storage holds (or a partial update), made into valid settings over `base`. */
export function normalizeReaderSettings(raw: unknown, base: ReaderSettings = DEFAULT_READER_SETTINGS): ReaderSettings {
  const r = storedObject(raw) ?? {};
  const has = (k: keyof ReaderSettings) => Object.prototype.hasOwnProperty.call(r, k);
  const css = has('customCss') && typeof r.customCss === 'string' ? r.customCss : base.customCss;
  return {
    theme: has('theme') ? oneOf(READER_THEMES, r.theme, base.theme) : base.theme,
    fontSize: has('fontSize') ? clampSetting('fontSize', r.fontSize, base.fontSize) : base.fontSize,
    width: has('width') ? clampSetting('width', r.width, base.width) : base.width,
    lineHeight: has('lineHeight') ? clampSetting('lineHeight', r.lineHeight, base.lineHeight) : base.lineHeight,
    latinFont: has('latinFont') ? oneOf(FONT_KINDS, r.latinFont, base.latinFont) : base.latinFont,
    cjkFont: has('cjkFont') ? oneOf(FONT_KINDS, r.cjkFont, base.cjkFont) : base.cjkFont,
    fontWeight: has('fontWeight') ? oneOf(FONT_WEIGHTS, r.fontWeight, base.fontWeight) : base.fontWeight,
    cjkSpacing: has('cjkSpacing') && typeof r.cjkSpacing === 'boolean' ? r.cjkSpacing : base.cjkSpacing,
    showImages: has('showImages') && typeof r.showImages === 'boolean' ? r.showImages : base.showImages,
    vertical: has('vertical') && typeof r.vertical === 'boolean' ? r.vertical : base.vertical,
    copyFormat: has('copyFormat') ? oneOf(COPY_FORMATS, r.copyFormat, base.copyFormat) : base.copyFormat,
    // Too large for its storage item: not ours to truncate mid-rule, so it is dropped.
    customCss: customCssBytes(css) <= CUSTOM_CSS_MAX_BYTES ? css : base.customCss,
    ttsRate: has('ttsRate') ? normalizeTtsRate(r.ttsRate, base.ttsRate) : base.ttsRate,
    ttsVoices: has('ttsVoices') ? normalizeTtsVoices(r.ttsVoices, base.ttsVoices) : base.ttsVoices,
  };
}

/** The two storage items, as `storage.sync.get` returns them, made into settings. */
export function readerSettingsFromStorage(items: Record<string, unknown>): ReaderSettings {
  const prefs = items[READER_KEYS.prefs];
  const css = items[READER_KEYS.css];
  const base = normalizeReaderSettings(prefs);
  return typeof css === 'string' ? normalizeReaderSettings({ customCss: css }, base) : base;
}
