// A scrollable reader preview of the sanitized article HTML.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { installImageFallback, prepareArticleHtml } from '../../ui/article-html';
import { t } from '../../ui/i18n';

export function Preview({ html, lang }: { html: string; lang: string }) {
  const box = useRef<HTMLDivElement>(null);
  const prepared = useMemo(() => prepareArticleHtml(html), [html]);
  useEffect(() => (box.current ? installImageFallback(box.current) : undefined), []);
  return (
    <section class="preview-section" aria-labelledby="preview-heading">
      <h2 id="preview-heading" class="section-heading">
        {t('popup_preview')}
      </h2>
      <div
        ref={box}
        class="preview pnr-prose"
        data-testid="preview"
        lang={lang}
        tabIndex={0}
        aria-labelledby="preview-heading"
        // The core's DOMPurify output: the only HTML we render.
        dangerouslySetInnerHTML={{ __html: prepared }}
      />
    </section>
  );
}
