import { describe, expect, it } from 'vitest';
import { splitFrontMatter, decodeBraces } from '../../src/core/front-matter';
import { looksLikeMarkdownPost, parseMarkdownPost, repairAttributeQuotes } from '../../src/core/markdown-post';
import { parseHtml } from '../../src/node/dom';
import { fixtureText } from '../helpers/fixtures';

const post = (name: string) => fixtureText(`posts/${name}`);
const bodyDoc = (html: string) => parseHtml(`<!doctype html><body>${html}</body>`);
const bodyText = (html: string) => bodyDoc(html).body.textContent.replace(/\s+/g, ' ').trim();
/** The body as the file has it (corpus posts start with an empty line, then the block). */
const rawBody = (src: string) =>
  src
    .split(/\n---\n/)
    .slice(2)
    .join('\n---\n');
/** A real post with one front matter line replaced (for quirks the corpus has no post of). */
const withLine = (text: string, key: string, line: string) => {
  const re = new RegExp(`^${key}:.*$`, 'm');
  expect(text).toMatch(re);
  return text.replace(re, line);
};

const SEED = 'ofweek-seed.md';
const PROXIED_COVER = 'https://cors.zfour.workers.dev/?http://images.ofweek.com/Upload/News/2021-08/31/Leslie/1630398715070020564.jpg';

describe('the seed post (ofweek, RFC 2822 date)', () => {
  const p = parseMarkdownPost(post(SEED));

  it('reads every front matter key', () => {
    expect(p.meta).toEqual({
      title: '美的集团与中国移动签署战略合作框架协议，共建5G+新生态',
      categories: ['新媒体', '高科技行业门户', '新闻'],
      author: '高科技行业门户',
      headimg: PROXIED_COVER,
      thumbnail: PROXIED_COVER,
      date: { date: '2021-08-31', raw: 'Tue, 31 Aug 2021 08:31:00 GMT' },
      comments: false,
    });
    expect(p.warnings).toEqual([]);
  });

  it('gives the body HTML unchanged, without the front matter', () => {
    const doc = bodyDoc(p.bodyHtml);
    expect(p.bodyHtml.startsWith('<div>')).toBe(true);
    expect(p.bodyHtml).not.toContain('title:');
    expect(doc.querySelectorAll('span.hrefStyle > a[href*="ofweek.com/tag-"]').length).toBeGreaterThan(0);
    expect(doc.querySelector('img')!.getAttribute('src')).toBe(PROXIED_COVER);
    expect(bodyText(p.bodyHtml)).toMatch(/^8月31日，美的集团股份有限公司/);
  });

  it('reads the same post with a BOM and CRLF line ends', () => {
    const crlf = '\uFEFF' + post(SEED).replace(/\n/g, '\r\n');
    expect(crlf).toContain('\r\n---\r\n');
    const q = parseMarkdownPost(crlf);
    expect(q.meta).toEqual(p.meta);
    expect(q.bodyHtml).toBe(p.bodyHtml);
    expect(looksLikeMarkdownPost(crlf)).toBe(true);
  });

  it('keeps a 1970 date as written and says why it is odd', () => {
    // 选股宝 pages of the corpus show 1970年1月20日: the feed's seconds read as milliseconds.
    const q = parseMarkdownPost(withLine(post(SEED), 'date', 'date: Tue, 20 Jan 1970 06:00:00 GMT'));
    expect(q.meta.date).toEqual({ date: '1970-01-20', raw: 'Tue, 20 Jan 1970 06:00:00 GMT' });
    expect(q.warnings).toEqual([expect.stringMatching(/1970.*milliseconds/)]);
  });
});

