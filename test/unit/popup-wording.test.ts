// @vitest-environment jsdom
// What the popup says on pages of the family that are no article (home, a category, the about page) and on a page
// of another blog, in every locale. It once told a family home page it was "not an article of a 小冰 RSSHub blog":
// the page is of that blog, it is just no article. The state is built as the content script builds it (core
// detection, and the listing of a family listing page), from the fixtures.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageState } from '../../src/shared/messages';

const browserObj = vi.hoisted((): Record<string, unknown> => ({}));
vi.mock('webextension-polyfill', () => ({ default: browserObj }));

const { browserStub, LOCALES } = await import('../helpers/ui-browser-stub');
const { Popup } = await import('../../src/popup/Popup');
const { detect } = await import('../../src/core/detect');
const { readListing } = await import('../../src/core/listing');
const { DEFAULT_READER_SETTINGS } = await import('../../src/settings/reader-settings');
const { parseHtml } = await import('../../src/node/dom');
const { fixture } = await import('../browser/expectations');
type PopupApi = import('../../src/popup/api').PopupApi;

/** The state the content script gives for `file` at `url` (src/content/controller.ts `state()`, no article). */
function stateOf(file: string, url: string, mode: PageState['mode']): PageState {
  const doc = parseHtml(fixture(file), url);
  const detection = detect(doc);
  const listing = detection.kind === 'listing' && detection.family ? readListing(doc) : undefined;
  return { url, detection, article: null, mode, autoClean: { global: true, site: true }, error: null, ...(listing ? { listing } : {}) };
}

function api(state: PageState): PopupApi {
  return {
    targetTab: async () => 1,
    send: (async () => state) as PopupApi['send'],
    setSiteAutoClean: async () => undefined,
    setGlobalAutoClean: async () => undefined,
    loadAutoClean: async () => state.autoClean,
    copy: async () => 'clipboard-api',
    loadReaderSettings: async () => ({ ...DEFAULT_READER_SETTINGS }),
    saveReaderSettings: async () => ({ ...DEFAULT_READER_SETTINGS }),
    loadSiteProfile: async () => null,
    saveSiteLook: async () => null,
    download: () => undefined,
    openOptions: async () => undefined,
    reloadTab: async () => undefined,
  };
}

const container = document.createElement('div');
document.body.append(container);
afterEach(() => render(null, container));

async function popupText(lang: (typeof LOCALES)[number], state: PageState): Promise<{ text: string; view: string }> {
  for (const k of Object.keys(browserObj)) delete browserObj[k];
  Object.assign(browserObj, browserStub(lang));
  await act(async () => render(h(Popup, { api: api(state) }), container));
  await act(async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
  });
  const view = container.querySelector('[data-testid=listing], [data-testid=not-article]');
  return { text: container.textContent ?? '', view: view?.getAttribute('data-testid') ?? 'none' };
}

/** Says the page is not of the family's blogs: "not an article of a 小冰 RSSHub blog", "不是小冰 RSSHub 博客…的文章页". */
const DENIES_THE_BLOG: Record<(typeof LOCALES)[number], RegExp> = {
  en: /not an article of a 小冰/,
  zh_CN: /不是小冰 RSSHub 博客/,
  zh_TW: /不是小冰 RSSHub 部落格/,
};
const PICTURES_RESTORED: Record<(typeof LOCALES)[number], RegExp> = {
  en: /pictures are shown from their originals/,
  zh_CN: /图片已改为从原始地址显示/,
  zh_TW: /圖片已改為從原始網址顯示/,
};

describe.each(LOCALES)('popup wording off articles (%s)', (lang) => {
  it('a family home page and category page: a listing of the blog, never "not an article of" it', async () => {
    for (const [file, url] of [
      ['listing/home.html', 'https://news.zfe.space/'],
      ['listing/category-page.html', 'https://news.zfe.space/categories/1/'],
    ] as const) {
      const { text, view } = await popupText(lang, stateOf(file, url, 'images'));
      expect(view, file).toBe('listing');
      expect(text).not.toMatch(DENIES_THE_BLOG[lang]);
      expect(text).toMatch(PICTURES_RESTORED[lang]);
    }
  });

  it('a family listing left as served (auto-clean off) does not claim its pictures were restored', async () => {
    const { text, view } = await popupText(lang, stateOf('listing/home.html', 'https://news.zfe.space/', 'none'));
    expect(view).toBe('listing');
    expect(text).not.toMatch(PICTURES_RESTORED[lang]);
    expect(container.querySelector('[data-testid=listing-hint]')?.textContent).toBe(
      browserStub(lang).i18n.getMessage('popup_listingHintAsServed'),
    );
  });

  it('the family’s about page and another blog’s page: "not an article", without denying whose blog it is', async () => {
    for (const [file, url] of [
      ['listing/about-page.html', 'https://news.zfe.space/about/'],
      ['themes/fluid/listing-archives.html', 'https://blog.example/archives/'],
    ] as const) {
      const { text, view } = await popupText(lang, stateOf(file, url, 'none'));
      expect(view, file).toBe('not-article');
      expect(text, file).not.toMatch(DENIES_THE_BLOG[lang]);
      // Still says what the extension is for, and where it works.
      expect(text).toContain('news.zfe.space');
    }
  });
});

it('counts posts without a plural the locale cannot make ("1 posts")', async () => {
  const state = stateOf('listing/home.html', 'https://news.zfe.space/', 'images');
  const one = { ...state, listing: { ...state.listing!, entries: state.listing!.entries.slice(0, 1) } };
  const { text } = await popupText('en', one);
  expect(text).toContain('Posts on this page: 1');
  expect(text).not.toMatch(/\b1 posts\b/);
});
