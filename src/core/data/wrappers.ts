// Addresses that wrap another address: CORS/image proxies and link redirects. `unwrap` reads
// only this table, and this table is all the project knows about proxies: the site's own image proxy
// (`SITE_PROXY_PREFIX`) and the selector that finds proxied media (`PROXIED_MEDIA_SELECTOR`) are derived
// from it below. A URL is unwrapped when its host is listed here, or when it has the one structural form
// of the family's CORS workers (`anyHost`, see `cors-worker`); a normal page that merely carries a URL in
// its query (share links, `?u=https://…`, `?url=<encoded>`) is left alone.

/** How the wrapped address sits in the wrapper. `path` is the wrapper's path before `?`, exact. */
export type WrapperForm =
  /** The whole query is the target, kept raw with its own `?`, `&`, `!`, `#`: `/?http://a/b.jpg?x=1`.
   *  With `raw`, only a target written raw (`http://`, `https://`) counts: an encoded one is not this form. */
  | { kind: 'query'; path: string; raw?: boolean }
  /** The value of one query parameter: `?url=<encoded>`. With `last`, the value runs to the end
   *  of the address (the target is written raw and last, so its own `&` belong to it). */
  | { kind: 'param'; path: string; param: string; last?: boolean }
  /** The rest of the address after a path prefix: `/http://a/b?x` (cors-anywhere style). */
  | { kind: 'path'; prefix: string };

export interface Wrapper {
  /** Stable id, reported in `Unwrapped.via`. */
  id: string;
  label: string;
  /** Lower-case host names, matched exactly (no port, no user info). Empty for an `anyHost` entry. */
  hosts: string[];
  /** Tried in order; the first that yields an http(s) target wins. */
  forms: WrapperForm[];
  /** True when the corpus of real pages shows this wrapper. */
  seen: boolean;
  /** The site's own image proxy (exactly one entry): the fallback proxy of an http:// original. */
  site?: boolean;
  /** A structural wrapper on any host, tried only when no listed host's form applies. Its forms must be
   *  `{ kind: 'query', path: '/', raw: true }`: `unwrap` looks at any host only after the cheap test that the
   *  address goes on with `/?http://` or `/?https://` (or `?http…`: an empty path is `/`) right after a plain
   *  host name (and port; user info is refused). */
  anyHost?: boolean;
}

export const WRAPPERS: readonly Wrapper[] = [
  // --- the site's own image proxy: every http:// image/video of a post goes through it
  {
    id: 'zfour-cors',
    label: 'CORS image proxy of 小冰 RSSHub (cors.zfour.workers.dev)',
    hosts: ['cors.zfour.workers.dev'],
    forms: [{ kind: 'query', path: '/' }],
    seen: true,
    site: true,
  },
  // --- forks of the generator put their own Cloudflare worker (or any host) in front of the pictures, in the
  // same form: `https://cors.tianli0.workers.dev/?http://img.example.com/a.jpg`. Safe on any host because the
  // form is narrow: path exactly `/`, and the WHOLE query a raw absolute http(s) URL with a host. A normal link
  // (`/?utm_source=x`), a share link (`/?url=<encoded>`, `/share?u=http://…`), an encoded target
  // (`/?http%3A%2F%2F…`), another path (`/page?http://…`) or a non-http target (`/?javascript:…`, `/?//x`) is not
  // this form. The result is always an address the page itself wrote verbatim (never decoded): unwrapping can
  // only drop a middleman, never make up a destination.
  {
    id: 'cors-worker',
    label: "A fork's own CORS worker, any host (https://<worker>/?http://…)",
    hosts: [],
    forms: [{ kind: 'query', path: '/', raw: true }],
    seen: false,
    anyHost: true,
  },

  // --- link redirects and viewers of the source sites
  {
    id: 'oschina-gotolink',
    label: '开源中国 external-link redirect',
    hosts: ['www.oschina.net', 'oschina.net'],
    forms: [{ kind: 'param', path: '/action/GoToLink', param: 'url' }],
    seen: true,
  },
  {
    id: 'zhihu-link',
    label: '知乎 external-link redirect',
    hosts: ['link.zhihu.com'],
    forms: [{ kind: 'param', path: '/', param: 'target' }],
    seen: true,
  },
  {
    id: 'jianshu-link',
    label: '简书 external-link redirect',
    hosts: ['links.jianshu.com', 'www.jianshu.com'],
    forms: [
      { kind: 'param', path: '/go', param: 'to' },
      { kind: 'param', path: '/go-wild', param: 'url' },
    ],
    seen: true,
  },
  {
    id: 'gamersky-showimage',
    label: '游民星空 image viewer',
    hosts: ['www.gamersky.com'],
    forms: [{ kind: 'query', path: '/showimage/id_gamersky.shtml' }],
    seen: true,
  },
  {
    id: 'duomai-track',
    label: 'cnBeta affiliate redirect (多麦)',
    hosts: ['c.duomai.com'],
    forms: [{ kind: 'param', path: '/track.php', param: 't', last: true }],
    seen: true,
  },
  {
    id: 'juejin-link',
    label: '掘金 external-link redirect',
    hosts: ['link.juejin.cn'],
    forms: [{ kind: 'param', path: '/', param: 'target' }],
    seen: false,
  },
  {
    id: 'csdn-link',
    label: 'CSDN external-link redirect',
    hosts: ['link.csdn.net'],
    forms: [{ kind: 'param', path: '/', param: 'target' }],
    seen: false,
  },

  // --- well-known public CORS proxies a reader may meet on other forks
  {
    id: 'corsproxy-io',
    label: 'corsproxy.io',
    hosts: ['corsproxy.io'],
    forms: [
      { kind: 'param', path: '/', param: 'url' },
      { kind: 'query', path: '/' },
    ],
    seen: false,
  },
  {
    id: 'corsproxy-org',
    label: 'corsproxy.org',
    hosts: ['corsproxy.org'],
    forms: [
      { kind: 'param', path: '/', param: 'url' },
      { kind: 'query', path: '/' },
    ],
    seen: false,
  },
  {
    id: 'allorigins',
    label: 'AllOrigins (api.allorigins.win)',
    hosts: ['api.allorigins.win'],
    forms: [
      { kind: 'param', path: '/raw', param: 'url' },
      { kind: 'param', path: '/get', param: 'url' },
    ],
    seen: false,
  },
  {
    id: 'cors-anywhere',
    label: 'CORS Anywhere demo (cors-anywhere.herokuapp.com)',
    hosts: ['cors-anywhere.herokuapp.com'],
    forms: [{ kind: 'path', prefix: '/' }],
    seen: false,
  },
  {
    id: 'thingproxy',
    label: 'thingproxy (thingproxy.freeboard.io)',
    hosts: ['thingproxy.freeboard.io'],
    forms: [{ kind: 'path', prefix: '/fetch/' }],
    seen: false,
  },
  {
    id: 'codetabs',
    label: 'CodeTabs CORS proxy (api.codetabs.com)',
    hosts: ['api.codetabs.com'],
    forms: [
      { kind: 'param', path: '/v1/proxy', param: 'quest' },
      { kind: 'param', path: '/v1/proxy/', param: 'quest' },
    ],
    seen: false,
  },
  {
    id: 'bridged',
    label: 'cors.bridged.cc',
    hosts: ['cors.bridged.cc'],
    forms: [{ kind: 'path', prefix: '/' }],
    seen: false,
  },
  {
    id: 'cors-sh',
    label: 'cors.sh (proxy.cors.sh)',
    hosts: ['proxy.cors.sh'],
    forms: [{ kind: 'path', prefix: '/' }],
    seen: false,
  },
  {
    id: 'cors-eu-org',
    label: 'cors.eu.org',
    hosts: ['cors.eu.org'],
    forms: [{ kind: 'path', prefix: '/' }],
    seen: false,
  },
  {
    id: 'crossorigin-me',
    label: 'crossorigin.me (defunct; old pages still carry it)',
    hosts: ['crossorigin.me'],
    forms: [{ kind: 'path', prefix: '/' }],
    seen: false,
  },
  {
    id: 'cors-io',
    label: 'cors.io (defunct; old pages still carry it)',
    hosts: ['cors.io'],
    forms: [{ kind: 'query', path: '/' }],
    seen: false,
  },
  {
    id: 'weserv',
    label: 'wsrv.nl image proxy (images.weserv.nl)',
    hosts: ['images.weserv.nl', 'wsrv.nl'],
    forms: [{ kind: 'param', path: '/', param: 'url' }],
    seen: false,
  },
];

