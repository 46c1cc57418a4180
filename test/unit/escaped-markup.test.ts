import { describe, expect, it } from 'vitest';
import { hasEscapedMarkup, measureMarkup, renderEscapedMarkup } from '../../src/core/escaped-markup';

const parserFor = (el: Element) => new (el.ownerDocument.defaultView as Window & typeof globalThis).DOMParser();
import { parseHtml } from '../../src/node/dom';
import { fixtureText, loadPage } from '../helpers/fixtures';

/** A detached clone of a rendered page's body, as the extractor hands it over. */
function pageBody(name: string): Element {
  const { doc } = loadPage(`rendered/${name}`);
  return doc.querySelector('article#post > #top')!.nextElementSibling!.cloneNode(true) as Element;
}

function postBody(name: string): Element {
  const text = fixtureText(`posts/${name}`).replace(/^\s*---[\s\S]*?\n---\n/, '');
  return parseHtml(`<div id="b">${text}</div>`).getElementById('b')!.cloneNode(true) as Element;
}

function frag(html: string): Element {
  return parseHtml(`<div id="b">${html}</div>`).getElementById('b')!.cloneNode(true) as Element;
}

/** Visible tags in text: what a reader sees as markup. */
const VISIBLE_TAG = /<\/?(?:p|div|span|section|img|button|label|em|a)\b[^<>]*>/i;

describe('the corpus cases', () => {
  it('guokr-escaped-body (果壳网/WeChat): the whole article was an escaped code block; it renders as the article', () => {
    const body = pageBody('guokr-escaped-body.html');
    const escaped = body.querySelector('pre')!.textContent ?? '';
    const imagesSpelled = Array.from(escaped.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g), (m) => m[1]!);
    expect(imagesSpelled.length).toBeGreaterThan(10);
    expect(hasEscapedMarkup(body)).toBe(true);

    expect(renderEscapedMarkup(body, parserFor(body))).toBe(true);
    expect(body.querySelector('pre')).toBeNull();
    expect(VISIBLE_TAG.test(body.textContent ?? '')).toBe(false);
    const srcs = new Set(Array.from(body.querySelectorAll('img'), (img) => img.getAttribute('src')));
    for (const src of imagesSpelled) expect(srcs.has(src)).toBe(true);
    expect(Array.from(body.querySelectorAll('p'), (p) => p.textContent).join('')).toContain('60多年前，布伦登·格里姆肖');
    expect(hasEscapedMarkup(body)).toBe(false);
  });

  it('dribbble-escaped-widget (Dribbble): the rest of a player widget, cut after </button>, renders and leaves no markup text', () => {
    const body = pageBody('dribbble-escaped-widget.html');
    expect(hasEscapedMarkup(body)).toBe(true);
    expect(renderEscapedMarkup(body, parserFor(body))).toBe(true);
    expect(body.querySelector('pre')).toBeNull();
    expect(VISIBLE_TAG.test(body.textContent ?? '')).toBe(false);
    expect(body.textContent).toContain('0 likes');
  });

  it('wef-english-stray-div (WEF): a code block holding nothing but "</div>" goes, the report text stays', () => {
    const body = pageBody('wef-english-stray-div.html');
    const before = (body.textContent ?? '').replace('</div>', '').replace(/\s+/g, '');
    expect(hasEscapedMarkup(body)).toBe(true);
    expect(renderEscapedMarkup(body, parserFor(body))).toBe(true);
    expect((body.textContent ?? '').replace(/\s+/g, '')).toBe(before);
  });

  it.each(['pmcaff-largest-page.html', '3dm-youku-iframe.html'])('rendered %s has none', (name) => {
    const body = pageBody(name);
    expect(hasEscapedMarkup(body)).toBe(false);
    const html = body.innerHTML;
    expect(renderEscapedMarkup(body, parserFor(body))).toBe(false);
    expect(body.innerHTML).toBe(html);
  });

  it.each([
    'juejin-code-brace-escapes.md',
    'blur-vimeo-iframe.md',
    'facebook-video-traditional.md',
    'socialbeta-vqq-iframe.md',
    'eventernote-japanese-lines.md',
  ])('post %s has none', (name) => {
    expect(hasEscapedMarkup(postBody(name))).toBe(false);
  });
});