describe('front matter quirks', () => {
  it('038: decodes &#123; / &#125; in the title and in the body (the <style> is CSS again)', () => {
    const src = post('juejin-code-brace-escapes.md');
    const escapes = (src.match(/&#12[35];/g) ?? []).length;
    expect(escapes).toBeGreaterThan(10);
    const p = parseMarkdownPost(src);
    expect(p.meta.title).toBe('js中__、{}、()的区别');
    expect(p.bodyHtml).not.toMatch(/&#12[35];/);
    const bodyEscapes = escapes - 2; // two in the title line
    expect((p.bodyHtml.match(/[{}]/g) ?? []).length - (rawBody(src).match(/[{}]/g) ?? []).length).toBe(bodyEscapes);
    const css = bodyDoc(p.bodyHtml).querySelector('style')!.textContent;
    expect(css).toMatch(/^\.markdown-body\{color:#595959;/);
    expect(decodeBraces('a&#123;b&#125;c &amp;#123;')).toBe('a{b}c &amp;#123;');
  });

  it('016: `Invalid Date` gives no date, keeps the raw, and warns', () => {
    const p = parseMarkdownPost(post('jinse-invalid-date.md'));
    expect(p.meta.date).toEqual({ date: null, raw: 'Invalid Date' });
    expect(p.meta.categories).toEqual(['新媒体', '金色财经', '快讯']);
    expect(p.warnings).toContain('date: "Invalid Date" is not a date; the post has none');
  });

  it('a mapping as the date is named as JSON in the warning, not as [object Object]; a one-item list still reads', () => {
    const p = parseMarkdownPost(withLine(post(SEED), 'date', 'date: { at: noon }'));
    expect(p.meta.date).toEqual({ date: null, raw: '{"at":"noon"}' });
    expect(p.warnings).toContain('date: "{"at":"noon"}" is not a date; the post has none');
    expect(parseMarkdownPost(withLine(post(SEED), 'date', 'date: [2022-05-29]')).meta.date?.date).toBe('2022-05-29');
  });

  it('052: zone-less crawl time gives its date part', () => {
    const p = parseMarkdownPost(post('tophub-title-only.md'));
    expect(p.meta.date).toEqual({ date: '2022-05-29', raw: '2022-05-29 12:16:04' });
    expect(p.meta.title).toBe('2022MSI决赛 T1 2_2 RNG');
  });

  it('a title wrapped in "…" holding \' and " (invalid YAML) is still read; other keys too', () => {
    const title = `T1's "MSI" final 2_2 RNG`;
    const text = withLine(post('tophub-title-only.md'), 'title', `title: "${title}"`);
    const p = parseMarkdownPost(text);
    expect(p.meta.title).toBe(title);
    expect(p.meta.categories).toEqual(['新媒体', '今日热榜', '榜单']);
    expect(p.meta.date?.date).toBe('2022-05-29');
    expect(p.meta.comments).toBe(false);
    expect(p.warnings[0]).toMatch(/^front matter: not valid YAML \(.+\); read key by key$/);
    expect(p.warnings).toContain('front matter: key "title" read by the tolerant parser');
    // only the broken key needed the tolerant reader
    expect(p.warnings.filter((w) => w.includes('tolerant'))).toHaveLength(1);
  });

  it('a title with \' in "…" that YAML can read needs no fallback', () => {
    const p = parseMarkdownPost(withLine(post('tophub-title-only.md'), 'title', `title: "Don't stop: T1 2_2 RNG"`));
    expect(p.meta.title).toBe("Don't stop: T1 2_2 RNG");
    expect(p.warnings.some((w) => w.startsWith('front matter'))).toBe(false);
  });

  it('the tolerant reader also takes lists, booleans and single-quoted values', () => {
    const fm = splitFrontMatter("---\ntitle: \"a \"b\" c\"\ncategories:\n - x\n - 'y'\ncomments: false\nauthor: 'O''Neil'\n---\nbody")!;
    // The whole block fails; each other key still goes through YAML on its own.
    expect(fm.data).toEqual({ title: 'a "b" c', categories: ['x', 'y'], comments: false, author: "O'Neil" });
    expect(fm.body).toBe('body');
    const broken = splitFrontMatter('---\ntitle: "a "b""\ncategories:\n - "x "1""\n - y\n---\n')!;
    expect(broken.data).toEqual({ title: 'a "b"', categories: ['x "1"', 'y'] });
  });

  it('splits the block exactly: empty blocks, missing fences', () => {
    expect(splitFrontMatter('---\n---\n<p>x</p>')).toEqual({ data: {}, body: '<p>x</p>', warnings: [] });
    expect(splitFrontMatter('\n\n---\ntitle: t\n---\n\nbody')).toEqual({ data: { title: 't' }, body: '\nbody', warnings: [] });
    expect(splitFrontMatter('<html><body>no</body></html>')).toBeNull();
    expect(splitFrontMatter('---\ntitle: never closed\n<p>x</p>')).toBeNull();
  });

  it('throws a clear error only when there is no front matter', () => {
    expect(() => parseMarkdownPost('<p>just html</p>')).toThrow(/no front matter|front matter block/);
    const p = parseMarkdownPost('---\nfoo: 1\n---\n<p>x</p>');
    expect(p.meta.title).toBe('');
    expect(p.meta.date).toBeNull();
    expect(p.warnings).toEqual(['front matter: no title', 'front matter: no categories', 'front matter: no date']);
  });
});

describe('body quirks', () => {
  it("082: the stray leading '+' is removed, nothing else", () => {
    const src = post('axis-stray-plus.md');
    expect(src).toMatch(/<div>\s*\n\+\n/);
    const p = parseMarkdownPost(src);
    expect(bodyText(p.bodyHtml)).toMatch(/^Skills Design & Concept/);
    expect(p.warnings).toEqual(["body: stray leading '+' removed"]);
    expect(p.bodyHtml.replace(/\s+/g, '')).toBe(
      rawBody(src)
        .replace(/\s+/g, '')
        .replace(/^<div>\+/, '<div>'),
    );
  });

  it('083: double quotes inside a style value are repaired so the style survives', () => {
    const src = post('latex-broken-style-quotes.md');
    const p = parseMarkdownPost(src);
    expect(p.warnings).toEqual(['body: unescaped quotes inside 2 attribute value(s) made single quotes']);
    const styled = [...bodyDoc(p.bodyHtml).querySelectorAll('p[style]')];
    expect(styled).toHaveLength(2);
    for (const el of styled) {
      expect(el.getAttributeNames()).toEqual(['style']);
      expect(el.getAttribute('style')).toContain("BlinkMacSystemFont, 'Helvetica Neue', 'PingFang SC',");
      expect(el.getAttribute('style')).toMatch(/overflow-wrap: break-word !important;$/);
    }
    // Without the repair a browser invents attributes such as `neue"`.
    const raw = bodyDoc(rawBody(src)).querySelector('p[style]')!;
    expect(raw.getAttributeNames().length).toBeGreaterThan(1);
    expect(bodyText(p.bodyHtml)).toBe(bodyText(rawBody(src)));
  });

  it('repairs only inside tags, and leaves sound markup alone', () => {
    const sound = [
      '<p>他说"你好", "再见"</p>',
      '<img alt="x" title="y">',
      '<img alt="x"title="y">',
      '<a href="/a?b=1" data-x=\'say "hi", ok\'>t</a>',
      '<style>p{font-family:"A B", "C"}</style><p class="c">"q", "r"</p>',
      '<!-- <p style="a: "b", c"> -->',
    ];
    for (const html of sound) expect(repairAttributeQuotes(html)).toEqual({ html, repaired: 0 });
    expect(repairAttributeQuotes('<span title="a "b", c" id="k">x</span>')).toEqual({
      html: `<span title="a 'b', c" id="k">x</span>`,
      repaired: 1,
    });
  });

  it('016: a plain-text body keeps its lines as paragraphs', () => {
    const p = parseMarkdownPost(post('jinse-invalid-date.md'));
    const paras = [...bodyDoc(p.bodyHtml).querySelectorAll('p')].map((e) => e.textContent);
    expect(paras).toHaveLength(10);
    expect(paras[0]).toMatch(/^【慢雾：Spartan Protocol被黑简析】/);
    expect(paras[1]).toMatch(/^1\. 攻击者通过闪电贷/);
    expect(paras[9]).toMatch(/^9\. .*原文链接$/);
    expect(bodyDoc(p.bodyHtml).querySelector('p:last-child a')!.getAttribute('href')).toMatch(/^https:\/\/bscscan\.com\/tx\//);
    expect(p.warnings).toContain('body: plain-text lines made into 10 paragraphs');
  });

  it('does not split plain text where an inline element spans lines', () => {
    const text = withLine(post('tophub-title-only.md'), 'title', "title: 'x'").replace(
      /<div>[\s\S]*<\/div>/,
      '<div>   \n<a href="https://a.example/">\n<strong>one</strong>\n</a>\nafter\n</div>',
    );
    const p = parseMarkdownPost(text);
    expect(bodyDoc(p.bodyHtml).querySelectorAll('p')).toHaveLength(0);
    expect(bodyDoc(p.bodyHtml).querySelector('a strong')!.textContent).toBe('one');
  });

  it('052 / 054: title-only and image-only bodies are read and named', () => {
    const t = parseMarkdownPost(post('tophub-title-only.md'));
    expect(bodyText(t.bodyHtml)).toBe('2022MSI决赛 T1 2:2 RNG');
    expect(t.warnings).toEqual(['body: only repeats the title']);
    const i = parseMarkdownPost(post('bing-image-only.md'));
    expect(bodyText(i.bodyHtml)).toBe('');
    expect(bodyDoc(i.bodyHtml).querySelector('img')!.getAttribute('src')).toMatch(/^https:\/\/cn\.bing\.com\/th\?id=OHR\.Porcini/);
    expect(i.warnings).toEqual(['body: media only, no text']);
  });
});

describe('looksLikeMarkdownPost', () => {
  it('accepts every post fixture', () => {
    for (const name of [
      SEED,
      'jinse-invalid-date.md',
      'juejin-code-brace-escapes.md',
      'tophub-title-only.md',
      'bing-image-only.md',
      'axis-stray-plus.md',
      'latex-broken-style-quotes.md',
    ])
      expect(looksLikeMarkdownPost(post(name)), name).toBe(true);
  });

  it('rejects rendered pages, other YAML and late keys', () => {
    expect(looksLikeMarkdownPost(fixtureText('rendered/picsum-placeholder-cover.html'))).toBe(false);
    expect(looksLikeMarkdownPost('---\nfoo: 1\nbar: 2\n---\n')).toBe(false);
    expect(looksLikeMarkdownPost('---\ntitle: only a title\n---\n')).toBe(false);
    expect(looksLikeMarkdownPost('---\ntitle: t\n---\ndate: outside the block\n')).toBe(false);
    expect(looksLikeMarkdownPost('---\n' + '#\n'.repeat(1100) + 'title: t\ndate: x\n---\n')).toBe(false);
    expect(looksLikeMarkdownPost('---\ntitle: t\ndate: x\n---\n')).toBe(true);
  });
});
