// The reader's keyboard: the key map's actions (keymap.ts), and Esc closing the top-most panel before the reader.
// Listens on the reader's dialog, so nothing is bound while the reader is closed; the overlay's host stops the keys
// from going on to the page. A panel opened by key takes the focus, and gives it back where it was when it closes.
import { useEffect, useRef, type MutableRef } from 'preact/hooks';
import { t } from '../../ui/i18n';
import type { Status } from '../../ui/use-status';
import { focusBlock, inView, NAV_ATTRIBUTE } from '../block-focus';
import { actionFor, ESCAPE_EVENT, isTypingTarget, type ReaderAction } from '../keymap';
import { firstVisibleParagraph } from '../reading-position';
import type { Panel } from '../tool-button';

export interface ReaderKeysOptions {
  dialog: MutableRef<HTMLElement | null>;
  scroller: MutableRef<HTMLElement | null>;
  paragraphs: () => HTMLElement[];
  panel: Panel | null;
  togglePanel: (panel: Panel) => void;
  /** Why a panel cannot open (no outline, no speech), or null when it can. */
  unavailable: (panel: Panel) => string | null;
  flash: (status: Status) => void;
  reducedMotion?: boolean;
}

const PANEL_OF: Partial<Record<ReaderAction, Panel>> = { outline: 'outline', appearance: 'appearance', listen: 'listen', help: 'keys' };

export function useReaderKeys(opts: ReaderKeysOptions): void {
  // Listeners are added once; they read the latest options here.
  const latest = useRef(opts);
  latest.current = opts;
  /** A panel opened by key, to be focused once it is rendered. */
  const focusPending = useRef<Panel | null>(null);
  /** Where the focus was when a key opened the panel (`nav`: a paragraph j/k had moved to). */
  const returnTo = useRef<{ el: HTMLElement; nav: boolean } | null>(null);
  const { dialog, panel } = opts;

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const root = el.getRootNode() as Document | ShadowRoot;

    /**
     * Closes the open panel. The focus goes back where a key opened the panel from (a paragraph j/k had reached is
     * focused again as j/k would), else to the panel's button; on a block of the article the outline or j/k moved
     * it to, it stays.
     */
    const closePanel = (open: Panel): void => {
      const from = returnTo.current;
      returnTo.current = null;
      latest.current.togglePanel(open);
      if (root.activeElement?.hasAttribute(NAV_ATTRIBUTE)) return;
      const view = latest.current.scroller.current;
      if (from?.el.isConnected && from.nav && view) focusBlock(from.el, view, { aim: 'nearest', smooth: false });
      else if (from?.el.isConnected) from.el.focus({ preventScroll: true });
      if (!from || root.activeElement !== from.el) el.querySelector<HTMLElement>(`[data-panel="${open}"]`)?.focus({ preventScroll: true });
    };

    const onEscape = (event: Event): void => {
      const open = latest.current.panel;
      if (!open) return;
      event.preventDefault();
      closePanel(open);
    };

    const openByKey = (wanted: Panel): void => {
      const { panel: open, togglePanel, unavailable, flash } = latest.current;
      if (open === wanted) return closePanel(wanted);
      const why = unavailable(wanted);
      if (why) return flash({ text: why, tone: 'error' });
      // Where the user was, unless that was in the panel this one replaces.
      const active = root.activeElement as HTMLElement | null;
      if (active && !active.closest('.pnr-panel')) returnTo.current = { el: active, nav: active.hasAttribute(NAV_ATTRIBUTE) };
      focusPending.current = wanted;
      togglePanel(wanted);
    };

    const step = (by: 1 | -1): void => {
      const { scroller, paragraphs, reducedMotion } = latest.current;
      const view = scroller.current;
      const list = paragraphs();
      if (!view || list.length === 0) return;
      const active = root.activeElement;
      const at = active ? list.findIndex((p) => p === active || p.contains(active)) : -1;
      // From the focused paragraph while it is in view; after scrolling away by other means, from what is in view.
      const next = at >= 0 && inView(list[at]!, view) ? Math.min(list.length - 1, Math.max(0, at + by)) : firstVisibleParagraph(view, list);
      focusBlock(list[next]!, view, { aim: 'nearest', smooth: !reducedMotion });
    };

    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isTypingTarget(event.composedPath()[0] ?? event.target)) return;
      const action = actionFor(event);
      if (!action) return;
      event.preventDefault();
      const target = PANEL_OF[action];
      if (target) openByKey(target);
      else step(action === 'next' ? 1 : -1);
    };

    el.addEventListener('keydown', onKeyDown);
    el.addEventListener(ESCAPE_EVENT, onEscape);
    return () => {
      el.removeEventListener('keydown', onKeyDown);
      el.removeEventListener(ESCAPE_EVENT, onEscape);
    };
  }, [dialog]);

  // Once the panel a key asked for is there: the focus into it (in the outline, on the section in view). A task
  // later: the panel's own first update (the outline's current section) renders in between.
  useEffect(() => {
    // Closed some other way (its button): the place to return to is stale.
    if (!panel) returnTo.current = null;
    const wanted = focusPending.current;
    if (!wanted || wanted !== panel) return;
    focusPending.current = null;
    const timer = setTimeout(() => {
      const frame = dialog.current?.querySelector(`#pnr-panel-${panel}`);
      const target =
        frame?.querySelector<HTMLElement>('[aria-current]') ??
        frame?.querySelector<HTMLElement>('button:not([disabled]), input:not([disabled]), select, textarea, [tabindex="-1"]');
      target?.focus({ preventScroll: true });
    }, 0);
    return () => clearTimeout(timer);
  }, [panel, dialog]);
}

/** The reason `o` or `l` cannot open its panel, shown in the status line. */
export function unavailableReason(panel: Panel, has: { outline: boolean; speech: boolean }): string | null {
  if (panel === 'outline' && !has.outline) return t('outline_none');
  if (panel === 'listen' && !has.speech) return t('tts_unavailable');
  return null;
}
