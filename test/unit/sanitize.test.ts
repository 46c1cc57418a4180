import createDOMPurify from 'dompurify';
import { describe, expect, it } from 'vitest';
import { codeLanguage, sanitizeHtml, sanitizeToFragment, videoEmbedUrl } from '../../src/core/sanitize';
import { parseHtml } from '../../src/node/dom';
import { fixtureNames, loadPage } from '../helpers/fixtures';

const doc = parseHtml('<!doctype html><body>');
const win = doc.defaultView as unknown as Window;

const FORBIDDEN = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'object',
  'embed',
  'svg',
  'math',
  'base',
  'meta',
  'link',
  'frame',
  'frameset',
  'applet',
  'xmp',
  'noembed',
  'noframes',
]);
const URL_ATTRS = ['href', 'src', 'poster', 'cite', 'action', 'formaction', 'data', 'xlink:href', 'background'];
const BAD_SCHEME = /^(?:[a-z]*script|data|blob|file):/i;
const compact = (v: string): string => v.replace(/[\u0000-\u0020\u00A0\u3000]/g, '');

/**
 * What a browser would build from the output: every element, attribute and address that could run script,
 * load a foreign frame, style, or smuggle a data: payload. Empty means safe by our policy.
 */
function violations(html: string): string[] {
  const d = parseHtml(`<!doctype html><body>${html}`);
  const out: string[] = [];
  for (const el of Array.from(d.body.querySelectorAll('*'))) {
    const name = el.localName;
    if (FORBIDDEN.has(name)) out.push(`<${name}>`);
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') out.push(`namespace ${name}`);
    if (name === 'iframe' && !videoEmbedUrl(el.getAttribute('src'))) out.push(`iframe ${el.getAttribute('src')}`);
    for (const attr of Array.from(el.attributes)) {
      const n = attr.name.toLowerCase();
      if (n.startsWith('on')) out.push(`${name}[${n}]`);
      if (['style', 'id', 'name', 'srcdoc'].includes(n)) out.push(`${name}[${n}]`);
      if (n === 'class' && !/^language-[\w#+.-]+$/.test(attr.value)) out.push(`${name}.${attr.value}`);
      if (URL_ATTRS.includes(n) && BAD_SCHEME.test(compact(attr.value))) out.push(`${name}[${n}=${attr.value}]`);
      if (n === 'srcset' && attr.value.split(',').some((c) => BAD_SCHEME.test(compact(c)))) out.push(`${name}[srcset]`);
    }
  }
  return out;
}

// XSS families. Each must be dangerous unsanitized (checked below) and clean after.
const PAYLOADS: Record<string, string> = {
  'img onerror': '<img src=x onerror=alert(1)>',
  'svg onload': '<svg onload=alert(1)><circle r=1 /></svg>',
  'body/details handlers': '<p onclick=alert(1)>a</p><details open ontoggle=alert(1)><summary>s</summary></details>',
  'video/audio handlers':
    '<video src="https://v.example/a.mp4" onerror=alert(1) onloadstart=alert(2)></video><audio src=x onerror=alert(1)></audio>',
  'javascript: href': '<a href="javascript:alert(1)">a</a><a href="  JaVaScRiPt:alert(1)">b</a><a href="java&#x09;script:alert(1)">c</a>',
  'vbscript: href': '<a href="vbscript:msgbox(1)">v</a>',
  'data: href': '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>',
  'data: img src': '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  'srcset smuggling': '<img src="https://ok.example/a.jpg" srcset="javascript:alert(1) 1x, data:image/png;base64,AAAA 2x">',
  'poster data:': '<video src="https://ok.example/v.mp4" poster="data:image/png;base64,AAAA"></video>',
  formaction:
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">go</button><input type=image src=x formaction="javascript:alert(3)"></form>',
  'xlink:href': '<svg><a xlink:href="javascript:alert(1)"><text x=0 y=10>x</text></a></svg>',
  'svg script/animate': '<svg><script>alert(1)</script><animate attributeName=href values="javascript:alert(1)"/></svg>',
  'math mXSS': '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  'math/svg namespace confusion': '<math><mi><svg><style><img src=x onerror=alert(1)></style></svg></mi></math>',
  'noscript breakout': '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  'template content': '<template><img src=x onerror=alert(1)></template>',
  'style element + @import': '<style>@import "https://evil.example/x.css"; p { background: url(javascript:alert(1)) }</style><p>t</p>',
  'inline style url()': '<p style="background-image:url(https://evil.example/track.png)">t</p>',
  'iframe javascript/srcdoc/foreign':
    '<iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe><iframe src="https://evil.example/"></iframe>',
  'object/embed': '<object data="javascript:alert(1)"></object><embed src="https://evil.example/x.swf">',
  'base/meta/link':
    '<base href="https://evil.example/"><meta http-equiv=refresh content="0;url=javascript:alert(1)"><link rel=stylesheet href="https://evil.example/x.css">',
  'dom clobbering': '<img name=getElementById src="https://ok.example/a.jpg"><a id=defaultView href="https://ok.example/">x</a>',
  'class/id noise': '<p class="lazyload hrefStyle" id="x">t</p>',
};

describe('sanitizeHtml: DOMPurify really sanitizes in Node with a jsdom window', () => {
  it('neutralizes onerror, javascript: and svg onload in one payload', () => {
    const dirty = '<img src=x onerror=alert(1)><a href="javascript:alert(1)">go</a><svg onload=alert(1)></svg><p>kept</p>';
    const clean = sanitizeHtml(dirty, win);
    expect(clean).not.toMatch(/onerror|onload|javascript:|<svg/i);
    expect(clean).toContain('<p>kept</p>');
    expect(clean).toContain('<a>go</a>');
  });

  it('throws a clear error without a usable window instead of passing the input through', () => {
    const payload = '<img src=x onerror=alert(1)>';
    // The hazard: DOMPurify without a real window reports itself unsupported and cannot sanitize.
    expect(createDOMPurify({ document: doc } as never).isSupported).toBe(false);
    expect(() => sanitizeHtml(payload, undefined as unknown as Window)).toThrow(/window/);
    expect(() => sanitizeHtml(payload, {} as Window)).toThrow(/window/);
    expect(() => sanitizeToFragment(payload, { document: {} } as unknown as Window)).toThrow(/window/);
    // A window-like object with a document but no DOM classes: DOMPurify reports itself unsupported.
    expect(() => sanitizeHtml(payload, { document: doc } as unknown as Window)).toThrow(/not supported/);
  });

  it.each(Object.entries(PAYLOADS))('%s', (_name, payload) => {
    expect(violations(payload).length).toBeGreaterThan(0);
    expect(violations(sanitizeHtml(payload, win))).toEqual([]);
    expect(violations(serialize(sanitizeToFragment(payload, win)))).toEqual([]);
  });
});

function serialize(fragment: DocumentFragment): string {
  const holder = doc.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

describe('sanitizeHtml: policy', () => {
  it('keeps article structure', () => {
    const html =
      '<h2>T</h2><p>a <em>b</em> <strong>c</strong></p><ul><li>1</li></ul><blockquote><p>q</p></blockquote>' +
      '<figure><img src="https://ok.example/a.jpg" alt="A" title="t" width="10" height="20"><figcaption>cap</figcaption></figure>' +
      '<table><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>' +
      '<picture><source srcset="https://ok.example/a.webp" type="image/webp"><img src="https://ok.example/a.jpg"></picture>';
    const d = parseHtml(`<body>${sanitizeHtml(html, win)}`);
    for (const sel of [
      'h2',
      'em',
      'strong',
      'ul > li',
      'blockquote > p',
      'figure > figcaption',
      'thead th',
      'td[colspan="2"]',
      'picture > source[type="image/webp"]',
    ]) {
      expect(d.querySelector(sel), sel).not.toBeNull();
    }
    const img = d.querySelector('figure img')!;
    expect([img.getAttribute('alt'), img.getAttribute('title'), img.getAttribute('width'), img.getAttribute('height')]).toEqual([
      'A',
      't',
      '10',
      '20',
    ]);
  });

  it('forces target/rel on links and no-referrer on media', () => {
    const d = parseHtml(
      `<body>${sanitizeHtml('<a href="https://ok.example/" target="_self" rel="opener">x</a><img src="https://ok.example/a.jpg"><video src="https://ok.example/v.mp4" autoplay></video>', win)}`,
    );
    const a = d.querySelector('a')!;
    expect([a.getAttribute('target'), a.getAttribute('rel')]).toEqual(['_blank', 'noopener noreferrer']);
    expect(d.querySelector('img')!.getAttribute('referrerpolicy')).toBe('no-referrer');
    const video = d.querySelector('video')!;
    expect(video.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(video.hasAttribute('controls')).toBe(true);
    expect(video.hasAttribute('autoplay')).toBe(false);
  });

  it('drops lazy placeholders: data: sources go, an image left without a source goes', () => {
    const out = sanitizeHtml(
      '<img src="https://ok.example/a.jpg" srcset="data:image/png;base64,AAAA"><img src="data:image/gif;base64,R0lGOD"><img>',
      win,
    );
    expect(out).toBe('<img src="https://ok.example/a.jpg" referrerpolicy="no-referrer">');
  });

  it('keeps only the safe srcset candidates', () => {
    const out = sanitizeHtml('<img src="https://ok.example/a.jpg" srcset="javascript:x 1x, https://ok.example/b.jpg 2x">', win);
    expect(out).toContain('srcset="https://ok.example/b.jpg 2x"');
  });

  it('normalizes a code language to class language-x and drops every other class', () => {
    const out = sanitizeHtml(
      '<pre class="brush: python;"><code>x</code></pre><pre><code class="hljs language-js copyable" lang="js">y</code></pre>' +
        '<pre data-lang="Go"><code>z</code></pre><pre class="prettyprint"><code>w</code></pre><p class="lead">p</p>',
      win,
    );
    expect(out).toBe(
      '<pre class="language-python"><code>x</code></pre><pre><code class="language-js">y</code></pre>' +
        '<pre class="language-go"><code>z</code></pre><pre><code>w</code></pre><p>p</p>',
    );
  });

  it("sanitizes an element's contents (the wrapper is not part of the article)", () => {
    const d = parseHtml('<div id="body" class="x"><p onclick="x()">a</p><script>bad()</script></div>');
    expect(sanitizeHtml(d.getElementById('body')!, win)).toBe('<p>a</p>');
    const fragment = sanitizeToFragment(d.getElementById('body')!, win);
    expect(fragment.nodeType).toBe(11);
    expect(serialize(fragment)).toBe('<p>a</p>');
    // The source tree is untouched.
    expect(d.querySelector('script')).not.toBeNull();
  });

  it('does not install its hooks on other DOMPurify instances of the same window', () => {
    sanitizeHtml('<a href="https://ok.example/">x</a>', win);
    const other = createDOMPurify(win as never);
    expect(other.sanitize('<a href="https://ok.example/">x</a>')).toBe('<a href="https://ok.example/">x</a>');
  });
});

describe('sanitizeToFragment with a preparation (the extraction cleans in the parse of the sanitizer)', () => {
  it("runs on the parse of the markup before the walk, and what it leaves is sanitized like the markup's own nodes", () => {
    const seen: string[] = [];
    const fragment = sanitizeToFragment('<p>a <a class="tag" href="https://ok.example/t">t</a></p><script>bad()</script>', win, (body) => {
      // The markup's own nodes, unsanitized yet: the script and the class are still there.
      seen.push(body.localName, body.innerHTML);
      body.querySelector('a.tag')!.replaceWith('t');
      // Whatever the preparation adds is walked too: a handler, a script, a javascript: link.
      body.insertAdjacentHTML('beforeend', '<img src="https://ok.example/i.png" onerror="bad()"><a href="javascript:bad()">x</a>');
      body.append(body.ownerDocument.createElement('script'));
    });
    expect(seen).toEqual(['body', '<p>a <a class="tag" href="https://ok.example/t">t</a></p><script>bad()</script>']);
    const html = serialize(fragment);
    expect(html).toBe('<p>a t</p><img src="https://ok.example/i.png" referrerpolicy="no-referrer"><a>x</a>');
    expect(violations(html)).toEqual([]);
  });

  it('is used once: the next call is not prepared, and a call whose preparation throws leaves none behind', () => {
    let calls = 0;
    sanitizeToFragment('<p>a</p>', win, () => calls++);
    sanitizeToFragment('<p>b</p>', win);
    expect(calls).toBe(1);
    expect(() =>
      sanitizeToFragment('<p>c</p>', win, () => {
        throw new Error('prepare failed');
      }),
    ).toThrow('prepare failed');
    expect(serialize(sanitizeToFragment('<p>d</p>', win))).toBe('<p>d</p>');
  });

  it('needs markup: a node is imported by DOMPurify, not parsed, so there is no parse to prepare', () => {
    const d = parseHtml('<div id="body"><p>a</p></div>');
    expect(() => sanitizeToFragment(d.getElementById('body')!, win, () => undefined)).toThrow(/markup/);
  });
});

describe('iframes: only the video players of the corpus', () => {
  // Addresses as the corpus has them (posts 024/074/076/093, rendered caa9/4c02), and the page furniture beside them.
  const players = [
    'https://player.youku.com/embed/XNTE5Nzc4MjM2MA?client_id=5a73c0df8eb0d91d',
    'https://player.vimeo.com/video/403114054',
    'https://v.qq.com/txp/iframe/player.html?vid=u33578rduxa',
    'https://player.bilibili.com/player.html?aid=260819623&high_quality=1',
    'https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fjapantravelfood%2Fvideos%2F2280317772125725%2F&show_text=0&width=720',
    'https://www.youtube-nocookie.com/embed/abc123',
  ];
  const furniture = [
    'https://leetcode.com/playground/FxMEQfWD/shared', // post 043
    'https://cowlevel.net/widget/article/1907214', // rendered 40e6
    'https://sites.google.com/macros/s/AKfycbyAoZSpfsrKvGSrnL8IJwEGzHyHYMY2typQyfk/exec', // post 128
    'https://www.facebook.com/plugins/like.php?href=x',
    'https://player.vimeo.com.evil.example/video/1',
    'https://evil.example/?https://player.vimeo.com/video/1',
    'javascript:alert(1)//player.vimeo.com/video/1',
  ];

  it.each(players)('keeps %s', (src) => {
    const d = parseHtml(
      `<body>${sanitizeHtml(`<iframe src="${src.replace(/&/g, '&amp;')}" width="640" height="360" allowfullscreen onload="x()"></iframe>`, win)}`,
    );
    const iframe = d.querySelector('iframe')!;
    expect(iframe.getAttribute('src')).toBe(src);
    expect(iframe.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(iframe.hasAttribute('onload')).toBe(false);
    expect(iframe.getAttribute('width')).toBe('640');
  });

  it.each(furniture)('drops %s', (src) => {
    expect(sanitizeHtml(`<p>a</p><iframe src="${src}"><p>fallback</p></iframe>`, win)).toBe('<p>a</p>');
  });

  it('upgrades http and scheme-less player addresses to https', () => {
    expect(videoEmbedUrl('http://player.youku.com/embed/X')).toBe('https://player.youku.com/embed/X');
    expect(videoEmbedUrl('//player.bilibili.com/player.html?aid=1')).toBe('https://player.bilibili.com/player.html?aid=1');
    expect(videoEmbedUrl('/video/1')).toBeNull();
  });

  it('keeps the Youku player of a real page (rendered 3dm-youku-iframe) and nothing unsafe of it', () => {
    const { doc: page, win: pageWin } = loadPage('rendered/3dm-youku-iframe.html');
    const body = page.querySelector('article#post > #top')!.nextElementSibling!;
    const out = sanitizeHtml(body, pageWin);
    const d = parseHtml(`<body>${out}`);
    expect(Array.from(d.querySelectorAll('iframe'), (f) => f.getAttribute('src'))).toEqual([
      'https://player.youku.com/embed/XNTkwNjc5NTAwOA?client_id=5a73c0df8eb0d91d',
    ]);
    expect(violations(out)).toEqual([]);
  });
});

describe('real pages', () => {
  it.each(fixtureNames('rendered'))('%s: sanitized body has no violation', (name) => {
    const { doc: page, win: pageWin } = loadPage(`rendered/${name}`);
    const body = page.querySelector('article#post > #top')?.nextElementSibling ?? page.body;
    const out = sanitizeHtml(body, pageWin);
    expect(violations(out)).toEqual([]);
    // The article's text survives: what goes is markup and widgets (buttons, svg icons, scripts).
    const visible = (root: Element): number => {
      const copy = root.cloneNode(true) as Element;
      for (const el of Array.from(copy.querySelectorAll('script, style, noscript, template, button, svg, select, textarea'))) el.remove();
      return (copy.textContent ?? '').replace(/\s+/g, '').length;
    };
    expect(visible(parseHtml(`<body>${out}`).body)).toBe(visible(body));
  });

  it('reads code languages the ways highlighters write them', () => {
    const d = parseHtml(
      '<pre class="brush: js; gutter: false"></pre><code class="lang-ts"></code><div class="highlight-source-rust"></div><code data-language="SQL"></code><pre class="nohighlight"></pre>',
    );
    expect(Array.from(d.body.children, codeLanguage)).toEqual(['js', 'ts', 'rust', 'sql', null]);
  });
});

describe('a preparation (sanitizeToFragment with prepare)', () => {
  const html = (f: DocumentFragment) => {
    const holder = f.ownerDocument.createElement('div');
    holder.append(f);
    return holder.innerHTML;
  };

  it('runs once, on the parse of its own call, and the policy set once on the instance holds for every call', () => {
    const seen: string[] = [];
    const out = sanitizeToFragment('<p class="x" onclick="y">a<b id="i">b</b></p>', win, (body) => {
      seen.push(body.innerHTML);
      body.querySelector('b')!.setAttribute('onmouseover', 'z');
    });
    expect(seen).toEqual(['<p class="x" onclick="y">a<b id="i">b</b></p>']);
    // What the preparation added is walked like the rest.
    expect(html(out)).toBe('<p>a<b>b</b></p>');
    expect(sanitizeHtml('<p class="x" onclick="y">c</p><script>d</script>', win)).toBe('<p>c</p>');
    expect(seen).toHaveLength(1);
  });

  it('leaves the instance as it was when it throws', () => {
    expect(() =>
      sanitizeToFragment('<p>a</p>', win, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(sanitizeHtml('<p style="s">b<img src="x" onerror="y"></p>', win)).toBe('<p>b<img src="x" referrerpolicy="no-referrer"></p>');
    let calls = 0;
    expect(html(sanitizeToFragment('<p>c</p>', win, () => void calls++))).toBe('<p>c</p>');
    expect(calls).toBe(1);
  });
});
