// A stand-in for `webextension-polyfill` in UI tests: i18n answers from the real
// `_locales/<lang>/messages.json`, with Chrome's placeholder rules, so a missing key shows up.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** The locales under `_locales/`. */
export const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;
export type Locale = (typeof LOCALES)[number];

/** What `getUILanguage()` answers in a browser whose UI is in that locale. */
const UI_LANGUAGE: Record<Locale, string> = { en: 'en-US', zh_CN: 'zh-CN', zh_TW: 'zh-TW' };

export function loadMessages(lang: Locale): Record<string, Entry> {
  // From the project root (vitest's working directory): under jsdom, import.meta.url is no file URL.
  const path = resolve(process.cwd(), '_locales', lang, 'messages.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Entry>;
}

/** `browser.i18n.getMessage` over one messages.json: '' for a missing key, like the browsers. */
export function getMessageFrom(messages: Record<string, Entry>) {
  return (key: string, subs?: string | string[]): string => {
    const entry = messages[key];
    if (!entry) return '';
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    const positional = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => list[Number(d) - 1] ?? '');
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
        const ph = entry.placeholders?.[name.toLowerCase()];
        return ph ? positional(ph.content) : whole;
      })
      .replace(/\$\$/g, '$');
  };
}

export function browserStub(lang: Locale = 'en') {
  return {
    i18n: {
      getMessage: getMessageFrom(loadMessages(lang)),
      getUILanguage: () => UI_LANGUAGE[lang],
    },
  };
}

type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

/** A storage area over a plain object, with the browsers' change events (sent after the write resolves). */
export function fakeStorageArea(area: string, emit: (changes: Parameters<Listener>[0], area: string) => void) {
  const data: Record<string, unknown> = {};
  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  return {
    data,
    /** Every `set` call's items, in order: tests count writes with it. */
    writes: [] as Array<Record<string, unknown>>,
    async get(keys?: string | string[] | Record<string, unknown> | null) {
      const out: Record<string, unknown> = {};
      if (keys === null || keys === undefined) return clone(data);
      const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      for (const k of list) {
        if (k in data) out[k] = clone(data[k]);
        else if (keys && typeof keys === 'object' && !Array.isArray(keys)) out[k] = keys[k];
      }
      return out;
    },
    async set(items: Record<string, unknown>) {
      this.writes.push(clone(items));
      const changes: Parameters<Listener>[0] = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: clone(data[k]), newValue: clone(v) };
        data[k] = clone(v);
      }
      queueMicrotask(() => emit(changes, area));
    },
    async remove(keys: string | string[]) {
      const changes: Parameters<Listener>[0] = {};
      for (const k of typeof keys === 'string' ? [keys] : keys) {
        if (!(k in data)) continue;
        changes[k] = { oldValue: clone(data[k]) };
        delete data[k];
      }
      queueMicrotask(() => emit(changes, area));
    },
  };
}

/** `browser.storage` with sync and local areas and one onChanged event for both. */
export function fakeStorage() {
  const listeners = new Set<Listener>();
  const emit: Listener = (changes, area) => {
    if (Object.keys(changes).length) for (const l of Array.from(listeners)) l(changes, area);
  };
  return {
    sync: fakeStorageArea('sync', emit),
    local: fakeStorageArea('local', emit),
    onChanged: {
      addListener: (l: Listener) => void listeners.add(l),
      removeListener: (l: Listener) => void listeners.delete(l),
      hasListener: (l: Listener) => listeners.has(l),
      get size() {
        return listeners.size;
      },
    },
  };
}

/** The whole stand-in for UI tests: i18n, storage, and the few runtime/commands/tabs calls the UI makes. */
export function uiBrowserStub(lang: Locale = 'en', firefox = false) {
  const calls: Array<[string, ...unknown[]]> = [];
  const runtime: Record<string, unknown> = {
    openOptionsPage: async () => void calls.push(['runtime.openOptionsPage']),
  };
  if (firefox) runtime.getBrowserInfo = async () => ({ name: 'Firefox', vendor: 'Mozilla', version: '140.0' });
  const commands: Record<string, unknown> = {
    getAll: async () => [{ name: 'toggle-reader', shortcut: 'Alt+Shift+R', description: 'Toggle reader mode' }],
    // Present wherever the namespace is (src/shared/optional-apis.ts looks for it).
    onCommand: { addListener: () => undefined, removeListener: () => undefined, hasListener: () => false },
  };
  if (firefox) commands.openShortcutSettings = async () => void calls.push(['commands.openShortcutSettings']);
  return {
    ...browserStub(lang),
    storage: fakeStorage(),
    runtime,
    commands,
    tabs: { create: async (props: { url: string }) => void calls.push(['tabs.create', props.url]) },
    calls,
  };
}
