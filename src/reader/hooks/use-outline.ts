// The outline in the reader: found once the body is in (again after 简/繁 changed its text), the section being read
// followed while the panel is open, and a jump that scrolls there and moves the focus with it.
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRef } from 'preact/hooks';
import { along, focusBlock, holdAtStart } from '../block-focus';
import { currentSection, findOutline, outlineTree, type OutlineEntry, type OutlineNode } from '../outline';
import { scrollAxis, scrollProgress } from '../reading-position';

/** How long a jumped-to heading is kept in place while pictures before it arrive. */
const HOLD_MS = 5000;

export interface OutlineView {
  entries: OutlineEntry[];
  tree: OutlineNode[];
  /** The entry of the section in view (marked aria-current), null above the first; followed only while tracking. */
  current: number | null;
  jump: (index: number) => void;
}

export function useOutline(opts: {
  body: MutableRef<HTMLElement | null>;
  scroller: MutableRef<HTMLElement | null>;
  title: string;
  /** Bold lead lines count as headings (Chinese and Japanese articles). */
  boldLeads: boolean;
  /** Changes whenever the body's text does: the whole article in, 简/繁 applied or undone. */
  version: unknown;
  /** The panel is open: follow the scrolling. */
  tracking: boolean;
  reducedMotion?: boolean;
}): OutlineView {
  const { body, scroller, title, boldLeads, version, tracking, reducedMotion } = opts;
  const [entries, setEntries] = useState<OutlineEntry[]>([]);
  const [current, setCurrent] = useState<number | null>(null);
  // The entry just jumped to stays current while it is held in place (block-focus.ts: until the user scrolls by hand,
  // or a few seconds): the smooth scroll passes other sections on its way, and near the end two headings can share
  // the last screen, where the one clicked is the one meant.
  const pinned = useRef<number | null>(null);
  /** Ends the hold of the last jump's heading at the start of the view (block-focus.ts). */
  const release = useRef<() => void>(() => undefined);
  useEffect(() => () => release.current(), []);

  useEffect(() => {
    if (body.current) setEntries(findOutline(body.current, { title, boldLeads }));
  }, [body, title, boldLeads, version]);

  useEffect(() => {
    const el = scroller.current;
    if (!tracking || !el || entries.length === 0) return;
    let frame = 0;
    const update = (): void => {
      frame = 0;
      if (pinned.current !== null) return setCurrent(pinned.current);
      // Along the reading axis: down, or leftwards in vertical writing.
      const axis = scrollAxis(el);
      const view = along(el.getBoundingClientRect(), axis);
      const size = view.end - view.start;
      const starts = entries.map((e) => along(e.el.getBoundingClientRect(), axis).start - view.start);
      const { at, range } = scrollProgress(el, axis);
      // A heading in the first quarter of the view starts the section being read.
      setCurrent(currentSection(starts, size / 4, { height: size, atEnd: at >= range - 2 }));
    };
    const onScroll = (): void => {
      frame ||= requestAnimationFrame(update);
    };
    update();
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', onScroll);
    };
  }, [tracking, entries, scroller]);

  const jump = useCallback(
    (index: number) => {
      const entry = entries[index];
      const el = scroller.current;
      if (!entry || !el) return;
      release.current();
      pinned.current = index;
      setCurrent(index);
      // The focus goes with the view, as an in-page link moves it: Tab and j/k go on from the section.
      focusBlock(entry.el, el, { aim: 'start', smooth: !reducedMotion });
      release.current = holdAtStart(entry.el, el, HOLD_MS, () => {
        pinned.current = null;
      });
    },
    [entries, scroller, reducedMotion],
  );

  const tree = useMemo(() => outlineTree(entries), [entries]);
  return { entries, tree, current, jump };
}
