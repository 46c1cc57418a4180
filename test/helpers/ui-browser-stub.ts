// A stand-in for `webextension-polyfill` in UI tests: i18n answers from the real
// `_locales/<lang>/messages.json`, with Chrome's placeholder rules, so a missing key shows up.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export function loadMessages(lang: 'en' | 'zh_CN'): Record<string, Entry> {
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

export function browserStub(lang: 'en' | 'zh_CN' = 'en') {
  return {
    i18n: {
      getMessage: getMessageFrom(loadMessages(lang)),
      getUILanguage: () => (lang === 'en' ? 'en-US' : 'zh-CN'),
    },
  };
}
