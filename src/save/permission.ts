// The one permission a save with pictures needs: reading the hosts of this article's pictures (optional host
// permissions, asked for on the user's click, never at any other time). Extension pages only: a content script
// has no `permissions` API.
import browser from 'webextension-polyfill';

/**
 * Must be called in the click's handler before anything is awaited: Firefox grants the request only inside the
 * user's gesture, and Chrome only while it is recent. Resolves false when refused (or the request failed).
 */
export function requestPictureHosts(origins: string[]): Promise<boolean> {
  if (origins.length === 0) return Promise.resolve(true);
  let asked: Promise<boolean>;
  try {
    asked = browser.permissions.request({ origins });
  } catch {
    return Promise.resolve(false);
  }
  return asked.catch(() => false);
}

/** Whether every host is already granted (no prompt). */
export function hasPictureHosts(origins: string[]): Promise<boolean> {
  if (origins.length === 0) return Promise.resolve(true);
  return browser.permissions.contains({ origins }).catch(() => false);
}

/** The extension page's own fetch: with the host permission, cross-origin pictures read without CORS. */
export const extensionFetch = (url: string, init: RequestInit): Promise<Response> => fetch(url, init);
