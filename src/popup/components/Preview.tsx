// A scrollable reader preview of the sanitized article HTML.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { yieldToPage } from '../../content/slices';
import { htmlGroups, installImageFallback, prepareArticleHtml, prepareArticleNodes } from '../../ui/article-html';
import { t } from '../../ui/i18n';

export function Preview({ html, htmlBreaks, lang }: { html: string; htmlBreaks?: number[]; lang: string }) {
  const box = useRef<HTMLDivElement>(null);
  // A long article shows its first group at once and the others a task each, as the reader does: a 1 MB
  // article parsed and laid out in one go held the popup for ~400 ms before it showed anything.
  const groups = useMemo(() => htmlGroups({ html, htmlBreaks }), [html, htmlBreaks]);
  const prepared = useMemo(() => prepareArticleHtml(groups[0] ?? ''), [groups]);
  useEffect(() => (box.current ? installImageFallback(box.current) : undefined), []);
  useEffect(() => {
    const b = box.current;
    if (groups.length <= 1 || !b) return;
    let live = true;
    void (async () => {
      for (const group of groups.slice(1)) {
        await yieldToPage();
        if (!live) return;
        b.append(...prepareArticleNodes(group));
      }
      b.normalize();
    })();
    return () => {
      live = false;
    };
  }, [groups]);
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
