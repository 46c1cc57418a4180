// Background (Chrome service worker, Firefox event page). Listeners are registered synchronously at the top
// level, as both browsers require for waking a suspended background.
import browser, { type Runtime } from 'webextension-polyfill';
import { loadSettings } from '../settings';
import { setSites } from '../settings/auto-clean';
import { loadReaderSettings } from '../settings/reader-settings';
import { migrateStoredSettings } from '../settings/sync';
import { commandsOf, menusOf } from '../shared/optional-apis';
import { isSavePicturesRequest } from '../shared/messages';
import { createMenus, onCommand, onMenuClick, openPictureSave, toggleReader } from './handlers';

const LOG_PREFIX = '[proxied-news-reader]';
const logged =
  <A extends unknown[]>(name: string, fn: (...args: A) => Promise<unknown>) =>
  (...args: A): void => {
    fn(...args).catch((error: unknown) => console.debug(LOG_PREFIX, name, error));
  };

browser.runtime.onInstalled.addListener(logged('onInstalled', createMenus));
// Settings written by an older version are brought to the current schema once, on install and update.
// Every read also migrates in memory, so a page that reads before this has run sees the same settings.
browser.runtime.onInstalled.addListener(logged('migrateSettings', migrateStoredSettings));
browser.runtime.onStartup.addListener(logged('onStartup', createMenus));
// Firefox for Android has neither keyboard commands nor context menus: those listeners are left out there.
commandsOf(browser)?.onCommand.addListener(logged('onCommand', onCommand));
menusOf(browser)?.onClicked.addListener(logged('onMenuClick', onMenuClick));
// The reader's save with pictures (a content script has no permissions API). Answers nothing: the reader does not wait.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender): undefined => {
  if (isSavePicturesRequest(message)) logged('openPictureSave', openPictureSave)(message, sender);
  return undefined;
});

// The same handlers, reachable from this background's own global scope only (DevTools console, or the test
// harness through the service-worker target / runtime.getBackgroundPage()). Web pages and other extensions
// cannot reach this scope, and the functions can do nothing the extension's own UI cannot, so exposing them
// costs nothing in production. Headless browsers cannot fire commands or open context menus, so tests need it.
// The settings functions are the ones the options page uses; tests drive the migration and a long site list.
Object.assign(globalThis, {
  pnrBackground: {
    onCommand,
    onMenuClick,
    toggleReader,
    migrateSettings: migrateStoredSettings,
    loadSettings,
    setSites,
    loadReaderSettings,
  },
});
