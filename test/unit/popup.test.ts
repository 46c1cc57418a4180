// @vitest-environment jsdom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../src/core/types';
import type { PageState } from '../../src/shared/messages';
import type { CopyPayload } from '../../src/ui/clipboard';

vi.mock('webextension-polyfill', async () => {
  const { browserStub } = await import('../helpers/ui-browser-stub');
  return { default: browserStub('en') };
});

const { Popup } = await import('../../src/popup/Popup');
const { DEFAULT_READER_SETTINGS } = await import('../../src/settings/reader-settings');
type ReaderSettings = import('../../src/settings/reader-settings').ReaderSettings;
type SiteProfile = import('../../src/settings/site-profiles').SiteProfile;
type ProfileLook = import('../../src/settings/site-profiles').ProfileLook;
const { lookOf } = await import('../../src/settings/site-profiles');
type SavedFile = import('../../src/ui/save').SavedFile;
const { tabFromQuery } = await import('../../src/popup/api');
type PopupApi = import('../../src/popup/api').PopupApi;

const ARTICLE: Article = {
  kind: 'article',
  url: 'https://news.zfe.space/p/86d3.html',
  theme: 'volantis',
  title: '美的集团与中国移动签署战略合作框架协议',
  categories: ['新媒体', '高科技行业门户', '新闻'],
  feed: '高科技行业门户',
  published: { date: '2021-08-31', raw: 'Tue, 31 Aug 2021 08:31:00 GMT' },
  cover: { url: 'https://picsum.photos/400/300?random=7', placeholder: true, proxied: false, original: null },
  images: [],
  videos: [],
  topics: [{ text: '移动通信', href: 'https://tele.ofweek.com/tag-1.HTM', kind: 'ofweek-hrefStyle' }],
  links: [],
  html: '<p>第一段 <b>粗体</b>。</p><p>第二段。</p>',
  markdown: '第一段 **粗体**。\n\n第二段。',
  text: '第一段 粗体。 第二段。',
  counts: { chars: 1234, cjk: 1200, words: 5, readingMinutes: 3 },
  origin: 'https://www.ofweek.com',
  unescaped: false,
  notes: [],
};

function pageState(overrides: Partial<PageState> = {}): PageState {
  return {
    url: 'https://news.zfe.space/p/86d3.html',
    detection: { kind: 'article', detected: true, family: true, theme: 'volantis', signals: [] },
    article: ARTICLE,
    mode: 'cleaned',
    autoClean: { global: true, site: true },
    error: null,
    ...overrides,
  };
}

function fakeApi(state: PageState | Error, extra: Partial<PopupApi> = {}, site: { host: string; profile: SiteProfile } | null = null) {
  const sent: unknown[] = [];
  let profile = site?.profile ?? null;
  const copied: CopyPayload[] = [];
  const downloads: SavedFile[] = [];
  let look: ReaderSettings = { ...DEFAULT_READER_SETTINGS };
  let reader = state instanceof Error ? false : state.mode === 'reader';
  // Stored settings: a global switch and one site's override.
  const stored: { global: boolean; site: boolean | undefined } = { global: true, site: undefined };
  const api: PopupApi = {
    targetTab: async () => 42,
    send: (async (tabId: number, request: { type: string }) => {
      sent.push({ tabId, ...request });
      if (state instanceof Error) throw state;
      if (request.type === 'pnr:toggle-reader') {
        reader = !reader;
        return { reader };
      }
      return { ...state, mode: reader ? 'reader' : 'cleaned' };
    }) as PopupApi['send'],
    setSiteAutoClean: vi.fn(async (_host: string, on: boolean) => {
      stored.site = on;
    }),
    setGlobalAutoClean: vi.fn(async (on: boolean) => {
      stored.global = on;
    }),
    loadAutoClean: vi.fn(async () => ({ global: stored.global, site: stored.site ?? stored.global })),
    copy: async (payload) => {
      copied.push(payload);
      return 'clipboard-api';
    },
    loadReaderSettings: async () => ({ ...look }),
    saveReaderSettings: vi.fn(async (partial: Partial<ReaderSettings>) => {
      look = { ...look, ...partial };
      return { ...look };
    }),
    loadSiteProfile: vi.fn(async (host: string) => (host === site?.host ? profile : null)),
    saveSiteLook: vi.fn(async (host: string, change: Partial<ProfileLook>) => {
      if (host !== site?.host || !profile?.look) throw new Error(`no look kept for ${host}`);
      profile = { ...profile, look: { ...profile.look, ...change } };
      return profile;
    }),
    download: (file) => void downloads.push(file),
    openOptions: vi.fn(async () => undefined),
    reloadTab: vi.fn(async () => undefined),
    ...extra,
  };
  return { api, sent, copied, downloads, look: () => look, profile: () => profile };
}

