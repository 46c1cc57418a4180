// The proxy knowledge lives in one table (src/core/data/wrappers.ts): the site's own proxy prefix and the selector
// that finds proxied media are derived from it, and a fork's own CORS worker, on any host, unwraps like the site's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as site from '../../src/core/data/site';
import {
  PROXIED_MEDIA_ATTRIBUTES,
  PROXIED_MEDIA_MARKS,
  PROXIED_MEDIA_SELECTOR,
  SITE_PROXY_PREFIX,
  WRAPPERS,
} from '../../src/core/data/wrappers';
import { imageCandidates } from '../../src/core/media';
import { isProxiedMediaUrl, isWrapped, unwrap, unwrapDetailed } from '../../src/core/unwrap';
import { pageFromHtml } from '../helpers/fixtures';

const SITE = WRAPPERS.filter((w) => w.site);
const WORKER = WRAPPERS.filter((w) => w.anyHost);
const FORK_HOSTS = [
  'cors.tianli0.workers.dev',
  'img-proxy.slqwq.cn',
  'cors.example-fork.workers.dev',
  'worker.my-blog.top:8443',
  'localhost:8787',
];
/** Original addresses as the feeds give them: their own query, `!` suffix, fragment, `&`. */
const TARGETS = [
  'http://img.example.com/a.jpg',
  'https://img.example.com/a.jpg',
  'http://img.kaiyanapp.com/5314.png?imageMogr2/quality/60/format/jpg',
  'http://img.jandan.net/news/2019/01/ce17.jpg!custom',
  'http://img.example.com/a.jpg#frag',
  'http://baobab.kaiyanapp.com/api/v1/playUrl?vid=313568&resourceType=video&udid=',
  'http://例子.中国/图片.jpg?w=1&h=2',
];

/** Every address of the family's proxies for `t`: the site's proxy on its hosts, a fork's worker on any host. */
function proxiedForms(t: string): { address: string; id: string }[] {
  return [
    ...SITE.flatMap((w) => w.hosts.map((h) => ({ address: `https://${h}/?${t}`, id: w.id }))),
    ...WORKER.flatMap((w) => FORK_HOSTS.map((h) => ({ address: `https://${h}/?${t}`, id: w.id }))),
  ];
}

const { doc } = pageFromHtml('<article id="post"></article>');

/** The article root of one document, now holding a paragraph and one element with one attribute. */
function articleWith(el: string, attr: string, value: string): Element {
  const root = doc.querySelector('article')!;
  const p = doc.createElement('p');
  p.textContent = 'text';
  const media = doc.createElement(el);
  media.setAttribute(attr, value);
  root.replaceChildren(p, media);
  return root;
}

