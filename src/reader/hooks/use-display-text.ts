// Display-only text changes, in a fixed order (convert, then space, then the upright runs of vertical writing) and
// undone in reverse, so either can change
// without the other losing track of the text nodes.
import { useLayoutEffect, type MutableRef } from 'preact/hooks';
import { convertTextNodes, type Converter } from '../chinese-convert';
import { insertCjkSpacing } from '../cjk-spacing';
import { markVerticalRuns } from '../vertical';

export type Spacing = 'css' | 'spans' | 'off';

export function useDisplayText(
  articleEl: MutableRef<HTMLElement | null>,
  body: MutableRef<HTMLElement | null>,
  converter: Converter | null,
  spacing: Spacing,
  complete: boolean,
  vertical = false,
): void {
  useLayoutEffect(() => {
    const art = articleEl.current;
    const b = body.current;
    if (!art || !b) return;
    const undoConvert = converter ? convertTextNodes(art, converter) : null;
    const undoSpacing = spacing === 'spans' ? insertCjkSpacing(b) : null;
    const undoVertical = vertical ? markVerticalRuns(art) : null;
    return () => {
      undoVertical?.();
      undoSpacing?.();
      undoConvert?.();
    };
    // Again over the whole article once its last group is in.
  }, [articleEl, body, converter, spacing, complete, vertical]);
}
