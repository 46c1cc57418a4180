// A scrollable reader preview of the sanitized article HTML.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { yieldToPage } from '../../content/slices';
import { htmlGroups, installImageFallback, prepareArticleNodes } from '../../ui/article-html';
import { t } from '../../ui/i18n';
import { cutAfter, FIRST_SCREEN_CHARS } from '../../reader/first-screen';

export function Preview({ html, htmlBreaks, lang }: { html: string; htmlBreaks?: number[]; lang: string }) {
  const box = useRef<HTMLDivElement>(null);
  // A long article shows its first group at once and the others a task each, as the reader does: a 1 MB
  // article parsed and laid out in one go held the popup for ~400 ms before it showed anything.
  const groups = useMemo(() => htmlGroups({ html, htmlBreaks }), [html, htmlBreaks]);
  useEffect(() => (box.current ? installImageFallback(box.current) : undefined), []);
  // The core's DOMPurify output, the only HTML we render: parsed once (inert, then moved in) before the popup
  // paints. As markup through innerHTML it was parsed twice, and serialized in between.
  // A long first group shows its first screenful at once too, and the rest of it a task later (first-screen.ts).
  useLayoutEffect(() => {
    const b = box.current;
    if (!b) return;
    const first = prepareArticleNodes(groups[0] ?? '');
    const root = first[0]?.parentElement;
    const rest = root && (groups[0] ?? '').length > 2 * FIRST_SCREEN_CHARS ? cutAfter(root) : null;
    b.replaceChildren(...(root ? Array.from(root.childNodes) : first));
    if (groups.length <= 1 && !rest) return;
    let live = true;
    void (async () => {
      if (rest) {
        await yieldToPage();
        if (!live) return;
        // The element they came from is in the preview now (moved, not copied).
        rest.box.append(...rest.nodes);
      }
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
      <div ref={box} class="preview pnr-prose" data-testid="preview" lang={lang} tabIndex={0} aria-labelledby="preview-heading" />
    </section>
  );
}
