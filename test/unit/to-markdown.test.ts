import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../src/core/sanitize';
import { toMarkdown } from '../../src/core/to-markdown';
import { parseHtml } from '../../src/node/dom';
import { fixtureText, loadPage } from '../helpers/fixtures';

const doc = parseHtml('<!doctype html><body>');
const md = (html: string): string => toMarkdown(html, doc);

/** The HTML body of a corpus post (front matter off, Hexo's brace escapes decoded), as an element. */
function postBody(name: string): Element {
  const text = fixtureText(`posts/${name}`)
    .replace(/^\s*---[\s\S]*?\n---\n/, '')
    .replace(/&#123;/g, '{')
    .replace(/&#125;/g, '}');
  return parseHtml(`<div id="post-body">${text}</div>`).getElementById('post-body')!;
}

function renderedBody(name: string): { body: Element; win: Window } {
  const { doc: page, win } = loadPage(`rendered/${name}`);
  return { body: page.querySelector('article#post > #top')!.nextElementSibling!, win };
}

/** The fenced blocks of a Markdown text: info string and exact content. */
function fences(markdown: string): { lang: string; code: string }[] {
  return Array.from(markdown.matchAll(/^(`{3,})([^\n`]*)\n([\s\S]*?)\n\1$/gm), (m) => ({ lang: m[2]!, code: m[3]! }));
}

describe('code blocks', () => {
  it('keeps the language and the exact text of a real 掘金 block (post juejin-code-brace-escapes, hljs language-js)', () => {
    const body = postBody('juejin-code-brace-escapes.md');
    const pres = Array.from(body.querySelectorAll('pre'));
    expect(pres.length).toBeGreaterThan(1);
    const blocks = fences(toMarkdown(body, doc));
    expect(blocks.map((b) => b.lang)).toEqual(pres.map(() => 'js'));
    // Byte for byte what the page shows, indentation included (the converter must not re-indent or trim).
    expect(blocks.map((b) => b.code)).toEqual(pres.map((p) => (p.textContent ?? '').replace(/\n$/, '')));
    expect(blocks[0]!.code).toContain('\n    Name : function(){ \n        return "LangShen"; ');
  });

  it('keeps blank lines and indentation inside code while collapsing them outside', () => {
    const code = 'def f():\n    return 1\n\n\n\n    # still inside\n\tx = "<b>"';
    const out = md(`<p>a</p><p></p><p></p><pre class="brush: python;">${code.replace(/</g, '&lt;')}</pre><br><br><br><p>b</p>`);
    expect(out).toBe(`a\n\n\`\`\`python\n${code}\n\`\`\`\n\nb`);
  });

  it('reads the language from lang-x, data-lang and sanitized language-x; <br> in code is a line break', () => {
    expect(fences(md('<pre class="lang-sql">select 1;</pre>'))[0]!.lang).toBe('sql');
    expect(fences(md('<pre data-lang="Go"><code>x</code></pre>'))[0]!.lang).toBe('go');
    expect(fences(md('<div><pre><code>a<br>b</code></pre></div>'))[0]).toEqual({ lang: '', code: 'a\nb' });
    const sanitized = sanitizeHtml(
      '<pre><code class="hljs language-ts copyable" lang="ts">let x = 1</code></pre>',
      doc.defaultView as unknown as Window,
    );
    expect(fences(md(sanitized))[0]).toEqual({ lang: 'ts', code: 'let x = 1' });
  });

  it('uses a longer fence when the code holds a fence', () => {
    expect(md('<pre><code>```js\nx\n```</code></pre>')).toBe('````\n```js\nx\n```\n````');
  });
});

describe('tables', () => {
  it('converts a real table without <thead> (rendered pmcaff-largest-page, <colgroup> then th row) to GFM', () => {
    const { body } = renderedBody('pmcaff-largest-page.html');
    const table = body.querySelector('table')!;
    const expected = Array.from(
      table.querySelectorAll('tr'),
      (tr) => `| ${Array.from(tr.children, (c) => (c.textContent ?? '').trim()).join(' | ')} |`,
    );
    expected.splice(1, 0, `| ${Array(table.querySelector('tr')!.children.length).fill('---').join(' | ')} |`);
    const out = toMarkdown(body, doc);
    expect(out).toContain(expected.join('\n'));
    expect(out).not.toContain('<table');
  });

  it('makes the first row the header when every cell is a td', () => {
    expect(md('<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>')).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });

  it('handles colspan="100%" (rendered iplaysoft-keyword-links) and rowspan without phantom columns', () => {
    const html =
      '<table class=entry-table border=1><tbody><tr><th colspan=100%>白描会员区别对比</th></tr>' +
      '<tr><td>功能</td><td>免费用户</td><td>普通会员</td></tr><tr><td rowspan=2>翻译</td><td>3次</td><td>无限制</td></tr>' +
      '<tr><td>1000字</td><td>无限制</td></tr></tbody></table>';
    expect(md(html)).toBe(
      [
        '| 白描会员区别对比 |  |  |',
        '| --- | --- | --- |',
        '| 功能 | 免费用户 | 普通会员 |',
        '| 翻译 | 3次 | 无限制 |',
        '|  | 1000字 | 无限制 |',
      ].join('\n'),
    );
  });

  it('keeps a cell on one line and escapes pipes', () => {
    expect(md('<table><tr><th>k</th><th>v</th></tr><tr><td>a<br>b</td><td>x | y</td></tr></table>')).toBe(
      '| k | v |\n| --- | --- |\n| a<br>b | x \\| y |',
    );
  });

  it('turns one-row or one-column layout tables into paragraphs', () => {
    expect(md('<table><tr><td><img src="https://i.example/a.jpg"></td><td><img src="https://i.example/b.jpg"></td></tr></table>')).toBe(
      '![](https://i.example/a.jpg)\n\n![](https://i.example/b.jpg)',
    );
    expect(md('<table><tr><td><p>only</p></td></tr><tr><td>cell</td></tr></table>')).toBe('only\n\ncell');
  });
});

describe('media', () => {
  it('writes images as ![alt](src) and drops empty links and images', () => {
    expect(md('<p><img src="https://i.example/a b.jpg" alt="图 [1]"></p>')).toBe('![图 \\[1\\]](https://i.example/a%20b.jpg)');
    expect(
      md(
        '<p>x<a href="https://e.example/"></a><a href="https://e.example/"><img></a><img src=""><img src="data:image/gif;base64,R0lG">y</p>',
      ),
    ).toBe('xy');
    expect(md('<p><a href="https://e.example/"><img src="https://i.example/a.jpg"></a></p>')).toBe(
      '[![](https://i.example/a.jpg)](https://e.example/)',
    );
    expect(md('<p><a href="javascript:alert(1)">text</a></p>')).toBe('text');
  });

  it("escapes a '<' that could open markup in an image's alt (fuzzing: an alt holding <iframe src='… as text)", () => {
    const out = md(`<p><img src="https://i.example/a.jpg" alt="图<iframe src='https://evil.example/x"> and '>later</p>`);
    expect(out).toBe(`![图\\<iframe src='https://evil.example/x](https://i.example/a.jpg) and '>later`);
    expect(out).not.toMatch(/(^|[^\\])<iframe/);
    // A '<' that opens nothing stays as written.
    expect(md('<p><img src="https://i.example/a.jpg" alt="1 < 2"></p>')).toBe('![1 < 2](https://i.example/a.jpg)');
  });

  it.each([
    [
      'rendered 3dm-youku-iframe (Youku)',
      () => renderedBody('3dm-youku-iframe.html').body,
      'https://player.youku.com/embed/XNTkwNjc5NTAwOA?client_id=5a73c0df8eb0d91d',
    ],
    ['post blur-vimeo-iframe (Vimeo)', () => postBody('blur-vimeo-iframe.md'), 'https://player.vimeo.com/video/403114054'],
    [
      'post socialbeta-vqq-iframe (v.qq.com)',
      () => postBody('socialbeta-vqq-iframe.md'),
      'https://v.qq.com/txp/iframe/player.html?vid=u33578rduxa',
    ],
    [
      'post facebook-video-traditional (Facebook video plugin)',
      () => postBody('facebook-video-traditional.md'),
      'https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fjapantravelfood%2Fvideos%2F2280317772125725%2F&show_text=0&width=720',
    ],
  ])('%s: the player iframe becomes a video link', (_name, body, src) => {
    const out = toMarkdown(body(), doc);
    const host = new URL(src).hostname;
    expect(out).toContain(`\n[▶ Video: ${host}](${src})\n`);
    expect(out).not.toContain('<iframe');
  });

  it('drops iframes that are not video players (post 043 LeetCode playground)', () => {
    expect(md('<p>a</p><iframe src="https://leetcode.com/playground/FxMEQfWD/shared" width="100%" height="242"></iframe><p>b</p>')).toBe(
      'a\n\nb',
    );
  });

  it('writes a <video> as a link, with its poster as the image', () => {
    expect(md('<video src="https://v.example/a.mp4" poster="https://v.example/a.jpg"></video>')).toBe(
      '[![▶ Video: v.example](https://v.example/a.jpg)](https://v.example/a.mp4)',
    );
    expect(md('<video><source src="https://v.example/b.webm"></video><audio src="https://a.example/c.mp3"></audio>')).toBe(
      '[▶ Video: v.example](https://v.example/b.webm)\n\n[♪ Audio: a.example](https://a.example/c.mp3)',
    );
    expect(md('<video data-src="https://v.example/lazy.mp4"></video>')).toBe('');
  });
});

describe('text', () => {
  it('adds no space inside CJK text around inline markup', () => {
    expect(md('<p>中文<strong>粗体</strong>文字<a href="https://x.example/">链接</a>，<em>强调</em>。日本語の<b>テスト</b>です</p>')).toBe(
      '中文**粗体**文字[链接](https://x.example/)，*强调*。日本語の**テスト**です',
    );
  });

  it('collapses runs of blank lines and keeps a hard break inside a paragraph', () => {
    expect(md('<p>a<br>b</p><p></p><p>&nbsp;</p><div><br></div><p>c<br></p>')).toBe('a  \nb\n\nc');
  });

  it('drops scripts, styles and widgets; headings stay on one line', () => {
    expect(md('<style>p{}</style><script>x()</script><h2>标题<br>第二行</h2><button>复制</button><p>t</p>')).toBe('## 标题 第二行\n\nt');
  });

  it('gives the same Markdown for a string and for the element it parses to', () => {
    const html = '<h3>x</h3><ul><li>a</li><li>b</li></ul><blockquote><p>q</p></blockquote>';
    const el = parseHtml(`<div id=x>${html}</div>`).getElementById('x')!;
    expect(md(html)).toBe(toMarkdown(el, doc));
    expect(md(html)).toBe('### x\n\n-   a\n-   b\n\n> q');
  });
});
