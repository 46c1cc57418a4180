// @vitest-environment jsdom
// The reader's side of site profiles and vertical writing (issue 11 items 5 and 6), in jsdom over the real settings
// modules and a fake storage: it opens in this host's profile (look, 简/繁), "Remember for this site" keeps the look,
// later look changes go to the profile and the rest to the global settings, Forget goes back to the global look,
// auto-open is a switch; the vertical switch is offered for Chinese, not English, and sets the article vertically.
// jsdom's page is http://localhost:3000: the host is `localhost`.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../src/core/types';

const stub = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('../helpers/ui-browser-stub').uiBrowserStub> }));
vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  stub.current = uiBrowserStub('en');
  return { default: stub.current };
});

const { openReader } = await import('../../src/reader/overlay');
const rs = await import('../../src/settings/reader-settings');
const sp = await import('../../src/settings/site-profiles');
type ReaderHandle = import('../../src/reader/overlay').ReaderHandle;

const HOST = 'localhost';

function article(overrides: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    url: 'http://localhost/p/1.html',
    theme: 'volantis',
    title: '这个国家们的发展',
    categories: [],
    feed: null,
    published: null,
    cover: null,
    images: [],
    videos: [],
    topics: [],
    links: [],
    html: '<p>截至8月底，这个AI芯片增长12倍。</p><p>第二段们。</p>',
    markdown: '',
    text: '截至8月底，这个AI芯片增长12倍。 第二段们。',
    counts: { chars: 24, cjk: 20, words: 2, readingMinutes: 1 },
    origin: null,
    unescaped: false,
    notes: [],
    ...overrides,
  };
}

const FAKE_S2T: Record<string, string> = { 这: '這', 个: '個', 国: '國', 们: '們', 发: '發' };
const fakeOpenCC = {
  Converter: (o: { to: string }) => (text: string) => (o.to === 'cn' ? text : Array.from(text, (ch) => FAKE_S2T[ch] ?? ch).join('')),
};

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check: () => void, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await tick(10);
    }
  }
}
const click = (el: Element | null | undefined) => {
  if (!el) throw new Error('nothing to click');
  (el as HTMLElement).click();
};
const sync = () => stub.current!.storage.sync.data;

let handle: ReaderHandle | null = null;
afterEach(async () => {
  handle?.close();
  handle = null;
  await tick(500);
  for (const k of Object.keys(sync())) delete sync()[k];
});

function open(
  profiles: import('../../src/settings/site-profiles').SiteProfiles = {},
  a = article(),
  settings = rs.DEFAULT_READER_SETTINGS,
) {
  const importer = vi.fn(async () => fakeOpenCC);
  handle = openReader(a, document, {
    settings: { ...settings },
    profiles,
    env: { speech: null, positions: null, importConverter: importer },
  });
  const root = handle.host.shadowRoot!;
  return { root, importer, theme: () => root.querySelector<HTMLElement>('.pnr-root')!.dataset.pnrTheme };
}

describe('the reader on a host with a profile', () => {
  it('opens in the profile’s look and 简/繁 target', async () => {
    const look = sp.lookOf({ ...rs.DEFAULT_READER_SETTINGS, theme: 'sepia', fontSize: 24 });
    const { root, importer, theme } = open({ [HOST]: { autoOpen: false, look, script: 'traditional' } });
    expect(theme()).toBe('sepia');
    expect(handle!.host.style.getPropertyValue('--pnr-reader-size')).toBe('24px');
    await waitFor(() => expect(root.querySelector('[data-testid=title]')?.textContent).toBe('這個國家們的發展'));
    expect(importer).toHaveBeenCalledWith('traditional');
  });

  it('elsewhere (no profile for this host): the global look, as published', async () => {
    const look = sp.lookOf({ ...rs.DEFAULT_READER_SETTINGS, theme: 'sepia' });
    const { root, importer, theme } = open({ 'news.zfe.space': { autoOpen: true, look, script: 'traditional' } });
    await tick(50);
    expect(theme()).toBe('auto');
    expect(importer).not.toHaveBeenCalled();
    expect(root.querySelector('[data-testid=title]')?.textContent).toBe('这个国家们的发展');
  });
});

