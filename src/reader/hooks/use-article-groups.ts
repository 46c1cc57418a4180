// A long article shows its first group at once and the others follow, one a frame (a 5 MB article parsed and laid
// out in one go froze the page for seconds).
import { useEffect, useMemo, useState, type MutableRef } from 'preact/hooks';
import type { Article } from '../../core/types';
import { afterNextFrame } from '../../content/slices';
import { groupContainer, htmlGroups, prepareArticleHtml, prepareArticleNodes } from '../../ui/article-html';

export interface ArticleGroups {
  /** The first group's sanitized HTML: what the body renders. Stable across re-renders, so Preact leaves the
   *  rendered body (and our decorations) alone. */
  html: string;
  /** The whole article is in the body. */
  complete: boolean;
  /** Settles once it is (read aloud takes its paragraphs then). Made with the groups, before any effect runs: a
   *  click may come first. */
  allIn: Promise<void>;
}

export function useArticleGroups(article: Article, body: MutableRef<HTMLElement | null>): ArticleGroups {
  const groups = useMemo(() => htmlGroups(article), [article]);
  const html = useMemo(() => prepareArticleHtml(groups[0]?.html ?? ''), [groups]);
  const [complete, setComplete] = useState(groups.length <= 1);
  const allIn = useMemo(() => {
    let done = (): void => undefined;
    const promise = groups.length <= 1 ? Promise.resolve() : new Promise<void>((resolve) => (done = resolve));
    return { promise, done };
  }, [groups]);

  useEffect(() => {
    const b = body.current;
    if (groups.length <= 1 || !b) return;
    let live = true;
    const win = b.ownerDocument.defaultView ?? window;
    void (async () => {
      for (const group of groups.slice(1)) {
        // In the idle time after a frame: each group is laid out in a frame of its own.
        await afterNextFrame(win);
        if (!live) return;
        groupContainer(b, group.depth).append(...prepareArticleNodes(group.html));
      }
      // Text split where two groups met reads as one node again, as one parse of the whole would give it.
      b.normalize();
      setComplete(true);
      allIn.done();
    })();
    return () => {
      live = false;
    };
  }, [groups, allIn, body]);

  return { html, complete, allIn: allIn.promise };
}
