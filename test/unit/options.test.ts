// @vitest-environment jsdom
// The options page over the real settings modules and a fake `browser` (storage, commands, tabs).
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// One object the module mock hands out; each test fills it with a fresh stub (Chrome or Firefox, en, zh_CN or zh_TW).
const browserObj = vi.hoisted((): Record<string, unknown> => ({}));
vi.mock('webextension-polyfill', () => ({ default: browserObj }));

const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
const { Options } = await import('../../src/options/Options');
const { createBrowserOptionsApi } = await import('../../src/options/api');
const { normalizeHost } = await import('../../src/options/hosts');
const { READER_KEYS } = await import('../../src/settings/reader-settings');
const { sitesFromItems } = await import('../../src/settings/schema');
const { profilesFromItems } = await import('../../src/settings/profile-values');

type Stub = ReturnType<typeof uiBrowserStub>;
type Locale = Parameters<typeof uiBrowserStub>[0];
let stub: Stub;

/** The site overrides as stored (in their shards, src/settings/schema.ts). */
const storedSites = () => sitesFromItems(stub.storage.sync.data);

function useStub(lang: Locale = 'en', firefox = false): Stub {
  for (const k of Object.keys(browserObj)) delete browserObj[k];
  stub = uiBrowserStub(lang, firefox);
  Object.assign(browserObj, stub);
  return stub;
}

const container = document.createElement('div');
document.body.append(container);

async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 4; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

async function mount(): Promise<HTMLElement> {
  await act(async () => {
    render(h(Options, { api: createBrowserOptionsApi() }), container);
  });
  await flush();
  return container;
}

async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    (el as HTMLElement).click();
  });
  await flush();
}

async function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(form: HTMLFormElement): Promise<void> {
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await flush();
}

beforeEach(() => {
  useStub();
});

afterEach(() => {
  render(null, container);
});

