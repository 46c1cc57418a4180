// The popup's first question to the page, asked before the rest of the popup has loaded: the build loads this
// module by itself ahead of the others (vite.config.ts, `popupFirstAsk`), so the content script prepares its
// answer while the popup's own modules load, evaluate and render. No imports (a type only): the browser's own
// promise API (Chrome MV3's `chrome`, Firefox's `browser`), not the polyfill, which loads with the rest.
import type { PageState } from '../shared/messages';

interface TabsApi {
  tabs: {
    query(query: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number }>>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
}

export interface FirstAsk {
  /** The tab the popup acts on (see `targetTab`). */
  tab: Promise<number>;
  /** `pnr:get-state` of that tab, once: null when `tabId` is not the tab asked, or it was taken already. */
  stateFor(tabId: number): Promise<PageState> | null;
}

/** `?tab=<id>` of the popup's own URL, or null. */
export function tabFromQuery(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

/** The tab to act on: `?tab=<id>` when given (tests), else the active tab of this window. */
export async function targetTab(api: TabsApi, search: string): Promise<number> {
  const fromQuery = tabFromQuery(search);
  if (fromQuery !== null) return fromQuery;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('no active tab');
  return tab.id;
}

/** Asks `api` for the target tab's state now. */
export function askFirst(api: TabsApi, search: string): FirstAsk {
  let asked: number | null = null;
  let taken = false;
  const tab = targetTab(api, search);
  const state = tab.then((id) => {
    asked = id;
    return api.tabs.sendMessage(id, { type: 'pnr:get-state' }) as Promise<PageState>;
  });
  // Whoever takes them handles their failures (no receiver: a browser page); unhandled until then they are not.
  tab.catch(() => undefined);
  state.catch(() => undefined);
  return {
    tab,
    stateFor(tabId) {
      if (taken || asked !== tabId) return null;
      taken = true;
      return state;
    },
  };
}

function browserTabs(): TabsApi | null {
  const g = globalThis as { browser?: Partial<TabsApi>; chrome?: Partial<TabsApi> };
  const api = g.browser?.tabs ? g.browser : g.chrome;
  return typeof api?.tabs?.sendMessage === 'function' ? (api as TabsApi) : null;
}

// At module evaluation: the reason this module exists. Outside an extension page (unit tests) there is no API.
const tabs = browserTabs();
let first: FirstAsk | null = tabs ? askFirst(tabs, location.search) : null;

/** The ask this page started when it loaded, for the one popup it serves (null once taken, or with no API). */
export function takeFirstAsk(): FirstAsk | null {
  const ask = first;
  first = null;
  return ask;
}
