// A live sample of the reader's appearance settings, with the spacing and language the reader would use.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { type ReaderSettings } from '../../settings/reader-settings';
import { t } from '../../ui/i18n';
import { applyReaderSettings } from '../../ui/reader-style';
import { detectTextLang } from '../../ui/text-lang';
import { insertCjkSpacing, supportsTextAutospace } from '../../reader/cjk-spacing';

/** The appearance settings applied to a sample, as the reader would show them. */
export function Preview({ settings }: { settings: ReaderSettings }) {
  const box = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (box.current) applyReaderSettings(box.current, box.current, settings);
  }, [settings]);
  const css = supportsTextAutospace(typeof window === 'undefined' ? null : window);
  const title = t('options_previewTitle');
  const sample = t('options_previewText');
  useLayoutEffect(() => {
    if (!settings.cjkSpacing || css || !text.current) return;
    return insertCjkSpacing(text.current);
  }, [settings.cjkSpacing, css]);
  return (
    <figure class="preview pnr-theme" ref={box} data-testid="options-preview" aria-labelledby="preview-caption">
      <figcaption id="preview-caption" class="preview-caption">
        {t('options_preview')}
      </figcaption>
      {/* zh-TW for the Traditional sample of the zh_TW locale, so the glyphs are the reader's for such text. */}
      <div class="preview-article" lang={detectTextLang(title + sample)}>
        <p class="preview-title">{title}</p>
        <p ref={text} class="preview-text" data-autospace={settings.cjkSpacing ? (css ? 'css' : 'spans') : undefined}>
          {sample}
        </p>
      </div>
    </figure>
  );
}
