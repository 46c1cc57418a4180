// The always-injected content script. It must stay small (budget: 12 KB gzip, test/unit/size-budget.test.ts):
// a cheap first gate, the settings and the message listener. Everything else is loaded with import() only when
// the gate says "maybe" or someone asks this tab something.
import browser from 'webextension-polyfill';
import { quickCheck } from '../core/detect-lite';
import { loadSettings, onSettingsChanged, type Settings } from '../settings';
import { isRequest } from '../shared/messages';
import { releaseStrandedReaders } from '../shared/reader-host';
import { contextAlive, watchContext } from './context';
import type { Controller } from './controller';
import { debug } from './log';

let lifetime = new AbortController();
let controller: Promise<Controller> | null = null;
/** The extension was updated, reloaded or disabled under this script: it has stopped for good. */
let retired = false;

/** The controller, loaded once per page and started with the current settings. */
function ready(): Promise<Controller> {
  controller ??= Promise.all([import('./controller'), loadSettings()]).then(([mod, settings]) => {
    const c = mod.createController(document, window);
    run(c, settings);
    return c;
  });
  return controller;
}

/** Start `c` for this lifetime: settings followed, the extension context watched, until the lifetime ends. */
function run(c: Controller, settings: Settings): void {
  const { signal } = lifetime;
  c.start(settings, signal);
  onSettingsChanged((next) => c.start(next, signal), signal);
  watchContext(() => retire(c), signal);
}

/**
 * The extension is gone from under this script: release every listener and observer, close an open reader (the
 * page comes back as it is: a cleaned article stays cleaned), and answer nothing more. A new version's script,
 * if the browser injects one (Firefox does), takes over.
 */
function retire(c: Controller): void {
  if (retired) return;
  retired = true;
  lifetime.abort();
  try {
    c.retire();
  } catch (error) {
    debug('retire', error);
  }
}

function onMessage(message: unknown): Promise<unknown> | undefined {
  // Not ours: return nothing, so another listener may answer.
  if (!isRequest(message) || retired) return undefined;
  return ready().then((c) => c.handle(message));
}

function start(): void {
  const { signal } = lifetime;
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener(
    'abort',
    () => {
      try {
        browser.runtime.onMessage.removeListener(onMessage);
      } catch {
        // The extension context is gone, and the listener with it.
      }
    },
    { once: true },
  );
  // Most pages stop here: nothing else is loaded unless a request arrives.
  if (quickCheck(document)) ready().catch((error: unknown) => debug('start', error));
}

try {
  // A reader left open by the script this one replaces (an update, reload or re-enable in Firefox) would cover
  // the page with nothing behind its buttons.
  if (releaseStrandedReaders(document)) debug('removed a reader left by an earlier version');
  start();
  // Release every listener and observer when the page goes away. A page restored from the back-forward cache
  // starts again with the same controller: what it cleaned, and a reader left open, are as they were.
  addEventListener('pagehide', () => lifetime.abort());
  addEventListener('pageshow', (event) => {
    if (!event.persisted || !lifetime.signal.aborted || retired) return;
    lifetime = new AbortController();
    const started = controller;
    if (!contextAlive()) {
      // Updated or disabled while the page was in the cache.
      if (started) void started.then(retire, () => undefined);
      else retired = true;
      return;
    }
    try {
      start();
      if (started)
        void Promise.all([started, loadSettings()])
          .then(([c, settings]) => run(c, settings))
          .catch((error: unknown) => debug('pageshow', error));
    } catch (error) {
      debug('pageshow', error);
    }
  });
} catch (error) {
  debug('init', error);
}