describe('Remember for this site, then changes, then Forget', () => {
  it('keeps the look for this host; look changes go to the profile, the rest to the global settings', async () => {
    const { root, theme } = open();
    click(root.querySelector('[data-action=appearance]'));
    await waitFor(() =>
      expect(root.querySelector('[data-testid=site-profile-state]')?.textContent).toBe('This site uses the global appearance'),
    );
    click(root.querySelector('[data-action=remember-site]'));
    await waitFor(() => expect(root.querySelector('[data-testid=site-profile-note]')?.textContent).toBe('Remembered for localhost'));
    expect(root.querySelector('[data-testid=site-profile-state]')?.textContent).toContain('kept for localhost');
    expect(sp.profilesFromItems(sync())[HOST]).toEqual({
      autoOpen: false,
      look: sp.lookOf(rs.DEFAULT_READER_SETTINGS),
      script: 'original',
    });

    click(root.querySelector('[data-setting=theme] input[value=dark]'));
    click(root.querySelector('[data-setting=showImages] input'));
    expect(theme()).toBe('dark');
    await waitFor(() => expect(sp.profilesFromItems(sync())[HOST]?.look?.theme).toBe('dark'));
    await waitFor(() => expect(rs.readerSettingsFromStorage(sync()).showImages).toBe(false));
    // The global look is untouched: another host still opens in it.
    expect(rs.readerSettingsFromStorage(sync()).theme).toBe('auto');

    click(root.querySelector('[data-action=forget-site]'));
    await waitFor(() => expect(theme()).toBe('auto'));
    await waitFor(() => expect(sp.profilesFromItems(sync())).toEqual({}));
    expect(root.querySelector('[data-testid=site-profile-note]')?.textContent).toBe('localhost uses the global settings again');
    // Without a kept look, a change is global again.
    click(root.querySelector('[data-setting=theme] input[value=sepia]'));
    await waitFor(() => expect(rs.readerSettingsFromStorage(sync()).theme).toBe('sepia'));
  });

  it('auto-open is a switch of its own: on alone it makes a profile without a look, off removes it', async () => {
    const { root } = open();
    click(root.querySelector('[data-action=appearance]'));
    await waitFor(() => expect(root.querySelector('[data-setting=autoOpen] input')).not.toBeNull());
    click(root.querySelector('[data-setting=autoOpen] input'));
    await waitFor(() => expect(sp.profilesFromItems(sync())[HOST]).toEqual({ autoOpen: true, look: null, script: 'original' }));
    expect(root.querySelector('[data-testid=site-profile-note]')?.textContent).toBe('The reader will open by itself on localhost');
    expect(root.querySelector('[data-action=remember-site]')).not.toBeNull();
    click(root.querySelector('[data-setting=autoOpen] input'));
    await waitFor(() => expect(sp.profilesFromItems(sync())).toEqual({}));
  });

  it('a 101st profile is refused with a clear message, nothing stored', async () => {
    const many = Object.fromEntries(
      Array.from({ length: sp.MAX_SITE_PROFILES }, (_, i) => [
        `site${i}.example`,
        { autoOpen: true, look: null, script: 'original' as const },
      ]),
    );
    for (const [k, v] of Object.entries(sp.profileItems(many))) if (v) sync()[k] = v;
    const before = JSON.stringify(sync());
    const { root } = open();
    click(root.querySelector('[data-action=appearance]'));
    await waitFor(() => expect(root.querySelector('[data-action=remember-site]')).not.toBeNull());
    click(root.querySelector('[data-action=remember-site]'));
    await waitFor(() =>
      expect(root.querySelector('[data-testid=site-profile-note]')?.textContent).toBe(
        'At most 100 sites can have a profile: remove one in the options first',
      ),
    );
    expect(root.querySelector('[data-testid=site-profile-note]')?.classList.contains('pnr-status-error')).toBe(true);
    expect(JSON.stringify(sync())).toBe(before);
  });
});

describe('the vertical switch', () => {
  it('is offered for a Chinese article and sets it vertically, with short runs upright; off puts the text back', async () => {
    const { root } = open();
    const scroller = root.querySelector<HTMLElement>('[data-testid=reader-scroller]')!;
    const body = root.querySelector('[data-testid=reader-body]')!;
    const before = body.innerHTML;
    expect(scroller.dataset.writing).toBeUndefined();
    click(root.querySelector('[data-action=appearance]'));
    await waitFor(() => expect(root.querySelector('[data-setting=vertical] input')).not.toBeNull());
    click(root.querySelector('[data-setting=vertical] input'));
    await waitFor(() => expect(scroller.dataset.writing).toBe('vertical'));
    expect(Array.from(body.querySelectorAll('.pnr-tcy'), (s) => s.textContent)).toEqual(['8', '12']);
    expect(Array.from(body.querySelectorAll('.pnr-upright'), (s) => s.textContent)).toEqual(['AI']);
    // Remembered globally (no profile here).
    await waitFor(() => expect(rs.readerSettingsFromStorage(sync()).vertical).toBe(true));
    click(root.querySelector('[data-setting=vertical] input'));
    await waitFor(() => expect(scroller.dataset.writing).toBeUndefined());
    expect(body.innerHTML).toBe(before);
  });

  it('is not offered for an English article, which stays horizontal even with the setting on', async () => {
    const en = article({
      title: 'A plain English story',
      html: '<p>One paragraph of English text here.</p>',
      text: 'One paragraph of English text here.',
      counts: { chars: 35, cjk: 0, words: 6, readingMinutes: 1 },
    });
    const { root } = open({}, en, { ...rs.DEFAULT_READER_SETTINGS, vertical: true });
    click(root.querySelector('[data-action=appearance]'));
    await waitFor(() => expect(root.querySelector('[data-testid=panel-appearance]')).not.toBeNull());
    expect(root.querySelector('[data-setting=vertical]')).toBeNull();
    expect(root.querySelector<HTMLElement>('[data-testid=reader-scroller]')!.dataset.writing).toBeUndefined();
  });
});