const container = document.createElement('div');
document.body.append(container);

// The popup loads copy and save after it shows (loadFormats): loaded here first, its import() is a module already
// evaluated, as it is by the time a user clicks.
await import('../../src/ui/copy-formats');
await import('../../src/ui/save');

async function mount(api: PopupApi): Promise<HTMLElement> {
  await act(async () => {
    render(h(Popup, { api }), container);
  });
  // Let the state request resolve and re-render.
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  return container;
}

async function click(el: Element | null): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    (el as HTMLElement).click();
    await new Promise((r) => setTimeout(r, 0));
  });
}

afterEach(() => {
  render(null, container);
});

describe('popup', () => {
  it('an answer already there shows as the popup mounts: no frame and no timer in between (no loading frame)', async () => {
    const { api } = fakeApi(pageState());
    render(h(Popup, { api }), container);
    // Promise callbacks only: an effect would still wait for the first frame here, and the view still be loading.
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(container.querySelector('[data-testid=title]')?.textContent).toBe(ARTICLE.title);
    expect(container.querySelector('[data-testid=loading]')).toBeNull();
  });

  it("labels a generic article's byline as its author, not as a feed", async () => {
    const generic: Article = { ...ARTICLE, theme: 'readability', categories: [], feed: 'Ada Keeper', topics: [] };
    const { api } = fakeApi(
      pageState({ generic: true, article: generic, detection: { kind: 'none', detected: false, family: false, theme: null, signals: [] } }),
    );
    const root = await mount(api);
    expect(root.querySelector('[data-testid=feed]')?.textContent).toBe('By Ada Keeper');
  });

  it('does not label a byline twice when the page wrote "By …" or "作者：…" itself', async () => {
    for (const byline of ['By Jane Doe', '作者：张三']) {
      const generic: Article = { ...ARTICLE, theme: 'readability', categories: [], feed: byline, topics: [] };
      const { api } = fakeApi(
        pageState({
          generic: true,
          article: generic,
          detection: { kind: 'none', detected: false, family: false, theme: null, signals: [] },
        }),
      );
      const root = await mount(api);
      expect(root.querySelector('[data-testid=feed]')?.textContent).toBe(byline);
      render(null, container);
    }
  });

  it('asks the target tab for its state and shows the article', async () => {
    const { api, sent } = await Promise.resolve(fakeApi(pageState()));
    const root = await mount(api);
    expect(sent).toEqual([{ tabId: 42, type: 'pnr:get-state' }]);
    expect(root.querySelector('[data-testid=title]')?.textContent).toBe(ARTICLE.title);
    expect(Array.from(root.querySelectorAll('[data-testid=categories] li')).map((li) => li.textContent)).toEqual(ARTICLE.categories);
    expect(root.querySelector('[data-testid=feed]')?.textContent).toBe('Feed 高科技行业门户');
    expect(root.querySelector('[data-testid=date] time')?.getAttribute('datetime')).toBe('2021-08-31');
    expect(root.querySelector('[data-testid=reading-time]')?.textContent).toBe('3 min read');
    expect(root.querySelector('[data-testid=counts]')?.textContent).toBe('1,234 characters · 5 non-CJK words');
    const chip = root.querySelector<HTMLAnchorElement>('[data-testid=topics] a')!;
    expect([chip.textContent, chip.getAttribute('href'), chip.target]).toEqual(['移动通信', 'https://tele.ofweek.com/tag-1.HTM', '_blank']);
    // Placeholder cover: named, not shown as an image.
    const cover = root.querySelector('[data-testid=cover]')!;
    expect(cover.hasAttribute('data-placeholder')).toBe(true);
    expect(cover.querySelector('img')).toBeNull();
    expect(root.querySelector('[data-testid=preview] b')?.textContent).toBe('粗体');
    for (const action of ['toggle-reader', 'copy-text', 'copy-markdown', 'copy-html']) {
      expect(root.querySelector(`[data-action=${action}]`)?.localName).toBe('button');
    }
  });

  it('shows a real cover small, with its unwrapped address', async () => {
    const cover = { url: 'http://images.ofweek.com/a.jpg', placeholder: false, proxied: true, original: 'x' };
    const { api } = fakeApi(pageState({ article: { ...ARTICLE, cover } }));
    const root = await mount(api);
    const img = root.querySelector<HTMLImageElement>('[data-testid=cover] img')!;
    expect(img.getAttribute('src')).toBe('http://images.ofweek.com/a.jpg');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it("copy and save carry the reader's highlights of the article (read by the key the page gives)", async () => {
    const keys: string[] = [];
    const hl = {
      id: 'h1',
      quote: '第二段',
      prefix: '第一段 粗体。 ',
      suffix: '。',
      start: 8,
      color: 'yellow' as const,
      note: 'n',
      created: 1,
      edited: 1,
    };
    const { api, copied, downloads } = fakeApi(pageState({ key: 'https://news.zfe.space/p/86d3.html' }), {
      highlights: async (key) => (keys.push(key), [hl]),
    });
    const root = await mount(api);
    await click(root.querySelector('[data-action=copy-markdown]'));
    expect(copied[0]!.text).toBe(`# ${ARTICLE.title}\n\n第一段 **粗体**。\n\n==第二段==。\n\n> n\n`);
    await click(root.querySelector('[data-action=copy-html]'));
    expect(copied[1]!.html).toContain('<mark class="pnr-hl pnr-hl-yellow" title="n">第二段</mark>');
    await click(root.querySelector('[data-action=save-html]'));
    expect(downloads[0]!.content).toContain('<mark class="pnr-hl pnr-hl-yellow" title="n">第二段</mark>');
    expect(keys).toEqual([
      'https://news.zfe.space/p/86d3.html',
      'https://news.zfe.space/p/86d3.html',
      'https://news.zfe.space/p/86d3.html',
    ]);
  });

  it('copies each format and says so in a live region', async () => {
    const { api, copied } = fakeApi(pageState());
    const root = await mount(api);
    const status = root.querySelector('[data-testid=status]')!;
    expect(status.getAttribute('aria-live')).toBe('polite');

    await click(root.querySelector('[data-action=copy-text]'));
    expect(copied[0]).toEqual({ text: `${ARTICLE.title}\n\n第一段 粗体。\n\n第二段。` });
    expect(status.textContent).toBe('Copied as plain text');

    await click(root.querySelector('[data-action=copy-markdown]'));
    expect(copied[1]).toEqual({ text: `# ${ARTICLE.title}\n\n${ARTICLE.markdown}\n` });
    expect(status.textContent).toBe('Copied as Markdown');

    await click(root.querySelector('[data-action=copy-html]'));
    expect(copied[2]!.html).toBe(`<h1>${ARTICLE.title}</h1>\n${ARTICLE.html}`);
    expect(copied[2]!.text).toBe(copied[0]!.text);
    expect(status.textContent).toBe('Copied as HTML');
  });

  it('a long article in parts: the preview shows the first, a copy asks for the others and copies it whole', async () => {
    const { splitArticle, headOf } = await import('../../src/shared/article-parts');
    const groups = Array.from({ length: 6 }, (_, i) => `<p>段${i}${'字'.repeat(30)}</p>`);
    const whole: Article = {
      ...ARTICLE,
      html: groups.join(''),
      htmlBreaks: groups.slice(0, -1).map((_, i) => groups.slice(0, i + 1).join('').length),
      text: groups.map((_, i) => `段${i}${'字'.repeat(30)}`).join(' '),
    };
    const parts = splitArticle(whole, 80);
    expect(parts.length).toBeGreaterThan(2);
    const { api, sent, copied } = fakeApi(pageState({ article: headOf(whole, parts[0]!), parts: parts.length }), {
      send: (async (tabId: number, request: { type: string; part?: number }) => {
        sent.push({ tabId, ...request });
        if (request.type === 'pnr:get-article-part') return parts[request.part!] ?? null;
        return { ...pageState({ article: headOf(whole, parts[0]!), parts: parts.length }) };
      }) as PopupApi['send'],
    });
    const root = await mount(api);
    const preview = root.querySelector('[data-testid=preview]')!;
    expect(preview.textContent).toContain('段0');
    expect(preview.textContent).not.toContain('段5');
    await click(root.querySelector('[data-action=copy-html]'));
    await vi.waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]!.html).toBe(`<h1>${ARTICLE.title}</h1>\n${whole.html}`);
    // Each part asked for once (after the popup showed), in order.
    const asked = sent.filter((m) => (m as { type: string }).type === 'pnr:get-article-part').map((m) => (m as { part: number }).part);
    expect(asked).toEqual(Array.from({ length: parts.length - 1 }, (_, i) => i + 1));
  });

  it('the preview of a body that is one wrapper: its later groups go into it (htmlDepths)', async () => {
    const parts = ['<div><p>段一</p>', '<p>段二</p>', '</div><p>段三</p>'];
    const whole: Article = {
      ...ARTICLE,
      html: parts.join(''),
      htmlBreaks: [parts[0]!.length, parts[0]!.length + parts[1]!.length],
      htmlDepths: [1, 0],
    };
    const { api } = fakeApi(pageState({ article: whole }));
    const root = await mount(api);
    const preview = root.querySelector('[data-testid=preview]')!;
    await vi.waitFor(() => expect(preview.querySelectorAll('p')).toHaveLength(3));
    expect(preview.innerHTML).toBe('<div><p>段一</p><p>段二</p></div><p>段三</p>');
  });

  it('a part the page no longer has (another article since): the copy says so, nothing is copied', async () => {
    const { splitArticle, headOf } = await import('../../src/shared/article-parts');
    const whole: Article = { ...ARTICLE, html: '<p>a</p>'.repeat(40), htmlBreaks: Array.from({ length: 39 }, (_, i) => (i + 1) * 8) };
    const parts = splitArticle(whole, 64);
    const { api, copied } = fakeApi(pageState({ article: headOf(whole, parts[0]!), parts: parts.length }), {
      send: (async (_tabId: number, request: { type: string }) =>
        request.type === 'pnr:get-article-part'
          ? null
          : pageState({ article: headOf(whole, parts[0]!), parts: parts.length })) as PopupApi['send'],
    });
    const root = await mount(api);
    await click(root.querySelector('[data-action=copy-text]'));
    const status = root.querySelector('[data-testid=status]')!;
    await vi.waitFor(() => expect(status.textContent).toContain('open the popup again'));
    expect(copied).toHaveLength(0);
  });

  it('reports a refused copy instead of claiming success', async () => {
    const { api } = fakeApi(pageState(), {
      copy: async () => {
        throw new Error('Document is not focused.');
      },
    });
    const root = await mount(api);
    await click(root.querySelector('[data-action=copy-text]'));
    expect(root.querySelector('[data-testid=status]')?.textContent).toBe('Could not copy: Document is not focused.');
  });

  it('toggles reader mode in the tab and relabels the button', async () => {
    const { api, sent } = fakeApi(pageState());
    const root = await mount(api);
    const button = root.querySelector('[data-action=toggle-reader]')!;
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await click(button);
    expect(sent).toContainEqual({ tabId: 42, type: 'pnr:toggle-reader' });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.textContent).toBe('Close reader mode');
    expect(root.querySelector('[data-testid=mode]')?.textContent).toBe('Reader mode');
  });

  it('says when the page is not a proxied-news article', async () => {
    const { api } = fakeApi(
      pageState({ article: null, detection: { kind: 'none', detected: false, family: false, theme: null, signals: [] } }),
    );
    const root = await mount(api);
    expect(root.querySelector('[data-testid=not-article]')).not.toBeNull();
    expect(root.querySelector('[data-action=copy-text]')).toBeNull();
  });

  it('on a listing of the family: says what the page is and lists its posts as links, titles as text', async () => {
    const listing = {
      url: 'https://news.zfe.space/',
      site: '小冰 RSSHub',
      entries: [
        { title: '万里归途', url: 'https://news.zfe.space/p/76f9.html', feed: '猫眼电影', date: '2022-09-30' },
        { title: '<img src=x onerror=alert(1)>', url: 'https://news.zfe.space/p/1.html', feed: null, date: null },
      ],
    };
    const { api, sent } = fakeApi(
      pageState({ article: null, listing, detection: { kind: 'listing', detected: false, family: true, theme: 'volantis', signals: [] } }),
    );
    const root = await mount(api);
    const view = root.querySelector('[data-testid=listing]')!;
    expect(view.textContent).toContain('A listing of 小冰 RSSHub');
    expect(view.textContent).toContain('Posts on this page: 2');
    const links = Array.from(view.querySelectorAll('.listing-entries a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(listing.entries.map((e) => e.url));
    expect(links[0]!.textContent).toBe('万里归途');
    expect(view.querySelector('.listing-meta')?.textContent).toBe('猫眼电影 · 2022-09-30');
    // The hostile title stays text.
    expect(links[1]!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(view.querySelector('img')).toBeNull();
    expect(root.querySelector('[data-testid=not-article]')).toBeNull();
    // No Readability reading of a listing.
    expect(sent).not.toContainEqual(expect.objectContaining({ type: 'pnr:get-generic' }));
  });

  it('says when the extension cannot run on the page (no content script answers)', async () => {
    const { api } = fakeApi(new Error('Could not establish connection. Receiving end does not exist.'));
    const root = await mount(api);
    expect(root.querySelector('[data-testid=unsupported]')).not.toBeNull();
    expect(root.querySelector('[data-testid=not-article]')).toBeNull();
  });

  it('offers to reload a page that no content script answers (opened before an install or update)', async () => {
    const { api } = fakeApi(new Error('Could not establish connection. Receiving end does not exist.'));
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    try {
      const root = await mount(api);
      const button = root.querySelector<HTMLButtonElement>('[data-testid=unsupported] [data-action=reload-page]');
      expect(button?.textContent).toBe('Reload the page');
      button!.click();
      await vi.waitFor(() => expect(close).toHaveBeenCalled());
      expect(api.reloadTab).toHaveBeenCalledWith(await api.targetTab());
    } finally {
      close.mockRestore();
    }
  });

  it('shows an extraction error from the page', async () => {
    const { api } = fakeApi(pageState({ article: null, error: 'Error: boom' }));
    const root = await mount(api);
    expect(root.querySelector('[data-testid=error]')?.textContent).toContain('Error: boom');
  });

  it('writes the auto-clean switches through the settings API, keyed by the exact hostname', async () => {
    const { api } = fakeApi(pageState({ url: 'https://www.example.org/p/1.html', autoClean: { global: true, site: true } }));
    const root = await mount(api);
    const site = root.querySelector<HTMLInputElement>('[data-setting=site-auto-clean]')!;
    const global = root.querySelector<HTMLInputElement>('[data-setting=global-auto-clean]')!;
    expect([site.checked, global.checked]).toEqual([true, true]);
    await click(global);
    expect(api.setGlobalAutoClean).toHaveBeenCalledWith(false);
    // The stored result wins: a site without an override follows the global switch.
    expect([site.checked, global.checked]).toEqual([false, false]);
    await click(site);
    expect(api.setSiteAutoClean).toHaveBeenCalledWith('www.example.org', true);
    expect([site.checked, global.checked]).toEqual([true, false]);
  });
});

describe('popup: reader features', () => {
  it('marks the default copy format from the options', async () => {
    const { api } = fakeApi(pageState(), { loadReaderSettings: async () => ({ ...DEFAULT_READER_SETTINGS, copyFormat: 'text' }) });
    const root = await mount(api);
    const marked = Array.from(root.querySelectorAll('[data-default]'));
    expect(marked.map((b) => b.getAttribute('data-action'))).toEqual(['copy-text']);
    expect(marked[0]!.getAttribute('aria-label')).toBe('Copy as plain text (default)');
  });

  it('saves the article as a Markdown or HTML file', async () => {
    const { api, downloads } = fakeApi(pageState());
    const root = await mount(api);
    await click(root.querySelector('[data-action=save-markdown]'));
    await click(root.querySelector('[data-action=save-html]'));
    expect(downloads.map((f) => f.name)).toEqual([`${ARTICLE.title}.md`, `${ARTICLE.title}.html`]);
    expect(downloads[0]!.content).toContain(`title: "${ARTICLE.title}"`);
    expect(downloads[1]!.content).toContain(`<h1>${ARTICLE.title}</h1>`);
    expect(root.querySelector('[data-testid=status]')?.textContent).toBe(`Saved ${ARTICLE.title}.html`);
  });

  it('changes the reader theme and text size from the popup, stored at once', async () => {
    const { api, look } = fakeApi(pageState());
    const root = await mount(api);
    const section = root.querySelector('[data-testid=popup-appearance]')!;
    // Compact: theme and size only.
    expect(section.querySelector('[data-setting=lineHeight]')).toBeNull();
    await click(section.querySelector('[data-setting=theme] input[value=dark]'));
    await click(section.querySelector('[data-setting=fontSize] [data-step=less]'));
    expect(api.saveReaderSettings).toHaveBeenCalledWith({ theme: 'dark' });
    expect(look()).toMatchObject({ theme: 'dark', fontSize: DEFAULT_READER_SETTINGS.fontSize - 1 });
    expect(section.querySelector('[data-setting=fontSize] output')?.textContent).toBe(`${DEFAULT_READER_SETTINGS.fontSize - 1} px`);
  });

  it('on a site that keeps its own look, shows and changes that look (says so); elsewhere the global one', async () => {
    const own = lookOf({ ...DEFAULT_READER_SETTINGS, theme: 'sepia', fontSize: 22 });
    const site = { host: 'news.zfe.space', profile: { autoOpen: false, look: own, script: 'original' as const } };
    const { api, look, profile } = fakeApi(pageState(), {}, site);
    const root = await mount(api);
    const section = root.querySelector('[data-testid=popup-appearance]')!;
    expect(section.querySelector('[data-testid=popup-site-look]')?.textContent).toBe(
      'The look kept for news.zfe.space: changes here apply on this site only.',
    );
    expect(section.querySelector<HTMLInputElement>('[data-setting=theme] input[value=sepia]')?.checked).toBe(true);
    expect(section.querySelector('[data-setting=fontSize] output')?.textContent).toBe('22 px');
    await click(section.querySelector('[data-setting=theme] input[value=dark]'));
    await click(section.querySelector('[data-setting=fontSize] [data-step=more]'));
    // Into the site's look; the global settings untouched.
    expect(api.saveSiteLook).toHaveBeenCalledWith('news.zfe.space', { theme: 'dark' });
    expect(profile()?.look).toMatchObject({ theme: 'dark', fontSize: 23 });
    expect(api.saveReaderSettings).not.toHaveBeenCalled();
    expect(look()).toMatchObject({ theme: DEFAULT_READER_SETTINGS.theme, fontSize: DEFAULT_READER_SETTINGS.fontSize });
    expect(section.querySelector('[data-setting=fontSize] output')?.textContent).toBe('23 px');

    // Another site: the global look, no note, changes stored globally.
    render(null, container);
    const other = fakeApi(pageState({ url: 'https://blog.example.org/p/1.html' }), {}, site);
    const root2 = await mount(other.api);
    const section2 = root2.querySelector('[data-testid=popup-appearance]')!;
    expect(section2.querySelector('[data-testid=popup-site-look]')).toBeNull();
    expect(section2.querySelector('[data-setting=fontSize] output')?.textContent).toBe(`${DEFAULT_READER_SETTINGS.fontSize} px`);
    await click(section2.querySelector('[data-setting=theme] input[value=dark]'));
    expect(other.api.saveReaderSettings).toHaveBeenCalledWith({ theme: 'dark' });
    expect(other.api.saveSiteLook).not.toHaveBeenCalled();
  });

  it('opens the options page', async () => {
    const { api } = fakeApi(pageState({ article: null }));
    const root = await mount(api);
    await click(root.querySelector('[data-action=open-options]'));
    expect(api.openOptions).toHaveBeenCalledTimes(1);
  });
});

describe('tabFromQuery', () => {
  it('reads ?tab=<id> and ignores anything else', () => {
    expect(tabFromQuery('?tab=17')).toBe(17);
    expect(tabFromQuery('?tab=abc')).toBeNull();
    expect(tabFromQuery('')).toBeNull();
  });
});