describe('options page', () => {
  it('renders every section with headings and labelled controls', async () => {
    const root = await mount();
    expect(root.querySelector('h1')?.textContent).toBe('Proxied News Reader options');
    expect(Array.from(root.querySelectorAll('h2'), (x) => x.textContent)).toEqual([
      'Automatic cleaning',
      'Copying',
      'Reader',
      'Site profiles',
      'Custom CSS',
      'Keyboard shortcut',
      'Export and import',
      'Highlights',
    ]);
    expect(root.querySelector('main')).not.toBeNull();
    // Every form control has a name: a <label> around it or for it, or a fieldset legend for radios.
    for (const input of Array.from(root.querySelectorAll<HTMLInputElement>('input, textarea'))) {
      const labelled = input.closest('label') !== null || (input.id && root.querySelector(`label[for="${input.id}"]`) !== null);
      expect(labelled, input.outerHTML).toBe(true);
    }
    for (const button of Array.from(root.querySelectorAll('button'))) {
      expect((button.getAttribute('aria-label') ?? button.textContent ?? '').trim(), button.outerHTML).not.toBe('');
    }
    expect(root.querySelector('[data-testid=no-sites]')).not.toBeNull();
  });

  it('switches auto-clean everywhere', async () => {
    const root = await mount();
    const global = root.querySelector<HTMLInputElement>('[data-setting=global-auto-clean]')!;
    expect(global.checked).toBe(true);
    await click(global);
    expect(stub.storage.sync.data.autoClean).toBe(false);
    expect(root.querySelector<HTMLInputElement>('[data-setting=global-auto-clean]')!.checked).toBe(false);
    expect(root.querySelector('[data-testid=options-status]')?.textContent).toBe('Saved');
  });

  it('adds a site (from a pasted address), switches it, and removes it', async () => {
    const root = await mount();
    const form = root.querySelector<HTMLFormElement>('[data-testid=add-site]')!;
    await type(form.querySelector<HTMLInputElement>('input[name=host]')!, '  https://News.ZFE.space/p/86d3.html#top ');
    await submit(form);
    expect(storedSites()).toEqual({ 'news.zfe.space': false });
    const row = root.querySelector('[data-testid=site-list] tr[data-host="news.zfe.space"]')!;
    expect(row.querySelector('th')?.textContent).toBe('news.zfe.space');
    expect(form.querySelector<HTMLInputElement>('input[name=host]')!.value).toBe('');

    await click(row.querySelector('[data-setting=site-on]'));
    expect(storedSites()).toEqual({ 'news.zfe.space': true });

    const remove = root.querySelector('[data-host="news.zfe.space"] [data-action=remove-site]')!;
    expect(remove.getAttribute('aria-label')).toBe('Remove news.zfe.space');
    await click(remove);
    expect(storedSites()).toEqual({});
    expect(root.querySelector('[data-testid=no-sites]')).not.toBeNull();
  });

  it('refuses something that is not a host name, saying why', async () => {
    const root = await mount();
    const form = root.querySelector<HTMLFormElement>('[data-testid=add-site]')!;
    const input = form.querySelector<HTMLInputElement>('input[name=host]')!;
    await type(input, 'not a host');
    await submit(form);
    expect(root.querySelector('[role=alert]')?.textContent).toBe('That is not a site name, e.g. news.zfe.space');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(stub.storage.sync.writes).toHaveLength(0);
  });

  it('site profiles: adds one from a pasted address (global look), edits its switches, 简/繁 and look, removes it', async () => {
    const root = await mount();
    expect(root.querySelector('[data-testid=no-profiles]')).not.toBeNull();
    // The global look the new profile starts from.
    await click(root.querySelector('[data-setting=theme] input[value=sepia]'));
    const form = root.querySelector<HTMLFormElement>('[data-testid=add-profile]')!;
    await type(form.querySelector<HTMLInputElement>('input[name=host]')!, 'https://News.ZFE.space/p/1.html');
    await submit(form);
    const stored = () => profilesFromItems(stub.storage.sync.data)['news.zfe.space'];
    expect(stored()).toMatchObject({ autoOpen: false, look: { theme: 'sepia', vertical: false }, script: 'original' });
    const row = () => root.querySelector('[data-testid=profile-list] [data-host="news.zfe.space"]')!;
    expect(row().querySelector('h3')?.textContent).toBe('news.zfe.space');

    await click(row().querySelector('[data-setting=profile-auto-open]'));
    await click(row().querySelector('[data-setting=profile-script] input[value=traditional]'));
    // Its own look, in the shared controls (vertical offered; "Show images" is global, not here).
    const look = row().querySelector('.profile-look')!;
    expect(look.querySelector('[data-setting=showImages]')).toBeNull();
    await click(look.querySelector('[data-setting=vertical] input'));
    await click(look.querySelector('[data-setting=theme] input[value=dark]'));
    expect(stored()).toMatchObject({ autoOpen: true, look: { theme: 'dark', vertical: true }, script: 'traditional' });
    // The global settings kept their own look.
    expect(root.querySelector<HTMLInputElement>('#h-reader ~ .reader-grid [data-setting=theme] input[value=sepia]')?.checked).toBe(true);

    await click(row().querySelector('[data-setting=profile-own-look]'));
    expect(stored()).toEqual({ autoOpen: true, look: null, script: 'traditional' });

    // The same host again: said, not doubled.
    await type(form.querySelector<HTMLInputElement>('input[name=host]')!, 'news.zfe.space');
    await submit(form);
    expect(root.querySelector('#profile-error')?.textContent).toBe('news.zfe.space already has a profile');

    const remove = row().querySelector('[data-action=remove-profile]')!;
    expect(remove.getAttribute('aria-label')).toBe('Remove the profile of news.zfe.space');
    await click(remove);
    expect(profilesFromItems(stub.storage.sync.data)).toEqual({});
    expect(root.querySelector('[data-testid=no-profiles]')).not.toBeNull();
  });

  it('stores the default copy format and the reader appearance, validated', async () => {
    const root = await mount();
    await click(root.querySelector('[data-setting=copyFormat] input[value=html]'));
    expect(stub.storage.sync.data[READER_KEYS.prefs]).toMatchObject({ copyFormat: 'html' });
    await click(root.querySelector('[data-setting=theme] input[value=sepia]'));
    await click(root.querySelector('[data-setting=lineHeight] [data-step=more]'));
    await click(root.querySelector('[data-setting=cjkFont] input[value=serif]'));
    expect(stub.storage.sync.data[READER_KEYS.prefs]).toMatchObject({
      copyFormat: 'html',
      theme: 'sepia',
      lineHeight: 1.8,
      cjkFont: 'serif',
    });
    // The preview follows.
    const preview = root.querySelector<HTMLElement>('[data-testid=options-preview]')!;
    expect(preview.dataset.pnrTheme).toBe('sepia');
    expect(preview.style.getPropertyValue('--pnr-reader-leading')).toBe('1.8');
    expect(preview.style.getPropertyValue('--pnr-reader-font')).toContain('"Noto Serif CJK SC"');
  });

  it('updates when settings change elsewhere (the popup or a reader)', async () => {
    const root = await mount();
    await stub.storage.sync.set({ [READER_KEYS.prefs]: { theme: 'dark', fontSize: 25 } });
    await flush();
    expect(root.querySelector<HTMLInputElement>('[data-setting=theme] input[value=dark]')!.checked).toBe(true);
    expect(root.querySelector('[data-setting=fontSize] output')?.textContent).toBe('25 px');
  });

  it('saves custom CSS as written and says what will be ignored', async () => {
    const root = await mount();
    const area = root.querySelector<HTMLTextAreaElement>('#custom-css')!;
    const css = '/* mine */\n.pnr-title { color: red }\n.pnr-body { background: url(https://evil.test/bg.png) }';
    await type(area, css);
    await click(root.querySelector('[data-action=save-css]'));
    expect(stub.storage.sync.data[READER_KEYS.css]).toBe(css);
    expect(root.querySelector('[data-testid=css-status]')?.textContent).toBe(
      'Saved. 1 rule(s) that would load something from the network will be ignored.',
    );
    await type(area, '.pnr-title { color: blue }');
    await click(root.querySelector('[data-action=save-css]'));
    expect(root.querySelector('[data-testid=css-status]')?.textContent).toBe('CSS saved.');
  });

  it('blocks custom CSS over the storage limit', async () => {
    const root = await mount();
    await type(root.querySelector<HTMLTextAreaElement>('#custom-css')!, `/* ${'x'.repeat(8000)} */`);
    await flush();
    expect(root.querySelector<HTMLButtonElement>('[data-action=save-css]')!.disabled).toBe(true);
    expect(root.querySelector('#custom-css')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the shortcut and opens Chrome’s shortcut page', async () => {
    const root = await mount();
    expect(root.querySelector('[data-testid=shortcut-keys]')?.textContent).toBe('Alt+Shift+R');
    expect(root.querySelector('[data-testid=shortcut]')?.getAttribute('data-browser')).toBe('chrome');
    expect(root.querySelector('[data-testid=shortcut-how]')?.textContent).toContain('chrome://extensions/shortcuts');
    await click(root.querySelector('[data-action=open-shortcuts]'));
    expect(stub.calls).toContainEqual(['tabs.create', 'chrome://extensions/shortcuts']);
  });

  it('in Firefox, points to about:addons and opens it through commands.openShortcutSettings', async () => {
    useStub('en', true);
    const root = await mount();
    expect(root.querySelector('[data-testid=shortcut]')?.getAttribute('data-browser')).toBe('firefox');
    expect(root.querySelector('[data-testid=shortcut-how]')?.textContent).toContain('about:addons');
    await click(root.querySelector('[data-action=open-shortcuts]'));
    expect(stub.calls).toContainEqual(['commands.openShortcutSettings']);
    expect(stub.calls.some((c) => c[0] === 'tabs.create')).toBe(false);
  });

  it('is in Chinese for a Chinese browser', async () => {
    useStub('zh_CN');
    const root = await mount();
    expect(root.querySelector('h1')?.textContent).toBe('Proxied News Reader 选项');
    expect(root.querySelector('[data-setting=theme] input[value=sepia] + span')?.textContent).toBe('护眼');
    expect(root.textContent).not.toMatch(/\b(options|set|popup)_[A-Za-z]+/);
  });

  it('is in Traditional Chinese, with Taiwan terms, for a zh-TW browser', async () => {
    useStub('zh_TW');
    const root = await mount();
    expect(root.querySelector('h1')?.textContent).toBe('Proxied News Reader 選項');
    expect(root.querySelector('[data-setting=theme] input[value=sepia] + span')?.textContent).toBe('護眼');
    expect(root.textContent).toContain('匯出設定');
    expect(root.textContent).toContain('快速鍵');
    expect(root.textContent).not.toMatch(/\b(options|set|popup)_[A-Za-z]+/);
    // The sample is Traditional here, so it is marked zh-TW for its glyphs (zh-CN under the other locales).
    expect(root.querySelector('.preview-article')?.getAttribute('lang')).toBe('zh-TW');
  });

  it.each(['en', 'zh_CN'] as const)('marks the Simplified preview sample zh-CN under %s', async (lang) => {
    useStub(lang);
    const root = await mount();
    expect(root.querySelector('.preview-article')?.getAttribute('lang')).toBe('zh-CN');
  });
});

describe('normalizeHost', () => {
  it('accepts host names and pasted URLs, as location.hostname would have them', () => {
    expect(normalizeHost('news.zfe.space')).toBe('news.zfe.space');
    expect(normalizeHost('NEWS.zfe.space.')).toBe('news.zfe.space');
    expect(normalizeHost('https://www.example.org:8443/p/1.html?q#x')).toBe('www.example.org');
    expect(normalizeHost('localhost')).toBe('localhost');
    expect(normalizeHost('例子.中国')).toBe('xn--fsqu00a.xn--fiqs8s');
  });

  it('refuses what is not one', () => {
    for (const bad of ['', '   ', 'two words', 'nodot', 'ftp://a.test', 'javascript:alert(1)', 'a..b', '[::1]']) {
      expect(normalizeHost(bad), bad).toBeNull();
    }
  });
});