// ---------------------------------------------------------------- derived: the site's proxy and its media

const SITE_WRAPPERS = WRAPPERS.filter((w) => w.site);
const SITE_HOST = SITE_WRAPPERS[0]?.hosts[0];
const SITE_FORM = SITE_WRAPPERS[0]?.forms.find((f) => f.kind === 'query');
if (SITE_WRAPPERS.length !== 1 || !SITE_HOST || !SITE_FORM) {
  throw new Error('wrappers: the table needs exactly one `site` entry, with a host and a `query` form');
}

/** The site's own CORS image proxy, written before an http:// original: `https://cors.zfour.workers.dev/?`. */
export const SITE_PROXY_PREFIX = `https://${SITE_HOST}${SITE_FORM.path}?`;

/**
 * Where a post carries its proxied media: `src` as the generator writes it, and the lazy-load copies the Hexo
 * themes make of it (Volantis `data-srcset`, NexT and Fluid `data-src`, hexo-lazyload-image `data-original`).
 */
export const PROXIED_MEDIA_ATTRIBUTES: readonly (readonly [element: string, attribute: string])[] = [
  ['img', 'src'],
  ['img', 'data-srcset'],
  ['img', 'data-src'],
  ['img', 'data-original'],
  // Butterfly's lazy loading keeps the address here and a 1×1 GIF in src.
  ['img', 'data-lazy-src'],
  ['video', 'src'],
];

/** What the value of such an attribute starts with (`^=`) or contains (`*=`) when it is proxied: the site's
 *  proxy host, or the raw query form of any fork's worker (`/?http` covers `/?http://` and `/?https://`). */
export const PROXIED_MEDIA_MARKS: readonly (readonly ['^=' | '*=', string])[] = [
  ...SITE_WRAPPERS.flatMap((w) => w.hosts.map((h) => ['^=', `https://${h}/`] as const)),
  ...(WRAPPERS.some((w) => w.anyHost) ? [['*=', '/?http'] as const] : []),
];

/** Attribute selectors (cheap: no `i` flag, no pseudo-classes) that find proxied media in a page. A superset of
 *  `isProxiedMediaUrl` for addresses written as the family writes them (lower-case scheme and host). */
export const PROXIED_MEDIA_SELECTOR = PROXIED_MEDIA_ATTRIBUTES.flatMap(([el, attr]) =>
  PROXIED_MEDIA_MARKS.map(([op, value]) => `${el}[${attr}${op}"${value}"]`),
).join(', ');
