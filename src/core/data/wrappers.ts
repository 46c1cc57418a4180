// Addresses that wrap another address: CORS/image proxies and link redirects. `unwrap` reads
// only this table; a URL is unwrapped only when its host is listed here, so a normal page that
// merely carries a URL in its query (share links, `?u=https://…`) is left alone.

/** How the wrapped address sits in the wrapper. `path` is the wrapper's path before `?`, exact. */
export type WrapperForm =
  /** The whole query is the target, kept raw with its own `?`, `&`, `!`, `#`: `/?http://a/b.jpg?x=1`. */
  | { kind: 'query'; path: string }
  /** The value of one query parameter: `?url=<encoded>`. With `last`, the value runs to the end
   *  of the address (the target is written raw and last, so its own `&` belong to it). */
  | { kind: 'param'; path: string; param: string; last?: boolean }
  /** The rest of the address after a path prefix: `/http://a/b?x` (cors-anywhere style). */
  | { kind: 'path'; prefix: string };

export interface Wrapper {
  /** Stable id, reported in `Unwrapped.via`. */
  id: string;
  label: string;
  /** Lower-case host names, matched exactly (no port, no user info). */
  hosts: string[];
  /** Tried in order; the first that yields an http(s) target wins. */
  forms: WrapperForm[];
  /** True when the corpus of real pages shows this wrapper. */
  seen: boolean;
}

export const WRAPPERS: readonly Wrapper[] = [
  // --- the site's own image proxy: every http:// image/video of a post goes through it
  {
    id: 'zfour-cors',
    label: 'CORS image proxy of 小冰 RSSHub (cors.zfour.workers.dev)',
    hosts: ['cors.zfour.workers.dev'],
    forms: [{ kind: 'query', path: '/' }],
    seen: true,
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
