import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WRAPPERS, type Wrapper, type WrapperForm } from '../../src/core/data/wrappers';
import { MAX_UNWRAP_DEPTH, isWrapped, unwrap, unwrapDetailed } from '../../src/core/unwrap';

/** What a browser would accept as an http(s) address. */
function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\//.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- building wrapped addresses

interface Slot {
  w: Wrapper;
  f: WrapperForm;
}
const SLOTS: Slot[] = WRAPPERS.flatMap((w) => w.forms.map((f) => ({ w, f })));

/** Hosts a fork of the generator may put its own CORS worker on (none of them listed in the table). */
const FORK_HOSTS = ['cors.tianli0.workers.dev', 'img-proxy.slqwq.cn', 'my-worker.example.workers.dev', 'localhost:8787'];
/** The hosts an address of this entry is written with: its own, or any host for a structural entry. */
const hostsOf = (w: Wrapper): string[] => (w.anyHost ? FORK_HOSTS : w.hosts);

interface Layer {
  slot: number;
  host: number;
  /** Write the target percent-encoded (always, for a parameter that is not the last). */
  encode: boolean;
  scheme: 'https://' | 'http://' | 'HTTPS://' | 'Http://' | '//';
  upperHost: boolean;
}

function wrapOnce(inner: string, layer: Layer): string {
  const { w, f } = SLOTS[layer.slot % SLOTS.length]!;
  const hosts = hostsOf(w);
  let host = hosts[layer.host % hosts.length]!;
  if (layer.upperHost) host = host.toUpperCase();
  const base = layer.scheme + host;
  // a raw form is only ever written raw: encoded, it is not that form (tested apart)
  const enc = layer.encode && !(f.kind === 'query' && f.raw) ? encodeURIComponent(inner) : inner;
  switch (f.kind) {
    case 'query':
      return `${base}${f.path}?${enc}`;
    case 'path':
      return `${base}${f.prefix}${enc}`;
    case 'param':
      return f.last
        ? `${base}${f.path}?site_id=1&euid=&${f.param}=${enc}`
        : `${base}${f.path}?${f.param}=${encodeURIComponent(inner)}&from=x`;
  }
}

const slotIds = (layers: Layer[]) => layers.map((l) => SLOTS[l.slot % SLOTS.length]!.w.id);

const layerArb = (outermost: boolean): fc.Arbitrary<Layer> =>
  fc.record({
    slot: fc.nat(SLOTS.length - 1),
    host: fc.nat(3),
    encode: fc.boolean(),
    // a protocol-relative layer is only a usable target when nothing wraps it
    scheme: outermost
      ? fc.constantFrom('https://' as const, 'http://' as const, 'HTTPS://' as const, 'Http://' as const, '//' as const)
      : fc.constantFrom('https://' as const, 'http://' as const, 'HTTPS://' as const, 'Http://' as const),
    upperHost: fc.boolean(),
  });

/** Layers innermost first; the last one may be protocol-relative. */
const layersArb = (min: number, max: number): fc.Arbitrary<Layer[]> =>
  fc
    .tuple(fc.array(layerArb(false), { minLength: min - 1, maxLength: max - 1 }), layerArb(true))
    .map(([inner, outer]) => [...inner, outer]);

function wrapAll(target: string, layers: Layer[]): string {
  return layers.reduce(wrapOnce, target);
}

// Targets: web URLs with percent escapes in path, query and fragment, plus unicode hosts and paths.
const targetArb = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'http://例子.中国/图片.jpg?w=1&h=2',
    'https://bücher.example/ä%20ö',
    'http://img.jandan.net/news/2019/01/ce1740cb2daa1eb128bf74c4355f65d9.jpg!custom',
    'https://a.com/x?q=1%20b&r=%2F',
    'http://a.com/%2525',
  ),
);

