// A scrollable reader preview of the sanitized article HTML.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { yieldToPage } from '../../content/slices';
import { groupContainer, htmlGroups, installImageFallback, prepareArticleNodes } from '../../ui/article-html';
import { t } from '../../ui/i18n';

export function Preview({
  html,
  htmlBreaks,
  htmlDepths,
  lang,
}: {
  html: string;
  htmlBreaks?: number[];
  htmlDepths?: number[];
  lang: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  // A long article shows its first group at once and the others a task each, as the reader does: a 1 MB
  // article parsed and laid out in one go held the popup for ~400 ms before it showed anything.
  const groups = useMemo(() => htmlGroups({ html, htmlBreaks, htmlDepths }), [html, htmlBreaks, htmlDepths]);
  useEffect(() => (box.current ? installImageFallback(box.current) : undefined), []);
  // The core's DOMPurify output, the only HTML we render: parsed once (inert, then moved in) before the popup
  // paints. As markup through innerHTML it was parsed twice, and serialized in between.
  useLayoutEffect(() => {
    const b = box.current;
    if (!b) return;
    b.replaceChildren(...prepareArticleNodes(groups[0]?.html ?? ''));
    if (groups.length <= 1) return;
    let live = true;
    void (async () => {
      for (const group of groups.slice(1)) {
        await yieldToPage();
        if (!live) return;
        groupContainer(b, group.depth).append(...prepareArticleNodes(group.html));
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
