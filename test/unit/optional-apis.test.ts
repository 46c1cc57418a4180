// @vitest-environment jsdom
// Firefox for Android has no context menus (`contextMenus`/`menus`) and no keyboard `commands`: the background
// starts without them and registers what it can, the popup still toggles and copies, and the options page offers
// no shortcut that cannot exist. Each case is checked against a desktop browser's stub too (the control).
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageState } from '../../src/shared/messages';

const browserObj = vi.hoisted((): Record<string, unknown> => ({}));
vi.mock('webextension-polyfill', () => ({ default: browserObj }));

const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
const { menusOf, commandsOf } = await import('../../src/shared/optional-apis');

type Listener = (...args: unknown[]) => unknown;
const event = () => {
  const listeners: Listener[] = [];
  return { listeners, addListener: (l: Listener) => void listeners.push(l), removeListener: () => undefined, hasListener: () => false };
};

const STATE: PageState = {
  url: 'https://news.zfe.space/p/86d3.html',
  detection: { kind: 'article', detected: true, family: true, theme: 'volantis', signals: [] },
  article: {
    kind: 'article',
    url: 'https://news.zfe.space/p/86d3.html',
    theme: 'volantis',
    title: '美的集团与中国移动签署战略合作框架协议',
    categories: ['新媒体', '高科技行业门户', '新闻'],
    feed: '高科技行业门户',
    published: { date: '2021-08-31', raw: '2021-08-31' },
    cover: null,
    images: [],
    videos: [],
    topics: [],
    links: [],
    html: '<p>第一段。</p>',
    markdown: '第一段。',
    text: '第一段。',
    counts: { chars: 4, cjk: 4, words: 0, readingMinutes: 1 },
    origin: null,
    unescaped: false,
    notes: [],
  },
  mode: 'cleaned',
  autoClean: { global: true, site: true },
  error: null,
};

/** A browser object as Firefox for Android (`desktop: false`) or a desktop browser has it. */
function fakeBrowser(desktop: boolean) {
  const stub = uiBrowserStub('en', true);
  const sent: Array<{ tabId: number; request: { type: string } }> = [];
  let reader = false;
  const menuItems: unknown[] = [];
  const onInstalled = event();
  const onStartup = event();
  const onCommand = event();
  const onClicked = event();
  const b: Record<string, unknown> = {
    ...stub,
    runtime: { ...stub.runtime, onInstalled, onStartup, onMessage: event() },
    tabs: {
      ...stub.tabs,
      query: async () => [{ id: 7 }],
      sendMessage: async (tabId: number, request: { type: string }) => {
        sent.push({ tabId, request });
        if (request.type === 'pnr:toggle-reader') return { reader: (reader = !reader) };
        return { ...STATE, mode: reader ? 'reader' : 'cleaned' };
      },
    },
  };
  if (desktop) {
    b.contextMenus = {
      removeAll: async () => void menuItems.splice(0),
      create: (item: unknown) => void menuItems.push(item),
      onClicked,
    };
    (b.commands as Record<string, unknown>).onCommand = onCommand;
  } else {
    delete b.commands;
  }
  return { b, sent, menuItems, onInstalled, onStartup, onCommand, onClicked };
}

function use(b: Record<string, unknown>): void {
  for (const k of Object.keys(browserObj)) delete browserObj[k];
  Object.assign(browserObj, b);
}

/** Runs the background's script from the top, as a browser starting it does. */
async function startBackground(): Promise<{ onCommand: Listener; onMenuClick: Listener; toggleReader: Listener }> {
  vi.resetModules();
  await import('../../src/background/index');
  return (globalThis as unknown as { pnrBackground: { onCommand: Listener; onMenuClick: Listener; toggleReader: Listener } }).pnrBackground;
}

const container = document.createElement('div');
document.body.append(container);
const settle = () =>
  act(async () => {
    for (let i = 0; i < 4; i++) await new Promise((r) => setTimeout(r, 0));
  });

afterEach(() => {
  render(null, container);
  vi.restoreAllMocks();
});