// Bits to glue into hostile strings.
const NASTY = [
  'javascript:',
  'JaVaScRiPt:',
  'java\tscript:',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:',
  'alert(1)',
  'http://',
  'https://',
  'HtTpS://',
  '//',
  '///',
  'http:',
  'http:/',
  'https%3A%2F%2F',
  'https%253A%252F%252F',
  '%2F',
  '%3A',
  '%25',
  '%',
  '%E4',
  '%E4%BD',
  '%zz',
  '%0A',
  '%00',
  '%20',
  '?',
  '&',
  '#',
  '=',
  '/',
  '\\',
  '@',
  ':443',
  'url=',
  'target=',
  'to=',
  't=',
  'quest=',
  'fetch/',
  'raw',
  'go',
  '/action/GoToLink',
  ' ',
  '\t',
  '\n',
  '\r',
  '\x00',
  '\x7f',
  '\u00a0',
  '\u202e',
  '\ud800',
  '\udc00',
  '例子.中国',
  'ß',
  'ＣＯＲＳ',
  'a.com',
  'x',
  ...WRAPPERS.flatMap((w) => w.hosts),
  ...FORK_HOSTS,
  'user@a.com',
  ':99999',
];
const nastyArb = fc.array(fc.constantFrom(...NASTY), { maxLength: 14 }).map((parts) => parts.join(''));

const anyInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'htps:/?&#=%2F3Aurl.cozf'.split('')), maxLength: 60 }),
  nastyArb,
  targetArb,
  fc.tuple(targetArb, layersArb(1, MAX_UNWRAP_DEPTH + 2)).map(([t, ls]) => wrapAll(t, ls)),
  fc.tuple(nastyArb, layersArb(1, 3)).map(([t, ls]) => {
    try {
      return wrapAll(t, ls);
    } catch {
      return t; // encodeURIComponent refuses lone surrogates
    }
  }),
);

const RUNS = { numRuns: 2000 };

// ---------------------------------------------------------------- properties

