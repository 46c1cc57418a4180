// Whether this content script's extension is still there. When the extension is updated, reloaded or disabled,
// Chrome keeps the old content script running in open tabs with its extension APIs gone: `runtime.id` turns
// undefined and every call throws "Extension context invalidated". Nothing tells the script; it has to look.
import browser from 'webextension-polyfill';

/** How often a started content script looks (a property read): an open reader closes within this time. */
export const CONTEXT_CHECK_MS = 1000;

export function contextAlive(): boolean {
  try {
    return typeof browser.runtime?.id === 'string';
  } catch {
    return false;
  }
}

/**
 * Calls `onLost` once, when the extension context is found gone: every CONTEXT_CHECK_MS, and at once when the user
 * comes back to the tab or presses a key or a button (before the page or our reader acts on it). Until `signal`
 * aborts. `alive` is for tests.
 */
export function watchContext(onLost: () => void, signal: AbortSignal, win: Window = window, alive: () => boolean = contextAlive): void {
  if (signal.aborted) return;
  let lost = false;
  const check = () => {
    if (lost || signal.aborted || alive()) return;
    lost = true;
    clearInterval(timer);
    onLost();
  };
  // check runs only from this interval and the listeners below, so never before timer is set.
  const timer = setInterval(check, CONTEXT_CHECK_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  const options = { capture: true, passive: true, signal };
  for (const type of ['keydown', 'pointerdown', 'focus']) win.addEventListener(type, check, options);
  win.document.addEventListener('visibilitychange', check, options);
}
