// A content script outlives its extension's context (reloaded, updated, removed): the i18n API then throws, and
// the reader, still on screen until the script notices, may render once more. That render must not throw into
// the page (test/browser/lifecycle.test.ts saw it as "Extension context invalidated" from a render).
import { afterEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({ gone: false }));
vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: {
      getMessage: (key: string, subs?: string[]) => {
        if (api.gone) throw new Error('Extension context invalidated.');
        return key === 'known' ? `Known ${subs?.[0] ?? ''}`.trim() : '';
      },
      getUILanguage: () => {
        if (api.gone) throw new Error('Extension context invalidated.');
        return 'zh_CN';
      },
    },
  },
}));

const { t, uiLanguage } = await import('../../src/ui/i18n');

afterEach(() => {
  api.gone = false;
});

describe('UI strings when the extension context is gone', () => {
  it('reads messages and the language while the context lives', () => {
    expect(t('known', [3])).toBe('Known 3');
    expect(t('missing')).toBe('missing');
    expect(uiLanguage()).toBe('zh-CN');
  });

  it('gives the key and English instead of throwing once it is gone', () => {
    api.gone = true;
    expect(t('known', [3])).toBe('known');
    expect(uiLanguage()).toBe('en');
  });
});