describe('unwrap properties', () => {
  it('1. never throws, on any string', () => {
    fc.assert(
      fc.property(anyInput, (s) => {
        unwrap(s);
        unwrapDetailed(s);
        isWrapped(s);
      }),
      RUNS,
    );
  });

  it('2. returns an http(s) URL or the input unchanged', () => {
    fc.assert(
      fc.property(anyInput, (s) => {
        const r = unwrap(s);
        expect(r === s || isHttpUrl(r)).toBe(true);
      }),
      RUNS,
    );
  });

  it('2. never yields a javascript:, data: or vbscript: payload', () => {
    const bad = [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      '%6Aavascript:alert(1)',
      'javascript%3Aalert(1)',
      'http%3Ajavascript:alert(1)',
      'http:javascript:alert(1)',
      '//evil.com/x',
      '/relative',
      'https%253A%252F%252Fa.com',
      '',
      'http://',
      'https:///a.com',
      // not parseable as URLs: bad hosts
      'http://a b/x',
      'http://[/x',
      'http://exa%mple.com/',
      'https://a.com:99999/',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...bad), layerArb(true), (payload, layer) => {
        const s = wrapOnce(payload, layer);
        expect(unwrap(s)).toBe(s);
        expect(isWrapped(s)).toBe(false);
      }),
      RUNS,
    );
  });

  it('3. is idempotent', () => {
    fc.assert(
      fc.property(anyInput, (s) => {
        const once = unwrap(s);
        expect(unwrap(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('4. decodes an encoded payload exactly once', () => {
    // the example of the brief, on every parameter form of the table
    for (const { w, f } of SLOTS) {
      if (f.kind !== 'param') continue;
      const s = `https://${w.hosts[0]}${f.path}?${f.param}=https%3A%2F%2Fa.com%2Fx%3Fq%3D1%2520b`;
      expect(unwrap(s), w.id).toBe('https://a.com/x?q=1%20b');
    }
    fc.assert(
      fc.property(targetArb, layerArb(true), (t, layer) => {
        const l = { ...layer, encode: true };
        expect(unwrap(wrapOnce(t, l))).toBe(t.replace(/^[a-z]+/i, (m) => m.toLowerCase()));
      }),
      RUNS,
    );
  });

  it('4. does not decode a raw payload at all', () => {
    expect(unwrap('https://cors.zfour.workers.dev/?http://a.com/x%20y.jpg?q=%2F')).toBe('http://a.com/x%20y.jpg?q=%2F');
    fc.assert(
      fc.property(targetArb, layerArb(true), (t, layer) => {
        const { f } = SLOTS[layer.slot % SLOTS.length]!;
        fc.pre(f.kind !== 'param' || f.last === true);
        expect(unwrap(wrapOnce(t, { ...layer, encode: false }))).toBe(t);
      }),
      RUNS,
    );
  });

  it('5. unwraps nesting up to MAX_UNWRAP_DEPTH, refuses deeper, and reports the path', () => {
    fc.assert(
      fc.property(targetArb, layersArb(1, MAX_UNWRAP_DEPTH + 3), (t, layers) => {
        const s = wrapAll(t, layers);
        const d = unwrapDetailed(s);
        if (layers.length <= MAX_UNWRAP_DEPTH) {
          expect(d.url).toBe(t);
          expect(d.wrapped).toBe(s);
          expect(d.via).toEqual(slotIds(layers).reverse());
        } else {
          expect(d).toEqual({ url: s, wrapped: null, via: [] });
        }
      }),
      RUNS,
    );
  });

  it('5. a self-similar chain deeper than the bound ends without looping', () => {
    let s = 'http://a.com/x.jpg';
    for (let i = 0; i < 200; i++) s = `https://cors.zfour.workers.dev/?${s}`;
    expect(unwrap(s)).toBe(s);
    let five = 'http://a.com/x.jpg';
    for (let i = 0; i < MAX_UNWRAP_DEPTH; i++) five = `https://cors.zfour.workers.dev/?${five}`;
    expect(unwrapDetailed(five).via).toHaveLength(MAX_UNWRAP_DEPTH);
    expect(unwrap(five)).toBe('http://a.com/x.jpg');
    // the same through forks' workers on any host
    let forks = 'http://a.com/x.jpg';
    for (let i = 0; i < 200; i++) forks = `https://w${i % 3}.example.workers.dev/?${forks}`;
    expect(unwrap(forks)).toBe(forks);
    let fiveForks = 'http://a.com/x.jpg';
    for (let i = 0; i < MAX_UNWRAP_DEPTH; i++) fiveForks = `https://w${i}.example.workers.dev/?${fiveForks}`;
    expect(unwrapDetailed(fiveForks).via).toEqual(Array(MAX_UNWRAP_DEPTH).fill('cors-worker'));
    expect(unwrap(fiveForks)).toBe('http://a.com/x.jpg');
  });

  it('isWrapped agrees with unwrap; via names table entries; wrapped is the input', () => {
    const ids = new Set(WRAPPERS.map((w) => w.id));
    fc.assert(
      fc.property(anyInput, (s) => {
        const d = unwrapDetailed(s);
        expect(isWrapped(s)).toBe(unwrap(s) !== s);
        expect(d.wrapped === null).toBe(d.via.length === 0);
        if (d.wrapped !== null) expect(d.wrapped).toBe(s);
        expect(d.via.length).toBeLessThanOrEqual(MAX_UNWRAP_DEPTH);
        for (const id of d.via) expect(ids.has(id)).toBe(true);
      }),
      RUNS,
    );
  });

  it('never unwraps a host that is not in the table, whatever URL it carries, but for the raw `/?http` form', () => {
    const listed = new Set(WRAPPERS.flatMap((w) => w.hosts));
    fc.assert(
      fc.property(
        fc.webUrl(),
        targetArb,
        fc.constantFrom('/?', '?', '/', '/share?u=', '/?url=', '/go?to=', '/?target=', '/raw?url=', '/fetch/', '/page?', '/?a=1&'),
        fc.boolean(),
        (outer, t, glue, encode) => {
          const origin = /^https?:\/\/[^/?#]+/.exec(outer)![0];
          const host = origin.replace(/^https?:\/\//, '').toLowerCase();
          fc.pre(!listed.has(host));
          const s = origin + glue + (encode ? encodeURIComponent(t) : t);
          const d = unwrapDetailed(s);
          if ((glue === '/?' || glue === '?') && !encode) {
            // the structural form of a fork's CORS worker (the target of targetArb wraps nothing itself)
            expect(d).toEqual({ url: t, wrapped: s, via: ['cors-worker'] });
          } else {
            expect(d.url).toBe(s);
          }
        },
      ),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- concrete forms

describe('unwrap on the forms of the corpus', () => {
  // Copied from /work/shared/corpus (file noted on each line).
  const cases: [input: string, url: string, via: string][] = [
    // posts/079.md, rendered/p/15df.html
    [
      'https://cors.zfour.workers.dev/?http://inapp.1sapp.com/qukan_other/fenxian/fenxian.png?imageView2/5/w/400/h/400',
      'http://inapp.1sapp.com/qukan_other/fenxian/fenxian.png?imageView2/5/w/400/h/400',
      'zfour-cors',
    ],
    // posts/119.md
    [
      'https://cors.zfour.workers.dev/?http://img.kaiyanapp.com/53143e841ef2eb19ed9bd199bd9098b8.png?imageMogr2/quality/60/format/jpg',
      'http://img.kaiyanapp.com/53143e841ef2eb19ed9bd199bd9098b8.png?imageMogr2/quality/60/format/jpg',
      'zfour-cors',
    ],
    // posts/025.md
    [
      'https://cors.zfour.workers.dev/?http://img.jandan.net/news/2019/01/ce1740cb2daa1eb128bf74c4355f65d9.jpg!custom',
      'http://img.jandan.net/news/2019/01/ce1740cb2daa1eb128bf74c4355f65d9.jpg!custom',
      'zfour-cors',
    ],
    // posts/119.md, a <video src>: the target's own & belong to it
    [
      'https://cors.zfour.workers.dev/?http://baobab.kaiyanapp.com/api/v1/playUrl?vid=313568&resourceType=video&editionType=default&source=aliyun&playUrlType=url_oss&udid=',
      'http://baobab.kaiyanapp.com/api/v1/playUrl?vid=313568&resourceType=video&editionType=default&source=aliyun&playUrlType=url_oss&udid=',
      'zfour-cors',
    ],
    // protocol-relative form of the same proxy
    [
      '//cors.zfour.workers.dev/?http://static.maoercdn.com/dramacoversmini/202006/13/c181ac09ab40aeea2d25546844ecace3111020.jpg',
      'http://static.maoercdn.com/dramacoversmini/202006/13/c181ac09ab40aeea2d25546844ecace3111020.jpg',
      'zfour-cors',
    ],
    // posts/045.md
    [
      'https://www.oschina.net/action/GoToLink?url=https%3A%2F%2Fnginx.org%2Fen%2Fdocs%2Fnjs%2Fchanges.html%23njs0.6.1',
      'https://nginx.org/en/docs/njs/changes.html#njs0.6.1',
      'oschina-gotolink',
    ],
    [
      'https://www.oschina.net/action/GoToLink?url=http%3A%2F%2Fnginx.org%2Fen%2Fdocs%2Fnjs%2Finstall.html',
      'http://nginx.org/en/docs/njs/install.html',
      'oschina-gotolink',
    ],
    // rendered/p/42b6.html: zhihu encodes the colon but not the slashes
    [
      'https://link.zhihu.com/?target=https%3A//www.zhihu.com/video/1557862392436113408',
      'https://www.zhihu.com/video/1557862392436113408',
      'zhihu-link',
    ],
    // posts/029.md: http variant
    [
      'http://link.zhihu.com/?target=https%3A//passthroughpo.st/mac-os-adds-early-support-for-virtio-qemu/',
      'https://passthroughpo.st/mac-os-adds-early-support-for-virtio-qemu/',
      'zhihu-link',
    ],
    // posts/035.md
    ['https://links.jianshu.com/go?to=http%3A%2F%2Fwww.rpmfind.net', 'http://www.rpmfind.net', 'jianshu-link'],
    // rendered/p/2e25.html
    [
      'https://www.gamersky.com/showimage/id_gamersky.shtml?https://img1.gamersky.com/image2022/09/20220925_zy_red_164_5/198.jpg',
      'https://img1.gamersky.com/image2022/09/20220925_zy_red_164_5/198.jpg',
      'gamersky-showimage',
    ],
    // posts/012.md: raw target, last parameter
    [
      'https://c.duomai.com/track.php?site_id=242986&euid=&t=https://www.microsoftstore.com.cn/',
      'https://www.microsoftstore.com.cn/',
      'duomai-track',
    ],
  ];
  it.each(cases)('%s', (input, url, via) => {
    expect(unwrapDetailed(input)).toEqual({ url, wrapped: input, via: [via] });
    expect(isWrapped(input)).toBe(true);
  });

  it('unwraps the other public proxies of the table in their usual forms', () => {
    const t = 'http://a.com/p/x.jpg?w=1&h=2';
    const e = encodeURIComponent(t);
    const forms: [string, string][] = [
      [`https://corsproxy.io/?${t}`, 'corsproxy-io'],
      [`https://corsproxy.io/?${e}`, 'corsproxy-io'],
      [`https://corsproxy.io/?url=${e}`, 'corsproxy-io'],
      [`https://api.allorigins.win/raw?url=${e}`, 'allorigins'],
      [`https://api.allorigins.win/get?url=${e}`, 'allorigins'],
      [`https://cors-anywhere.herokuapp.com/${t}`, 'cors-anywhere'],
      [`https://thingproxy.freeboard.io/fetch/${t}`, 'thingproxy'],
      [`https://api.codetabs.com/v1/proxy?quest=${e}`, 'codetabs'],
      [`https://api.codetabs.com/v1/proxy/?quest=${e}`, 'codetabs'],
      [`https://cors.bridged.cc/${t}`, 'bridged'],
      [`https://images.weserv.nl/?url=${e}`, 'weserv'],
      [`https://link.juejin.cn/?target=${e}`, 'juejin-link'],
    ];
    for (const [s, id] of forms) expect(unwrapDetailed(s), s).toEqual({ url: t, wrapped: s, via: [id] });
  });

  it('peels mixed nesting, one decoding per layer', () => {
    const t = 'https://a.com/x?q=1%20b';
    const inner = `https://api.allorigins.win/raw?url=${encodeURIComponent(t)}`;
    const s = `https://cors.zfour.workers.dev/?https://corsproxy.io/?url=${encodeURIComponent(inner)}`;
    expect(unwrapDetailed(s)).toEqual({ url: t, wrapped: s, via: ['zfour-cors', 'corsproxy-io', 'allorigins'] });
  });

  it('normalises only the scheme case, trims what a URL parser trims', () => {
    expect(unwrap('HTTPS://CORS.ZFOUR.WORKERS.DEV/?HTTP://A.COM/X.JPG')).toBe('http://A.COM/X.JPG');
    expect(unwrap('  \thttps://cors.zfour.workers.dev/?http://a.com/x\n.jpg \n')).toBe('http://a.com/x.jpg');
    // a decoded space or control character is written back as an escape
    expect(unwrap('https://corsproxy.io/?url=https%3A%2F%2Fa.com%2Fmy%20file.pdf')).toBe('https://a.com/my%20file.pdf');
  });

  it('ends an encoded parameter at the next & or at the fragment of the wrapper', () => {
    expect(unwrap('https://link.zhihu.com/?target=https%3A%2F%2Fa.com%2Fx%23y#top')).toBe('https://a.com/x#y');
    expect(unwrap('https://link.zhihu.com/?utm=1&target=https%3A%2F%2Fa.com%2Fx&from=z')).toBe('https://a.com/x');
  });

  it('keeps malformed escapes as written and refuses double-encoded targets', () => {
    expect(unwrap('https://corsproxy.io/?url=https%3A%2F%2Fa.com%2F100%')).toBe('https://a.com/100%');
    expect(unwrap('https://corsproxy.io/?url=https%3A%2F%2Fa.com%2F%E4%zz')).toBe('https://a.com/%E4%zz');
    expect(unwrap('https://corsproxy.io/?url=https%3A%2F%2Fa.com%2F%E4%BD%A0')).toBe('https://a.com/你');
    const dbl = 'https://corsproxy.io/?url=https%253A%252F%252Fa.com%252Fx';
    expect(unwrap(dbl)).toBe(dbl);
  });

  it('keeps unicode hosts and paths of the target', () => {
    expect(unwrap('https://cors.zfour.workers.dev/?http://例子.中国/图.jpg')).toBe('http://例子.中国/图.jpg');
    expect(unwrap(`https://link.zhihu.com/?target=${encodeURIComponent('https://bücher.de/ä')}`)).toBe('https://bücher.de/ä');
  });

  it('is fast and linear on giant strings', () => {
    const big = 'a'.repeat(1_000_000);
    const inputs = [
      `https://cors.zfour.workers.dev/?http://a.com/${big}`,
      `https://corsproxy.io/?url=https%3A%2F%2Fa.com%2F${'%2F'.repeat(300_000)}`,
      `data:image/png;base64,${'A'.repeat(5_000_000)}`,
      `${' '.repeat(1_000_000)}x${' '.repeat(1_000_000)}`,
      '%'.repeat(1_000_000),
      `https://cors.zfour.workers.dev/?${'?'.repeat(1_000_000)}`,
      `https://c.duomai.com/track.php?${'&'.repeat(1_000_000)}`,
      // the any-host form of a fork's worker: giant host names, one of them not plain at its very end
      `https://${'a.'.repeat(500_000)}@x/?http://a.com/x.jpg`,
      `https://${'a'.repeat(1_000_000)}:1234567/?http://a.com/x.jpg`,
      `https://w.example/?http://${'?'.repeat(1_000_000)}`,
    ];
    const t0 = performance.now();
    const out = inputs.map(unwrap);
    const ms = performance.now() - t0;
    expect(out[0]).toBe(`http://a.com/${big}`);
    expect(out[1]).toBe(`https://a.com/${'/'.repeat(300_000)}`);
    expect(out.slice(2)).toEqual(inputs.slice(2));
    expect(ms).toBeLessThan(2000);
    const fork = `https://w.example/?http://a.com/${big}`;
    expect(unwrap(fork)).toBe(`http://a.com/${big}`);
  });
});

describe('unwrap leaves normal addresses alone', () => {
  const negatives = [
    // share links of every rendered page (rendered/p/6a72.html): they carry the proxied cover in their query
    'http://connect.qq.com/widget/shareqq/index.html?url=https://news.zfe.space/p/6a72.html&title=第10集 - 小冰 RSSHub&pics=https://cors.zfour.workers.dev/?http://static.maoercdn.com/dramacoversmini/202006/13/c181ac09ab40aeea2d25546844ecace3111020.jpg&summary=',
    'https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=https://news.zfe.space/p/6a72.html&title=第10集 - 小冰 RSSHub&pics=https://cors.zfour.workers.dev/?http://static.maoercdn.com/dramacoversmini/202006/13/c181ac09ab40aeea2d25546844ecace3111020.jpg&summary=',
    'https://www.linkedin.com/sharing/share-offsite/?url=https://www.monotype.com/resources/expertise/letterform-terms',
    'https://www.facebook.com/sharer/sharer.php?u=https://www.monotype.com/resources/expertise/letterform-terms&title=What%E2%80%99s%20in%20a%20letterform?',
    'https://x.com/share?u=https://a.com/b',
    'https://news.zfe.space/p/101.html',
    'https://picsum.photos/400/300?random=7',
    'magnet:?xt=urn:btih:F113A4DC27FF6732A7037931682A83836450574A&tr=udp%3a%2f%2ftracker.openbittorrent.com%3a80%2fannounce',
    // listed hosts, but not the wrapper form
    'https://cors.zfour.workers.dev/',
    'https://cors.zfour.workers.dev/?url=http://a.com/x.jpg',
    'https://www.oschina.net/news/12345',
    'https://www.oschina.net/action/GoToLink?link=https%3A%2F%2Fa.com',
    'https://www.gamersky.com/news/202209/1521234.shtml?https://a.com/',
    'https://cors-anywhere.herokuapp.com/corsdemo',
    // lookalikes: another host that merely contains a listed name, not in the raw `/?http` form
    'https://cors.zfour.workers.dev.evil.com/?url=http://a.com/x.jpg',
    'https://cors.zfour.workers.dev:8443/share?http://a.com/x.jpg',
    // user info is no plain host: not even the any-host form of a fork's worker
    'https://cors.zfour.workers.dev@evil.com/?http://a.com/x.jpg',
    'https://cors.zfour.workers.dev\\?http://a.com/x.jpg',
    // the any-host form, but an encoded, relative or hostless target
    'https://evil.com/?https%3A%2F%2Fa.com%2Fx.jpg',
    'https://evil.com/?//a.com/x.jpg',
    'https://evil.com/?http:///a.com/x.jpg',
    'https://evil.com/#?http://a.com/x.jpg',
    'data:image/png;base64,iVBORw0KGgo=',
    '',
    'not a url',
  ];
  it.each(negatives)('%s', (s) => {
    expect(unwrapDetailed(s)).toEqual({ url: s, wrapped: null, via: [] });
  });

  it('reads a lookalike host in the raw `/?http` form as a fork worker, never as the site proxy', () => {
    const t = 'http://a.com/x.jpg';
    expect(unwrapDetailed(`https://cors.zfour.workers.dev.evil.com/?${t}`).via).toEqual(['cors-worker']);
    expect(unwrapDetailed(`https://cors.zfour.workers.dev:8443/?${t}`).via).toEqual(['cors-worker']);
    expect(unwrapDetailed(`https://evil.com/?https://cors.zfour.workers.dev/?${t}`)).toEqual({
      url: t,
      wrapped: `https://evil.com/?https://cors.zfour.workers.dev/?${t}`,
      via: ['cors-worker', 'zfour-cors'],
    });
  });
});

describe('wrapper table', () => {
  it('has unique ids, lower-case hosts each listed once, and usable forms', () => {
    const ids = WRAPPERS.map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    const hosts = WRAPPERS.flatMap((w) => w.hosts);
    expect(new Set(hosts).size).toBe(hosts.length);
    for (const w of WRAPPERS) {
      expect(w.forms.length, w.id).toBeGreaterThan(0);
      // a listed entry has hosts; a structural one has none, and only the raw `/?http…` form unwrap pre-tests for
      if (w.anyHost) {
        expect(w.hosts, w.id).toEqual([]);
        expect(w.forms, w.id).toEqual([{ kind: 'query', path: '/', raw: true }]);
      } else {
        expect(w.hosts.length, w.id).toBeGreaterThan(0);
      }
      for (const h of w.hosts) expect(h, w.id).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      for (const f of w.forms) expect(f.kind === 'path' ? f.prefix : f.path, w.id).toMatch(/^\//);
    }
  });

  it('covers every wrapper kind the corpus README lists', () => {
    const seen = WRAPPERS.filter((w) => w.seen).map((w) => w.id);
    expect(seen.sort()).toEqual(
      ['duomai-track', 'gamersky-showimage', 'jianshu-link', 'oschina-gotolink', 'zfour-cors', 'zhihu-link'].sort(),
    );
  });

  it("has exactly one `site` entry (the site's own proxy) and one structural `cors-worker` entry", () => {
    expect(WRAPPERS.filter((w) => w.site).map((w) => w.id)).toEqual(['zfour-cors']);
    expect(WRAPPERS.filter((w) => w.anyHost).map((w) => w.id)).toEqual(['cors-worker']);
  });
});
