// Display-only changes of the article's text, in a fixed order and undone in reverse, so any of them can change
// without the others losing track of the text nodes: highlights are drawn on the original text, then the spacers go
// in, then the upright runs of vertical writing, and last the 简/繁 conversion rewrites the (split) text nodes, each
// remembering its original (originalData), so a new selection anchors on the article's own text. (Spacers and
// upright runs look for Han next to Latin letters and digits, which the conversion does not change.)
import { useLayoutEffect, type MutableRef } from 'preact/hooks';
import { applyMarks } from '../../core/highlight-marks';
import type { Highlight } from '../../core/highlights';
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
  highlights: readonly Highlight[] = [],
  /** Told which highlights were not found in the text (re-run each time). */
  onMissing?: (ids: string[]) => void,
): void {
  useLayoutEffect(() => {
    const art = articleEl.current;
    const b = body.current;
    if (!art || !b) return;
    const marks = highlights.length ? applyMarks(b, highlights) : null;
    onMissing?.(marks ? marks.missing.map((h) => h.id) : []);
    const undoSpacing = spacing === 'spans' ? insertCjkSpacing(b) : null;
    const undoVertical = vertical ? markVerticalRuns(art) : null;
    const undoConvert = converter ? convertTextNodes(art, converter) : null;
    return () => {
      undoConvert?.();
      undoVertical?.();
      undoSpacing?.();
      marks?.undo();
    };
    // Again over the whole article once its last group is in.
  }, [articleEl, body, converter, spacing, complete, vertical, highlights, onMissing]);
}