describe('code that shows HTML on purpose is left alone', () => {
  it('a 掘金 tutorial block with a language class', () => {
    const body = frag(
      '<p>在模板中这样写：</p><pre><code class="hljs language-html copyable" lang="html">' +
        '&lt;div id="app"&gt;\n  &lt;p class="msg"&gt;{{ message }}&lt;/p&gt;\n  &lt;button @click="go"&gt;Go&lt;/button&gt;\n&lt;/div&gt;' +
        '</code></pre><p>然后挂载。</p>',
    );
    expect(hasEscapedMarkup(body)).toBe(false);
    expect(renderEscapedMarkup(body, parserFor(body))).toBe(false);
  });

  it('a highlighted block (element children) even without a language', () => {
    const body = frag(
      '<pre><code><span class="tag">&lt;ul&gt;</span>\n<span class="tag">&lt;li&gt;</span>a<span class="tag">&lt;/li&gt;</span>\n<span class="tag">&lt;/ul&gt;</span></code></pre>',
    );
    expect(hasEscapedMarkup(body)).toBe(false);
  });

  it('a bare block of balanced markup starting at its margin (a sample, not a cut page)', () => {
    const body = frag('<p>例如：</p><pre><code>&lt;ul&gt;\n  &lt;li&gt;a&lt;/li&gt;\n  &lt;li&gt;b&lt;/li&gt;\n&lt;/ul&gt;</code></pre>');
    expect(hasEscapedMarkup(body)).toBe(false);
  });

  it('inline code and prose naming a few tags', () => {
    expect(hasEscapedMarkup(frag('<p>用 <code>&lt;div&gt;</code>、<code>&lt;span&gt;</code> 和 <code>&lt;p&gt;</code> 排版。</p>'))).toBe(
      false,
    );
    expect(
      hasEscapedMarkup(
        frag(
          '<p>The &lt;div&gt;, &lt;span&gt; and &lt;p&gt; elements are the ones you will meet most often in any page you read today.</p>',
        ),
      ),
    ).toBe(false);
  });
});

describe('the rule on its own', () => {
  it('measures tags, density, balance and indentation', () => {
    expect(measureMarkup('  </div>\n')).toEqual({ tags: 1, density: 1, unbalanced: true, indented: true });
    const sample = measureMarkup('<ul>\n  <li class="x">a</li>\n</ul>');
    expect(sample).toMatchObject({ tags: 4, unbalanced: false, indented: false });
    expect(sample.density).toBeCloseTo(27 / 28, 5);
    // Not tags: unknown names count for density only, comparisons and broken tags not at all.
    expect(measureMarkup('<foo> a < b > c <div').tags).toBe(0);
  });

  it('renders escaped text in a paragraph, replacing the paragraph it fills', () => {
    const body = frag('<p>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</p><p>plain</p>');
    expect(hasEscapedMarkup(body)).toBe(true);
    expect(renderEscapedMarkup(body, parserFor(body))).toBe(true);
    expect(body.innerHTML).toBe('<p>Hello <b>world</b></p><p>plain</p>');
  });

  it("defuses what it renders: no handler, script or frame reaches the caller's tree", () => {
    const body = frag(
      '<pre><code>    &lt;/div&gt;\n    &lt;img src="https://i.example/a.jpg" onerror="alert(1)"&gt;&lt;script&gt;alert(2)&lt;/script&gt;' +
        '&lt;iframe srcdoc="&amp;lt;script&amp;gt;"&gt;&lt;/iframe&gt;&lt;p onclick="x()"&gt;t&lt;/p&gt;</code></pre>',
    );
    expect(renderEscapedMarkup(body, parserFor(body))).toBe(true);
    expect(body.innerHTML.trim()).toBe('<img src="https://i.example/a.jpg"><p>t</p>');
  });
});

describe('a code block that is one paragraph of escaped prose (Hexo + NexT, post 045)', () => {
  it('is rendered', () => {
    const body = frag(
      '<pre><code>&lt;p&gt;njs 0.6.1 已发布，njs 以 nginx 插件的方式存在，它是 JavaScript/ECMAscript 的子集。&lt;/p&gt;\n</code></pre>',
    );
    expect(hasEscapedMarkup(body)).toBe(true);
    expect(renderEscapedMarkup(body, parserFor(body))).toBe(true);
    expect(body.querySelector('p')?.textContent).toContain('njs 0.6.1 已发布');
    expect(body.querySelector('pre')).toBeNull();
  });
  it('but a short sample paragraph stays code', () => {
    expect(hasEscapedMarkup(frag('<pre><code>&lt;p&gt;Hello&lt;/p&gt;</code></pre>'))).toBe(false);
  });
});
