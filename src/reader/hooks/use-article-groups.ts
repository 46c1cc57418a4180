// A long article shows its first group at once and the others follow, a task each (a 5 MB article parsed and laid
// out in one go froze the page for seconds).
import { useEffect, useMemo, useState, type MutableRef } from 'preact/hooks';
import type { Article } from '../../core/types';
import { yieldToPage } from '../../content/slices';
import { htmlGroups, prepareArticleNodes } from '../../ui/article-html';
import { firstScreen, placeRest } from '../first-screen';

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
  // The first group itself may be cut after a screenful (first-screen.ts), its rest placed back a task later.
  const first = useMemo(() => firstScreen(groups[0] ?? ''), [groups]);
  const { html } = first;
  const whole = groups.length <= 1 && first.rest === null;
  const [complete, setComplete] = useState(whole);
  const allIn = useMemo(() => {
    let done = (): void => undefined;
    const promise = whole ? Promise.resolve() : new Promise<void>((resolve) => (done = resolve));
    return { promise, done };
  }, [groups, first]);

  useEffect(() => {
    const b = body.current;
    if (whole || !b) return;
    let live = true;
    void (async () => {
      if (first.rest) {
        await yieldToPage();
        if (!live) return;
        placeRest(b, first.rest);
      }
      for (const group of groups.slice(1)) {
        await yieldToPage();
        if (!live) return;
        b.append(...prepareArticleNodes(group));
      }
      // Text split where two groups met reads as one node again, as one parse of the whole would give it.
      b.normalize();
      setComplete(true);
      allIn.done();
    })();
    return () => {
      live = false;
    };
  }, [groups, first, allIn, body]);

  return { html, complete, allIn: allIn.promise };
}
