// @vitest-environment jsdom
// The popup's "save with pictures": the permission is asked for in the click's own handler, with this article's
// picture hosts only; opened by the reader (`?save=`), it saves at once when the hosts are granted, else shows
// "Allow and save", and asks nothing before that click.
import { unzipSync } from 'fflate';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../src/core/types';
import type { PageState } from '../../src/shared/messages';
import { png } from '../../scripts/make-icons.mjs';

vi.mock('webextension-polyfill', async () => {
  const { browserStub } = await import('../helpers/ui-browser-stub');
  return { default: browserStub('en') };
});

const { Popup } = await import('../../src/popup/Popup');
const { saveFromQuery } = await import('../../src/popup/api');
type PopupApi = import('../../src/popup/api').PopupApi;
await import('../../src/ui/copy-formats');
await import('../../src/ui/save');
await import('../../src/save/save-with-pictures');
await import('../../src/ui/picture-save-text');

const PIC = 'https://img.ithome.com/a.png';
const ARTICLE: Article = {
  kind: 'article',
  url: 'https://news.zfe.space/p/86d3.html',
  theme: 'volantis',
  title: 'Pictures',
  categories: [],
  feed: null,
  published: null,
  cover: null,
  images: [{ kind: 'image', url: PIC, proxied: false, original: null, alt: 'a', poster: null }],
  videos: [],
  topics: [],
  links: [],
  html: `<p>text</p><p><img src="${PIC}" alt="a"></p>`,
  text: 'text',
  counts: { chars: 4, cjk: 0, words: 1, readingMinutes: 1 },
  origin: null,
  unescaped: false,
  notes: [],
};

const STATE: PageState = {
  url: ARTICLE.url,
  detection: { kind: 'article', detected: true, family: true, theme: 'volantis', signals: [] },
  article: ARTICLE,
  mode: 'cleaned',
  autoClean: { global: true, site: true },
  error: null,
};

function fakeApi(opts: { grant: boolean; has?: boolean; pending?: 'html' | 'zip' | null; inTab?: boolean }) {
  const tabs: Array<[number, string]> = [];
  const asked: string[][] = [];
  const files: Array<{ name: string; content: string | Uint8Array }> = [];
  const fetched: string[] = [];
  const api: PopupApi = {
    targetTab: async () => 7,
    send: (async () => STATE) as PopupApi['send'],
    setSiteAutoClean: async () => undefined,
    setGlobalAutoClean: async () => undefined,
    loadAutoClean: async () => ({ global: true, site: true }),
    copy: async () => 'clipboard-api',
    loadReaderSettings: () => new Promise(() => undefined),
    saveReaderSettings: async () => {
      throw new Error('not here');
    },
    loadSiteProfile: async () => null,
    saveSiteLook: async () => null,
    download: (f) => void files.push(f),
    openOptions: async () => undefined,
    reloadTab: async () => undefined,
    pictures: {
      request: (origins) => {
        asked.push(origins);
        return Promise.resolve(opts.grant);
      },
      has: async () => opts.has ?? false,
      pending: opts.pending ?? null,
      fetch: async (url) => {
        fetched.push(url);
        return new Response(new Uint8Array(png(4)));
      },
      download: (f) => void files.push(f),
      openInTab: opts.inTab
        ? async (tabId, kind) => {
            tabs.push([tabId, kind]);
          }
        : undefined,
    },
  };
  return { api, asked, files, fetched, tabs };
}

const container = document.createElement('div');
document.body.append(container);
afterEach(() => render(null, container));

async function mount(api: PopupApi): Promise<HTMLElement> {
  await act(async () => {
    render(h(Popup, { api }), container);
  });
  await settle();
  return container;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}

describe('popup: save with pictures', () => {
  it('asks for the article picture hosts on the click itself, then saves the HTML file with them', async () => {
    const { api, asked, files, fetched } = fakeApi({ grant: true });
    const root = await mount(api);
    expect(asked).toEqual([]);
    const button = root.querySelector<HTMLButtonElement>('[data-action=save-html-pictures]')!;
    void act(() => button.click());
    // Synchronously, inside the click: nothing awaited before the request.
    expect(asked).toEqual([['https://img.ithome.com/*']]);
    await settle();
    expect(fetched).toEqual([PIC]);
    expect(files.map((f) => f.name)).toEqual(['Pictures.html']);
    expect(files[0]!.content).toContain('data:image/png;base64,');
    expect(root.querySelector('[data-testid=status]')?.textContent).toBe('Saved Pictures.html: 1 of 1 pictures inside');
  });

  it('refused: the zip holds the Markdown only, and the status says links only', async () => {
    const { api, files, fetched } = fakeApi({ grant: false });
    const root = await mount(api);
    await act(async () => root.querySelector<HTMLButtonElement>('[data-action=save-zip-pictures]')!.click());
    await settle();
    expect(fetched).toEqual([]);
    expect(Object.keys(unzipSync(files[0]!.content as Uint8Array))).toEqual(['article.md']);
    expect(root.querySelector('[data-testid=status]')?.textContent).toContain('links only');
  });

  it('opened by the reader with the hosts granted: saves at once, no prompt', async () => {
    const { api, asked, files } = fakeApi({ grant: true, has: true, pending: 'zip' });
    const root = await mount(api);
    await settle();
    expect(asked).toEqual([]);
    expect(files.map((f) => f.name)).toEqual(['Pictures.zip']);
    expect(root.querySelector('[data-testid=ask-pictures]')).toBeNull();
  });

  it('opened by the reader without the hosts: "Allow and save" asks on its click', async () => {
    const { api, asked, files } = fakeApi({ grant: true, has: false, pending: 'html' });
    const root = await mount(api);
    expect(files).toEqual([]);
    expect(asked).toEqual([]);
    const allow = root.querySelector<HTMLButtonElement>('[data-action=allow-save-pictures]');
    expect(allow?.textContent).toBe('Allow and save');
    void act(() => allow!.click());
    expect(asked).toEqual([['https://img.ithome.com/*']]);
    await settle();
    expect(files.map((f) => f.name)).toEqual(['Pictures.html']);
  });

  it('Firefox: the toolbar popup hands the save to a tab, which asks there', async () => {
    const popup = fakeApi({ grant: true, inTab: true });
    const root = await mount(popup.api);
    void act(() => root.querySelector<HTMLButtonElement>('[data-action=save-zip-pictures]')!.click());
    await settle();
    expect(popup.tabs).toEqual([[7, 'zip']]);
    expect(popup.asked).toEqual([]);
    expect(popup.files).toEqual([]);
    render(null, container);
    // The tab: not routed again, it asks on "Allow and save".
    const tab = fakeApi({ grant: true, inTab: true, pending: 'zip' });
    const page = await mount(tab.api);
    void act(() => page.querySelector<HTMLButtonElement>('[data-action=allow-save-pictures]')!.click());
    await settle();
    expect(tab.tabs).toEqual([]);
    expect(tab.asked).toEqual([['https://img.ithome.com/*']]);
    expect(tab.files.map((f) => f.name)).toEqual(['Pictures.zip']);
  });

  it('reads ?save= from its address', () => {
    expect(saveFromQuery('?tab=3&save=zip')).toBe('zip');
    expect(saveFromQuery('?tab=3&save=pdf')).toBeNull();
    expect(saveFromQuery('?tab=3')).toBeNull();
  });
});
