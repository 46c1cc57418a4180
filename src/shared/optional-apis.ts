// Namespaces a browser may lack: Firefox for Android has no context menus (`contextMenus`/`menus`) and no
// keyboard `commands`. Detected by what the browser object holds, never by the user agent: what is absent is
// simply not offered (no menu item, no shortcut hint) and nothing throws.
import type { Browser, Commands, Menus } from 'webextension-polyfill';

interface MaybeApis {
  contextMenus?: Partial<Menus.Static>;
  menus?: Partial<Menus.Static>;
  commands?: Partial<Commands.Static>;
}

/** `contextMenus` (Chrome, Firefox) or Firefox's alias `menus`; null when neither can add an item. */
export function menusOf(browser: Browser): Menus.Static | null {
  const b = browser as unknown as MaybeApis;
  for (const api of [b.contextMenus, b.menus]) {
    if (api && typeof api.create === 'function' && typeof api.onClicked?.addListener === 'function') return api as Menus.Static;
  }
  return null;
}

/** `commands` when keyboard shortcuts exist; null otherwise. */
export function commandsOf(browser: Browser): Commands.Static | null {
  const api = (browser as unknown as MaybeApis).commands;
  return api && typeof api.onCommand?.addListener === 'function' ? (api as Commands.Static) : null;
}
