// @vitest-environment jsdom
// The popup's first ask (src/popup/first-ask.ts): the page's state asked for as the popup loads, given once to the
// popup's first `pnr:get-state` for that tab; every other request goes to the tab as before.
import { describe, expect, it, vi } from 'vitest';
import type { PageState } from '../../src/shared/messages';

const polyfill = vi.hoisted(() => ({
  sendMessage: vi.fn<(tabId: number, message: unknown) => Promise<unknown>>(),
  query: vi.fn<(query: unknown) => Promise<Array<{ id?: number }>>>(),
}));
vi.mock('webextension-polyfill', () => ({
  default: { tabs: { sendMessage: polyfill.sendMessage, query: polyfill.query }, runtime: {}, storage: {} },
}));

const { askFirst, takeFirstAsk, targetTab } = await import('../../src/popup/first-ask');
const { createBrowserApi } = await import('../../src/popup/api');

const STATE = { url: 'https://news.zfe.space/p/1.html', mode: 'cleaned' } as unknown as PageState;

function fakeTabs(active: number | null = 9) {
  const sent: Array<{ tabId: number; message: unknown }> = [];
  const api = {
    tabs: {
      query: vi.fn(async () => (active === null ? [] : [{ id: active }])),
      sendMessage: vi.fn(async (tabId: number, message: unknown) => {
        sent.push({ tabId, message });
        return STATE;
      }),
    },
  };
  return { api, sent };
}

describe('askFirst', () => {
  it('asks the tab of ?tab= for its state at once, without asking which tab is active', async () => {
    const { api, sent } = fakeTabs();
    const ask = askFirst(api, '?tab=42');
    expect(await ask.tab).toBe(42);
    expect(api.tabs.query).not.toHaveBeenCalled();
    expect(sent).toEqual([{ tabId: 42, message: { type: 'pnr:get-state' } }]);
    expect(await ask.stateFor(42)).toBe(STATE);
  });

  it('asks the active tab otherwise', async () => {
    const { api, sent } = fakeTabs(9);
    const ask = askFirst(api, '');
    expect(await ask.tab).toBe(9);
    expect(await ask.stateFor(9)).toBe(STATE);
    expect(sent.map((s) => s.tabId)).toEqual([9]);
  });

  it('gives its answer once, and only for the tab it asked', async () => {
    const { api } = fakeTabs();
    const ask = askFirst(api, '?tab=5');
    await ask.tab;
    expect(ask.stateFor(6)).toBeNull();
    expect(ask.stateFor(5)).not.toBeNull();
    expect(ask.stateFor(5)).toBeNull();
  });

  it('a window with no active tab: the tab rejects with the reason, and there is no state to give', async () => {
    const { api, sent } = fakeTabs(null);
    const ask = askFirst(api, '');
    await expect(ask.tab).rejects.toThrow('no active tab');
    expect(ask.stateFor(9)).toBeNull();
    expect(sent).toEqual([]);
  });

  it('a tab with no content script: the state rejects (the popup then says the page is unsupported)', async () => {
    const { api } = fakeTabs();
    api.tabs.sendMessage.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    const ask = askFirst(api, '?tab=3');
    await ask.tab;
    await expect(ask.stateFor(3)).rejects.toThrow('Receiving end');
  });

  it('targetTab ignores a ?tab= that is not a number', async () => {
    const { api } = fakeTabs(7);
    expect(await targetTab(api, '?tab=abc')).toBe(7);
  });

  it('outside an extension page (no tabs API) nothing is asked', () => {
    expect(takeFirstAsk()).toBeNull();
  });
});

describe('createBrowserApi with a first ask', () => {
  it("answers the popup's first state request from it and sends every later request to the tab", async () => {
    const { api, sent } = fakeTabs();
    const popupApi = createBrowserApi(askFirst(api, '?tab=4'));
    const tab = await popupApi.targetTab();
    expect(tab).toBe(4);
    expect(await popupApi.send(tab, { type: 'pnr:get-state' })).toBe(STATE);
    expect(sent).toHaveLength(1);
    polyfill.sendMessage.mockResolvedValue({ ...STATE, mode: 'reader' });
    expect(await popupApi.send(tab, { type: 'pnr:get-state' })).toEqual({ ...STATE, mode: 'reader' });
    await popupApi.send(tab, { type: 'pnr:toggle-reader' });
    expect(polyfill.sendMessage.mock.calls.map((c) => c[1])).toEqual([{ type: 'pnr:get-state' }, { type: 'pnr:toggle-reader' }]);
    expect(sent).toHaveLength(1);
  });

  it('without one, asks the tab through the polyfill', async () => {
    polyfill.sendMessage.mockReset();
    polyfill.sendMessage.mockResolvedValue(STATE);
    polyfill.query.mockResolvedValue([{ id: 11 }]);
    const popupApi = createBrowserApi(null);
    expect(await popupApi.targetTab()).toBe(11);
    expect(await popupApi.send(11, { type: 'pnr:get-state' })).toBe(STATE);
    expect(polyfill.sendMessage).toHaveBeenCalledWith(11, { type: 'pnr:get-state' });
  });
});
