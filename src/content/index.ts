// The always-injected content script. It must stay small (budget: 12 KB gzip, test/unit/size-budget.test.ts):
// a cheap first gate, the settings and the message listener. Everything else is loaded with import() only when
// the gate says "maybe" or someone asks this tab something.
import browser from 'webextension-polyfill';
import { quickCheck } from '../core/detect-lite';
import { loadSettings, onSettingsChanged } from '../settings';
import { isRequest } from '../shared/messages';
import type { Controller } from './controller';
import { debug } from './log';

let lifetime = new AbortController();
let controller: Promise<Controller> | null = null;

/** The controller, loaded once per page (per lifetime) and started with the current settings. */
function ready(): Promise<Controller> {
  const { signal } = lifetime;
  controller ??= Promise.all([import('./controller'), loadSettings()]).then(([mod, settings]) => {
    const c = mod.createController(document, window);
    c.start(settings, signal);
    onSettingsChanged((next) => c.start(next, signal), signal);
    return c;
  });
  return controller;
}

function onMessage(message: unknown): Promise<unknown> | undefined {
  // Not ours: return nothing, so another listener may answer.
  if (!isRequest(message)) return undefined;
  return ready().then((c) => c.handle(message));
}

function start(): void {
  const { signal } = lifetime;
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
  // Most pages stop here: nothing else is loaded unless a request arrives.
  if (quickCheck(document)) ready().catch((error: unknown) => debug('start', error));
}

try {
  start();
  // Release every listener and observer when the page goes away; a page restored from the back-forward
  // cache starts again (the controller module, and what it already cleaned, survive).
  addEventListener('pagehide', () => lifetime.abort());
  addEventListener('pageshow', (event) => {
    if (!event.persisted || !lifetime.signal.aborted) return;
    lifetime = new AbortController();
    controller = null;
    try {
      start();
    } catch (error) {
      debug('pageshow', error);
    }
  });
} catch (error) {
  debug('init', error);
}