describe('the site proxy and the selector are derived from the wrapper table', () => {
  it('site.ts re-exports the derived values (its importers keep working)', () => {
    expect(site.SITE_PROXY_PREFIX).toBe(SITE_PROXY_PREFIX);
    expect(site.PROXIED_MEDIA_SELECTOR).toBe(PROXIED_MEDIA_SELECTOR);
  });

  it("SITE_PROXY_PREFIX is the `site` entry's host and query form", () => {
    expect(SITE).toHaveLength(1);
    const w = SITE[0]!;
    const form = w.forms.find((f) => f.kind === 'query');
    expect(form).toBeDefined();
    expect(SITE_PROXY_PREFIX).toBe(`https://${w.hosts[0]}${form!.kind === 'query' ? form!.path : ''}?`);
    expect(SITE_PROXY_PREFIX).toBe('https://cors.zfour.workers.dev/?');
    // and it unwraps as that entry
    expect(unwrapDetailed(`${SITE_PROXY_PREFIX}http://a.com/x.jpg`).via).toEqual([w.id]);
  });

  it('the selector is built from the marks and the attributes only: no host written by hand', () => {
    const values = [...PROXIED_MEDIA_SELECTOR.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    const allowed = new Set([...SITE.flatMap((w) => w.hosts.map((h) => `https://${h}/`)), ...(WORKER.length ? ['/?http'] : [])]);
    expect(new Set(values)).toEqual(allowed);
    expect(PROXIED_MEDIA_MARKS.map(([, v]) => v).sort()).toEqual([...allowed].sort());
    expect(PROXIED_MEDIA_SELECTOR.split(', ')).toHaveLength(PROXIED_MEDIA_ATTRIBUTES.length * PROXIED_MEDIA_MARKS.length);
    // cheap: attribute selectors only, no case-insensitive flag an old engine may not know
    expect(PROXIED_MEDIA_SELECTOR.replace(/"[^"]*"/g, '""')).not.toMatch(/:| i\]/);
  });

  describe.each(PROXIED_MEDIA_ATTRIBUTES.map(([el, attr]) => [`${el}[${attr}]`, el, attr] as const))('%s', (_, el, attr) => {
    it.each(TARGETS)('finds every form of the site proxy and of a fork worker for %s', (t) => {
      for (const { address } of proxiedForms(t)) {
        const value = attr.endsWith('srcset') ? `${address} 1x` : address;
        const root = articleWith(el, attr, value);
        expect(root.querySelector(PROXIED_MEDIA_SELECTOR), address).not.toBeNull();
      }
    });

    it('does not match an ordinary address or a non-form', () => {
      for (const value of [
        'https://img.example.com/a.jpg',
        'http://img.example.com/a.jpg?imageMogr2/quality/60',
        'https://example.com/?utm_source=x',
        'https://example.com/?url=http%3A%2F%2Fx.com%2Fa.jpg',
        'https://example.com/page?http://x.com/a.jpg',
        'data:image/png;base64,iVBORw0KGgo=',
      ]) {
        expect(articleWith(el, attr, value).querySelector(PROXIED_MEDIA_SELECTOR), value).toBeNull();
      }
    });
  });

  it('ignores proxied addresses outside media (share links, plain links) and in other attributes', () => {
    const proxied = `${SITE_PROXY_PREFIX}http://a.com/x.jpg`;
    expect(articleWith('a', 'href', proxied).querySelector(PROXIED_MEDIA_SELECTOR)).toBeNull();
    expect(articleWith('img', 'alt', proxied).querySelector(PROXIED_MEDIA_SELECTOR)).toBeNull();
  });

  it('finds every address isProxiedMediaUrl accepts, as the family writes it (property)', () => {
    const arb = fc.tuple(
      fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom(...TARGETS)),
      fc.constantFrom(...SITE.flatMap((w) => w.hosts), ...FORK_HOSTS, 'corsproxy.io', 'example.com'),
      // as the family writes it: `/?` (an address written `host?http://…` unwraps too, but the cheap selector
      // looks for the `/?http` every generator writes)
      fc.constantFrom('/?', '/?url=', '/', '/p?'),
      fc.constantFrom(...PROXIED_MEDIA_ATTRIBUTES),
    );
    fc.assert(
      fc.property(arb, ([t, host, glue, [el, attr]]) => {
        const address = `https://${host}${glue}${t}`;
        const found = articleWith(el, attr, address).querySelector(PROXIED_MEDIA_SELECTOR) !== null;
        if (isProxiedMediaUrl(address)) expect(found).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("a fork's own CORS worker unwraps like the site's proxy", () => {
  const cases = FORK_HOSTS.flatMap((h) => TARGETS.map((t) => [`https://${h}/?${t}`, t] as const));
  it.each(cases)('%s', (address, t) => {
    expect(unwrapDetailed(address)).toEqual({ url: t, wrapped: address, via: ['cors-worker'] });
    expect(isWrapped(address)).toBe(true);
    expect(isProxiedMediaUrl(address)).toBe(true);
    expect(unwrap(unwrap(address))).toBe(t);
  });

  it('also written protocol-relative, over http, without the slash before `?`, or in upper case', () => {
    const t = 'http://img.example.com/a.jpg';
    expect(unwrap(`//cors.tianli0.workers.dev/?${t}`)).toBe(t);
    expect(unwrap(`http://cors.tianli0.workers.dev/?${t}`)).toBe(t);
    expect(unwrap(`https://cors.tianli0.workers.dev?${t}`)).toBe(t);
    expect(unwrap(`HTTPS://CORS.TIANLI0.WORKERS.DEV/?HTTP://img.example.com/a.jpg`)).toBe(t);
  });

  it("the site's own host stays the site entry; a host equal to the target's host is fine", () => {
    expect(unwrapDetailed(`${SITE_PROXY_PREFIX}http://a.com/x.jpg`).via).toEqual(['zfour-cors']);
    expect(unwrap('https://img.example.com/?http://img.example.com/a.jpg')).toBe('http://img.example.com/a.jpg');
  });

  it('nests with the other wrappers', () => {
    const t = 'http://img.example.com/a.jpg?x=1&y=2';
    const s = `https://img-proxy.slqwq.cn/?${SITE_PROXY_PREFIX}${t}`;
    expect(unwrapDetailed(s)).toEqual({ url: t, wrapped: s, via: ['cors-worker', 'zfour-cors'] });
  });

  const nonForms = [
    'https://example.com/?utm_source=x',
    'https://example.com/?utm_source=http://x.com/a.jpg',
    'https://example.com/?url=http%3A%2F%2Fx.com%2Fa.jpg',
    'https://example.com/?url=http://x.com/a.jpg',
    'https://example.com/?http%3A%2F%2Fx.com%2Fa.jpg',
    'https://example.com/?https%3A//x.com/a.jpg',
    'https://example.com/page?http://x.com/a.jpg',
    'https://example.com/a/?http://x.com/a.jpg',
    'https://example.com/#?http://x.com/a.jpg',
    'https://example.com/?javascript:alert(1)',
    'https://example.com/?http://javascript:alert(1)',
    'https://example.com/?http://',
    'https://example.com/?https://',
    'https://example.com/?http:///a.jpg',
    'https://example.com/?http:x.com/a.jpg',
    'https://example.com/?//x.com/a.jpg',
    'https://example.com/?data:image/png;base64,AAAA',
    'https://example.com/?http://a b/x.jpg',
    'https://user@example.com/?http://x.com/a.jpg',
    'https://example.com\\?http://x.com/a.jpg',
    'https:/?http://x.com/a.jpg',
    'https://example.com/share?u=http://x.com/a.jpg',
  ];
  it.each(nonForms)('leaves %s alone', (s) => {
    expect(unwrapDetailed(s)).toEqual({ url: s, wrapped: null, via: [] });
    expect(isProxiedMediaUrl(s)).toBe(false);
  });
});

describe('isProxiedMediaUrl', () => {
  it("is true for the site's proxy and a fork's worker only, not for other wrappers", () => {
    expect(isProxiedMediaUrl(`${SITE_PROXY_PREFIX}http://a.com/x.jpg`)).toBe(true);
    expect(isProxiedMediaUrl('//cors.zfour.workers.dev/?http://a.com/x.jpg')).toBe(true);
    expect(isProxiedMediaUrl('https://cors.tianli0.workers.dev/?http://a.com/x.jpg')).toBe(true);
    expect(isProxiedMediaUrl('https://corsproxy.io/?url=http%3A%2F%2Fa.com%2Fx.jpg')).toBe(false);
    expect(isProxiedMediaUrl('https://link.zhihu.com/?target=https%3A//a.com/')).toBe(false);
    expect(isProxiedMediaUrl('http://a.com/x.jpg')).toBe(false);
    expect(isProxiedMediaUrl('')).toBe(false);
  });
});

describe('imageCandidates behind a fork worker', () => {
  it('tries the original over https, as written, then the fork proxy as the page wrote it (not the site proxy)', () => {
    for (const h of FORK_HOSTS) {
      const src = `https://${h}/?http://img.example.com/a.jpg?imageMogr2/quality/60`;
      expect(imageCandidates(src)).toEqual([
        'https://img.example.com/a.jpg?imageMogr2/quality/60',
        'http://img.example.com/a.jpg?imageMogr2/quality/60',
        src,
      ]);
    }
    // an https original behind a fork worker: the original, then the worker
    expect(imageCandidates('https://img-proxy.slqwq.cn/?https://img.example.com/a.jpg')).toEqual([
      'https://img.example.com/a.jpg',
      'https://img-proxy.slqwq.cn/?https://img.example.com/a.jpg',
    ]);
  });

  it("an unwrapped http original still ends with the site's proxy, derived from the table", () => {
    expect(imageCandidates('http://img.example.com/a.jpg')).toEqual([
      'https://img.example.com/a.jpg',
      'http://img.example.com/a.jpg',
      `${SITE_PROXY_PREFIX}http://img.example.com/a.jpg`,
    ]);
  });
});