describe('feature detection', () => {
  it('finds contextMenus, or Firefox’s menus alias, and commands; null for what is absent or hollow', () => {
    const { b } = fakeBrowser(true);
    expect(menusOf(b as never)).toBe(b.contextMenus);
    expect(commandsOf(b as never)).toBe(b.commands);
    const menus = b.contextMenus;
    expect(menusOf({ menus } as never)).toBe(menus);
    expect(menusOf({} as never)).toBeNull();
    expect(commandsOf({} as never)).toBeNull();
    // A namespace without its event (a stub, a partial port) is not usable either.
    expect(commandsOf({ commands: { getAll: async () => [] } } as never)).toBeNull();
    expect(menusOf({ contextMenus: { create: () => 1 } } as never)).toBeNull();
  });
});

describe('the background without contextMenus and commands (Firefox for Android)', () => {
  it('starts, registers its other listeners, creates no menu and throws nothing; the control registers both', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const android = fakeBrowser(false);
    use(android.b);
    await expect(startBackground()).resolves.toBeDefined();
    expect(android.onInstalled.listeners).toHaveLength(2); // menus, settings migration
    expect(android.onStartup.listeners).toHaveLength(1);
    for (const l of [...android.onInstalled.listeners, ...android.onStartup.listeners]) l({ reason: 'install' });
    await settle();
    // `logged` reports a rejected handler through console.debug: none did.
    expect(debug).not.toHaveBeenCalled();

    const desktop = fakeBrowser(true);
    use(desktop.b);
    await startBackground();
    expect(desktop.onCommand.listeners).toHaveLength(1);
    expect(desktop.onClicked.listeners).toHaveLength(1);
    desktop.onInstalled.listeners[0]!({ reason: 'install' });
    await settle();
    expect(desktop.menuItems).toEqual([expect.objectContaining({ id: 'pnr-toggle-reader' })]);
    expect(debug).not.toHaveBeenCalled();
  });

  it('still toggles the reader through its handlers (what the popup and the page ask for is untouched)', async () => {
    const android = fakeBrowser(false);
    use(android.b);
    const bg = await startBackground();
    expect(await bg.toggleReader(7)).toEqual({ reader: true });
    expect(await bg.onCommand('toggle-reader')).toEqual({ reader: false });
    expect(android.sent.map((s) => s.request.type)).toEqual(['pnr:toggle-reader', 'pnr:toggle-reader']);
  });
});

describe('the UI without commands (Firefox for Android)', () => {
  it('the popup toggles the reader and copies the article', async () => {
    const android = fakeBrowser(false);
    use(android.b);
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    history.replaceState(null, '', '?tab=7');
    vi.resetModules();
    const { Popup } = await import('../../src/popup/Popup');
    const { createBrowserApi } = await import('../../src/popup/api');
    await import('../../src/ui/copy-formats');
    await import('../../src/ui/save');
    await act(async () => render(h(Popup, { api: createBrowserApi() }), container));
    await settle();
    const toggle = container.querySelector<HTMLButtonElement>('[data-action=toggle-reader]');
    expect(toggle).not.toBeNull();
    await act(async () => toggle!.click());
    await settle();
    expect(android.sent).toContainEqual({ tabId: 7, request: { type: 'pnr:toggle-reader' } });
    expect(toggle!.getAttribute('aria-pressed')).toBe('true');
    await act(async () => container.querySelector<HTMLButtonElement>('[data-action=copy-text]')!.click());
    await settle();
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('第一段。'));
    expect(container.querySelector('[data-testid=status]')?.classList.contains('status-error')).toBe(false);
  });

  it('the options page shows no keyboard shortcut section; the control (desktop Firefox) shows it', async () => {
    for (const desktop of [false, true]) {
      use(fakeBrowser(desktop).b);
      vi.resetModules();
      const { Options } = await import('../../src/options/Options');
      const { createBrowserOptionsApi } = await import('../../src/options/api');
      await act(async () => render(h(Options, { api: createBrowserOptionsApi() }), container));
      await settle();
      expect(container.querySelector('h1')).not.toBeNull();
      expect(container.querySelector('[data-testid=shortcut]') !== null).toBe(desktop);
      expect(container.querySelector('[data-action=open-shortcuts]') !== null).toBe(desktop);
      expect((container.textContent ?? '').includes('Keyboard shortcut')).toBe(desktop);
      render(null, container);
    }
  });
});
