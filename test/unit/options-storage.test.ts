// @vitest-environment jsdom
// The options page's stored-data features over the real settings modules and a fake `browser`: export and
// import of all settings, a quota refusal shown to the user, and rapid −/+ clicks under the write-rate limit.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const browserObj = vi.hoisted((): Record<string, unknown> => ({}));
vi.mock('webextension-polyfill', () => ({ default: browserObj }));

const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
const { Options } = await import('../../src/options/Options');
const { createBrowserOptionsApi } = await import('../../src/options/api');
const { READER_KEYS } = await import('../../src/settings/reader-settings');
const { SCHEMA_VERSION, siteShardKey, sitesFromItems } = await import('../../src/settings/schema');
const { syncItemBytes } = await import('../../src/settings/quota');

type Stub = ReturnType<typeof uiBrowserStub>;
let stub: Stub;

function useStub(lang: Parameters<typeof uiBrowserStub>[0] = 'en'): Stub {
  for (const k of Object.keys(browserObj)) delete browserObj[k];
  stub = uiBrowserStub(lang);
  Object.assign(browserObj, stub);
  return stub;
}

const container = document.createElement('div');
document.body.append(container);

async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 6; i++) await new Promise((r) => setTimeout(r, 0));
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

/** Choose `content` as the file in the import input, as the file picker would. */
async function chooseFile(root: HTMLElement, content: string, name = 'proxied-news-settings.json'): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('[data-testid=import-file]')!;
  const file = new File([content], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

const status = (root: HTMLElement) => root.querySelector('[data-testid=transfer-status]')!;

beforeEach(() => {
  useStub();
});

afterEach(() => {
  render(null, container);
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('export', () => {
  it('saves proxied-news-settings.json through a Blob URL and <a download>, with every setting', async () => {
    await stub.storage.sync.set({
      schemaVersion: 2,
      autoClean: false,
      [siteShardKey('news.zfe.space')]: { 'news.zfe.space': true },
      [READER_KEYS.prefs]: { theme: 'sepia', fontSize: 22 },
      [READER_KEYS.css]: '.pnr-title { color: teal }',
    });
    const blobs: Blob[] = [];
    // jsdom has no Blob URLs: record the Blob, hand back a URL.
    (URL as unknown as { createObjectURL(b: Blob): string }).createObjectURL = (b: Blob) => (blobs.push(b), 'blob:settings');
    (URL as unknown as { revokeObjectURL(u: string): void }).revokeObjectURL = () => undefined;
    const clicked: Array<{ download: string; href: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    const root = await mount();
    const button = root.querySelector<HTMLButtonElement>('[data-action=export-settings]')!;
    expect(button.tagName).toBe('BUTTON');
    expect(button.textContent).toBe('Export settings');
    await click(button);
    expect(clicked).toEqual([{ download: 'proxied-news-settings.json', href: 'blob:settings' }]);
    expect(blobs[0]!.type).toBe('application/json');
    const data = JSON.parse(await blobs[0]!.text()) as Record<string, unknown>;
    expect(data).toMatchObject({
      app: 'proxied-news-reader',
      schemaVersion: SCHEMA_VERSION,
      autoClean: false,
      sites: { 'news.zfe.space': true },
      reader: { theme: 'sepia', fontSize: 22, customCss: '.pnr-title { color: teal }', lineHeight: 1.7 },
    });
    expect(status(root).textContent).toBe('Settings exported to proxied-news-settings.json.');
    // Exporting writes nothing.
    expect(stub.storage.sync.writes).toHaveLength(1);
  });
});

describe('import', () => {
  const good = JSON.stringify({
    app: 'proxied-news-reader',
    schemaVersion: SCHEMA_VERSION,
    autoClean: false,
    sites: { 'zfe.space': true, 'news.zfe.space': false },
    reader: { theme: 'dark', fontSize: 26, copyFormat: 'html', customCss: '/* imported */' },
  });

  it('is a real button that opens a labelled file input', async () => {
    const root = await mount();
    const input = root.querySelector<HTMLInputElement>('[data-testid=import-file]')!;
    expect(input.type).toBe('file');
    expect(input.closest('label')?.textContent).toContain('Settings file to import');
    const picked = vi.spyOn(input, 'click').mockImplementation(() => undefined);
    await click(root.querySelector('button[data-action=import-settings]'));
    expect(picked).toHaveBeenCalledTimes(1);
  });

  it('writes a valid file through the validated path and shows the new values', async () => {
    const root = await mount();
    await chooseFile(root, good);
    expect(status(root).textContent).toBe('Settings imported.');
    expect(status(root).getAttribute('role')).toBe('status');
    const data = stub.storage.sync.data;
    expect(data.autoClean).toBe(false);
    expect(sitesFromItems(data)).toEqual({ 'zfe.space': true, 'news.zfe.space': false });
    expect(data[READER_KEYS.prefs]).toMatchObject({ theme: 'dark', fontSize: 26, copyFormat: 'html', width: 38 });
    expect(data[READER_KEYS.css]).toBe('/* imported */');
    // One write for the whole import.
    expect(stub.storage.sync.writes).toHaveLength(1);
    // The page shows them.
    expect(root.querySelector<HTMLInputElement>('[data-setting=global-auto-clean]')!.checked).toBe(false);
    expect(Array.from(root.querySelectorAll('[data-testid=site-list] th[scope=row]'), (x) => x.textContent)).toEqual([
      'news.zfe.space',
      'zfe.space',
    ]);
    expect(root.querySelector<HTMLInputElement>('[data-setting=theme] input[value=dark]')!.checked).toBe(true);
    expect(root.querySelector('[data-setting=fontSize] output')?.textContent).toBe('26 px');
    expect(root.querySelector<HTMLTextAreaElement>('#custom-css')!.value).toBe('/* imported */');
  });

  it.each([
    ['not JSON', 'hello', 'That file is not a settings file (it is not JSON). Nothing was changed.'],
    ['truncated JSON', good.slice(0, 40), 'That file is not a settings file (it is not JSON). Nothing was changed.'],
    [
      'the wrong marker',
      JSON.stringify({ app: 'some-other-extension', schemaVersion: 1 }),
      'That file is not a Proxied News Reader settings file. Nothing was changed.',
    ],
    [
      'a newer schema version',
      JSON.stringify({ app: 'proxied-news-reader', schemaVersion: SCHEMA_VERSION + 1 }),
      `That file comes from a newer version of Proxied News Reader (settings version ${SCHEMA_VERSION + 1}). Update the extension to import it. Nothing was changed.`,
    ],
    [
      'a wrong shape',
      JSON.stringify({ app: 'proxied-news-reader', schemaVersion: SCHEMA_VERSION, reader: { fontSize: 'big' } }),
      'That settings file has an invalid value at reader.fontSize. Nothing was changed.',
    ],
  ])('refuses %s with a clear error, writing nothing', async (_name, content, message) => {
    const root = await mount();
    await chooseFile(root, content);
    expect(status(root).textContent).toBe(message);
    expect(status(root).getAttribute('role')).toBe('alert');
    expect(stub.storage.sync.writes).toHaveLength(0);
  });

  it('says why in Chinese for a Chinese browser', async () => {
    useStub('zh_CN');
    const root = await mount();
    expect(root.querySelector('[data-action=export-settings]')?.textContent).toBe('导出设置');
    await chooseFile(root, 'not json');
    expect(status(root).textContent).toBe('该文件不是设置文件（不是 JSON）。设置未作任何更改。');
  });

  it('says why in Traditional Chinese for a zh-TW browser', async () => {
    useStub('zh_TW');
    const root = await mount();
    expect(root.querySelector('[data-action=export-settings]')?.textContent).toBe('匯出設定');
    await chooseFile(root, 'not json');
    expect(status(root).textContent).toBe('此檔案不是設定檔（不是 JSON）。設定未做任何變更。');
  });

  it('refuses a file too large for storage.sync with the quota figures, writing nothing', async () => {
    const root = await mount();
    const sites = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [`blog${i}.proxied-news-reader-example-mirror-site.net`, true]),
    );
    await chooseFile(root, JSON.stringify({ app: 'proxied-news-reader', schemaVersion: SCHEMA_VERSION, sites }));
    expect(status(root).textContent).toMatch(
      /^Could not import: the browser’s synced storage allows [\d,]+ bytes here, and this would take [\d,]+\. Remove some sites or custom CSS first\. Nothing was changed\.$/,
    );
    expect(stub.storage.sync.writes).toHaveLength(0);
  });
});

describe('quota errors while editing', () => {
  it('adding a site that does not fit says so and keeps the host in the field', async () => {
    // Someone else's items (a newer version's, say) already take all but 60 of the 102,400 bytes.
    const data = stub.storage.sync.data;
    for (let i = 0; i < 12; i++) data[`other${i}`] = 'x'.repeat(8_180);
    const used = Object.entries(data).reduce((n, [k, v]) => n + syncItemBytes(k, v), 0);
    data.filler = 'x'.repeat(102_400 - 60 - used - syncItemBytes('filler', ''));
    const root = await mount();
    const form = root.querySelector<HTMLFormElement>('[data-testid=add-site]')!;
    const input = form.querySelector<HTMLInputElement>('input[name=host]')!;
    await act(async () => {
      input.value = 'a-rather-long-host-name-for-a-blog.proxied-news-mirror.example';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await flush();
    expect(root.querySelector('[data-testid=options-status]')?.textContent).toMatch(
      /^Could not save: the browser’s synced storage allows 102,400 bytes here, and this would take 102,4\d\d\./,
    );
    expect(input.value).toBe('a-rather-long-host-name-for-a-blog.proxied-news-mirror.example');
    expect(stub.storage.sync.writes).toHaveLength(0);
    expect(root.querySelector('[data-testid=no-sites]')).not.toBeNull();
  });
});

describe('rapid −/+ clicks in the appearance controls (fake timers)', () => {
  it('300 clicks in 30 s stay under the browser’s 120 writes a minute, and the last value is stored', async () => {
    vi.useFakeTimers();
    const stamps: number[] = [];
    const set = stub.storage.sync.set.bind(stub.storage.sync);
    stub.storage.sync.set = async (items: Record<string, unknown>) => {
      stamps.push(Date.now());
      return set(items);
    };
    const advance = async (ms: number) => {
      await act(async () => {
        await vi.advanceTimersByTimeAsync(ms);
      });
    };
    await act(async () => {
      render(h(Options, { api: createBrowserOptionsApi() }), container);
    });
    await advance(10);
    const step = (dir: 'more' | 'less') => container.querySelector<HTMLElement>(`[data-setting=fontSize] [data-step=${dir}]`)!;
    for (let i = 0; i < 300; i++) {
      await act(async () => {
        step(i % 3 === 2 ? 'less' : 'more').click();
      });
      await advance(100);
    }
    await advance(180_000);
    for (const t of stamps) expect(stamps.filter((s) => s >= t && s < t + 60_000).length).toBeLessThanOrEqual(60);
    // more, more, less…: up to 32 px, then 32, 32, 31; the 300th click is a "less".
    expect(container.querySelector('[data-setting=fontSize] output')?.textContent).toBe('31 px');
    expect((stub.storage.sync.data[READER_KEYS.prefs] as { fontSize: number }).fontSize).toBe(31);
    expect(stamps.length).toBeLessThan(300);
  });
});
