// One entry point for UI strings, so components never touch the i18n API directly.
import browser from 'webextension-polyfill';

/**
 * The localized message for `key` (from `_locales/<lang>/messages.json`), with `subs` filling its
 * `$1`…`$9` placeholders. A missing key yields the key itself: a visible bug beats a blank label.
 */
export function t(key: string, subs?: string | Array<string | number>): string {
  const list = subs === undefined ? undefined : (Array.isArray(subs) ? subs : [subs]).map(String);
  let message: string;
  try {
    message = browser.i18n.getMessage(key, list);
  } catch {
    // The extension was reloaded, updated or removed under this page ("Extension context invalidated"): the reader
    // closes in a moment, and a render in between must not throw into the page.
    return key;
  }
  return message === '' ? key : message;
}

/** The browser UI language (BCP 47), for number and date formatting. */
export function uiLanguage(): string {
  let lang: string;
  try {
    lang = browser.i18n.getUILanguage();
  } catch {
    return 'en'; // the extension's context is gone (see t)
  }
  return lang === '' ? 'en' : lang.replace('_', '-');
}
