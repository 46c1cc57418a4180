// The outline in the reader: found once the body is in (again after 简/繁 changed its text), the section being read
// followed while the panel is open, and a jump that scrolls there and moves the focus with it.
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRef } from 'preact/hooks';
import { along, focusBlock, holdAtStart, inView } from '../block-focus';
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
  // The entry just jumped to stays current while it is in view, until the user scrolls by hand: near the end two
  // headings can share the last screen, and the one clicked is the one meant.
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
      const pin = pinned.current;
      if (pin !== null && entries[pin] && inView(entries[pin].el, el)) return setCurrent(pin);
      pinned.current = null;
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
    const byHand = (): void => {
      pinned.current = null;
    };
    const hands = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
    update();
    el.addEventListener('scroll', onScroll, { passive: true });
    for (const type of hands) el.addEventListener(type, byHand, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', onScroll);
      for (const type of hands) el.removeEventListener(type, byHand);
    };
  }, [tracking, entries, scroller]);

  const jump = useCallback(
    (index: number) => {
      const entry = entries[index];
      const el = scroller.current;
      if (!entry || !el) return;
      pinned.current = index;
      setCurrent(index);
      // The focus goes with the view, as an in-page link moves it: Tab and j/k go on from the section.
      focusBlock(entry.el, el, { aim: 'start', smooth: !reducedMotion });
      release.current();
      release.current = holdAtStart(entry.el, el, HOLD_MS);
    },
    [entries, scroller, reducedMotion],
  );

  const tree = useMemo(() => outlineTree(entries), [entries]);
  return { entries, tree, current, jump };
}
