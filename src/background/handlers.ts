// The background's work, as plain functions: the command and the context-menu item both ask the tab's
// content script to toggle reader mode. Exported so the test harness can call them (see index.ts).
import browser, { type Menus, type Runtime, type Tabs } from 'webextension-polyfill';
import { isSavePicturesRequest, type Request, type Response } from '../shared/messages';
import { menusOf } from '../shared/optional-apis';

export const COMMAND_TOGGLE_READER = 'toggle-reader';
export const MENU_TOGGLE_READER = 'pnr-toggle-reader';
/** Where the menu item shows: the pages the content script runs on. */
export const MENU_PAGES = ['http://*/*', 'https://*/*', 'file:///*'];

const LOG_PREFIX = '[proxied-news-reader]';

/** Ask the content script of `tabId` to toggle reader mode. Null when no content script answers
 * (browser pages, the web store, a tab loaded before the extension was installed). */
export async function toggleReader(tabId: number): Promise<Response<{ type: 'pnr:toggle-reader' }> | null> {
  const request: Request = { type: 'pnr:toggle-reader' };
  try {
    return await browser.tabs.sendMessage<Request, Response<{ type: 'pnr:toggle-reader' }>>(tabId, request);
  } catch (error) {
    console.debug(LOG_PREFIX, 'toggle-reader: no answer from tab', tabId, error);
    return null;
  }
}

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}

/** `commands.onCommand`: Chrome and Firefox pass the active tab; older versions do not. */
export async function onCommand(command: string, tab?: Tabs.Tab): Promise<{ reader: boolean } | null> {
  if (command !== COMMAND_TOGGLE_READER) return null;
  const tabId = tab?.id ?? (await activeTabId());
  return tabId === undefined ? null : toggleReader(tabId);
}

/** `contextMenus.onClicked`. */
export async function onMenuClick(info: Menus.OnClickData, tab?: Tabs.Tab): Promise<{ reader: boolean } | null> {
  if (info.menuItemId !== MENU_TOGGLE_READER || tab?.id === undefined || tab.id < 0) return null;
  return toggleReader(tab.id);
}

/** (Re)create the menu item. Menus outlive the service worker / event page, so this runs on install and
 * browser start only; removeAll first keeps it idempotent. Without a menus API (Firefox for Android) there is
 * no item to offer. */
export async function createMenus(): Promise<void> {
  const menus = menusOf(browser);
  if (!menus) return;
  await menus.removeAll();
  menus.create({
    id: MENU_TOGGLE_READER,
    title: browser.i18n.getMessage('menu_toggleReader') || 'Toggle reader mode',
    contexts: ['page'],
    documentUrlPatterns: MENU_PAGES,
  });
}

/**
 * The reader's "save with pictures": a content script cannot ask for permissions, so the popup page is opened in a
 * tab next to the article (`?tab=…&save=html|zip`), where the save runs at once when the hosts are already granted,
 * else after the user's click on "Allow and save". Only for a message from a tab's content script of ours.
 */
export async function openPictureSave(message: unknown, sender: Runtime.MessageSender): Promise<boolean> {
  if (!isSavePicturesRequest(message) || sender.id !== browser.runtime.id) return false;
  const tab = sender.tab;
  if (tab?.id === undefined || tab.id < 0) return false;
  const url = browser.runtime.getURL(`src/popup/index.html?tab=${tab.id}&save=${message.kind}`);
  await browser.tabs.create({ url, index: tab.index + 1, openerTabId: tab.id, windowId: tab.windowId });
  return true;
}
