// Background (Chrome service worker, Firefox event page). Listeners are registered synchronously at the top
// level, as both browsers require for waking a suspended background.
import browser from 'webextension-polyfill';
import { createMenus, onCommand, onMenuClick, toggleReader } from './handlers';

const LOG_PREFIX = '[proxied-news-reader]';
const logged =
  <A extends unknown[]>(name: string, fn: (...args: A) => Promise<unknown>) =>
  (...args: A): void => {
    fn(...args).catch((error: unknown) => console.debug(LOG_PREFIX, name, error));
  };

browser.runtime.onInstalled.addListener(logged('onInstalled', createMenus));
browser.runtime.onStartup.addListener(logged('onStartup', createMenus));
browser.commands.onCommand.addListener(logged('onCommand', onCommand));
browser.contextMenus.onClicked.addListener(logged('onMenuClick', onMenuClick));

// The same handlers, reachable from this background's own global scope only (DevTools console, or the test
// harness through the service-worker target / runtime.getBackgroundPage()). Web pages and other extensions
// cannot reach this scope, and the functions can do nothing the extension's own UI cannot, so exposing them
// costs nothing in production. Headless browsers cannot fire commands or open context menus, so tests need it.
Object.assign(globalThis, { pnrBackground: { onCommand, onMenuClick, toggleReader } });
