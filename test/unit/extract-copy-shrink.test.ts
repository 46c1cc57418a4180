// What the extraction drops or shortens on its copy of the body before serializing it for the sanitizer
// (src/core/extract.ts): the words a broken style attribute left as attributes, and the payload of lone base64
// data: URIs of media. Neither may change the article: the sanitizer would drop the former, and nothing before
// it reads more of the latter than "a data: URI".
import { describe, expect, it } from 'vitest';
import { extract, shortenDataUris } from '../../src/core/extract';
import { parseSrcset, rawSource, realSource } from '../../src/core/media';
import { normalizeBody } from '../../src/core/normalize-body';
import { pageFromHtml } from '../helpers/fixtures';
import { buildPage } from '../helpers/page-builder';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAABGdBTUEAALGPC/xhBQAAADhlWElmTU0AKgAAAAgAAYdpAAQAAAABAAAAGgAAAAAAAqACAAQAAAABAAAAAaADAAQAAAABAAAAAQAAAADa6r/EAAAAC0lEQVQIHWNgAAIAAAUAAY27m/MAAAAASUVORK5CYII=';

function read(body: string) {
  const { doc, win } = pageFromHtml(buildPage({ title: '文章', body }));
  return extract(doc, { win });
}

describe('a broken style attribute', () => {
  // The parser ends the value at the inner quote; the rest of the declaration becomes attributes.
  const broken =
    '<p style="font-family: "Helvetica Neue", 黑体, "Microsoft YaHei"; color: red" data-src="https://a.example/x.png">' +
    '正文<a style="x: "y"" href="https://a.example/a" title="t">链接</a>' +
    '<img style="border: "none"" data-src="https://a.example/lazy.png" src="https://a.example/small.png" alt="图"></p>' +
    '<p style="margin: 0">第二段<code style="a: "b"" class="language-js">x</code></p>';

  it('leaves the names it broke into on the copy only while nothing reads them: the article is the one without styles', () => {
    const parsed = pageFromHtml(`<!doctype html><body>${broken}`).doc.body;
    const names = Array.from(parsed.querySelectorAll('*')).flatMap((el) => el.getAttributeNames());
    // The premise: the broken styles did leave stray names behind.
    expect(names).toContain('neue",');
    expect(names).toContain('黑体,');
    for (const el of Array.from(parsed.querySelectorAll('[style]'))) el.removeAttribute('style');
    const stripped = parsed.innerHTML.replace(/ [^\s=]*[^-\w.:\s=][^\s=]*=""/g, '');
    expect(stripped).not.toContain('neue');
    const a = read(broken);
    expect(a).toEqual(read(stripped));
    expect(a.html).not.toMatch(/neue|黑体|style/i);
    expect(a.images.map((i) => i.url)).toEqual(['https://a.example/lazy.png']);
    expect(a.links.map((l) => l.href)).toContain('https://a.example/a');
    expect(a.html).toContain('class="language-js"');
  });
});

describe('a lone base64 data: URI of a media element', () => {
  const doc = pageFromHtml('<!doctype html><base href="https://news.zfe.space/p/x.html"><body>').doc;

  function img(attrs: Record<string, string>): Element {
    const el = doc.createElement('img');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    doc.body.append(el);
    return el;
  }

  it('is shortened to a data: URI of the same type', () => {
    const el = img({ srcset: PNG, 'data-src': PNG, src: PNG, poster: PNG, title: PNG });
    shortenDataUris(el);
    expect(el.getAttribute('srcset')).toBe('data:image/png;base64,AA==');
    expect(el.getAttribute('data-src')).toBe('data:image/png;base64,AA==');
    expect(el.getAttribute('src')).toBe('data:image/png;base64,AA==');
    // Not an address attribute of media: left as it is.
    expect(el.getAttribute('title')).toBe(PNG);
  });

  it.each([
    ['a payload beginning with a slash (parseSrcset reads a second, relative address)', 'data:image/jpeg;base64,/9j/' + 'A'.repeat(80)],
    ['a srcset with another candidate', `${PNG} 1x, https://a.example/b.png 2x`],
    ['white space', `${PNG} `],
    ['a URL-encoded payload', 'data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%3E%3C%2Fsvg%3E'],
    ['a short one', 'data:image/gif;base64,R0lGODlhAQABAAAAACw='],
  ])('is left alone with %s', (_, value) => {
    const el = img({ srcset: value });
    shortenDataUris(el);
    expect(el.getAttribute('srcset')).toBe(value);
  });

  it.each<Record<string, string>>([
    { srcset: PNG, src: 'https://a.example/a.png', 'data-srcset': 'https://a.example/a.png' },
    { srcset: PNG, 'data-src': PNG, src: PNG },
    { src: PNG, 'data-original': 'https://a.example/o.png' },
    { srcset: 'data:image/svg+xml;charset=utf-8;base64,' + 'PHN2Zz4'.repeat(20), src: 'https://a.example/s.png' },
  ])('reads the same shortened as whole: %o', (attrs) => {
    const long = img(attrs);
    const short = img(attrs);
    shortenDataUris(short);
    expect(rawSource(short)).toEqual(rawSource(long));
    expect(realSource(short)).toBe(realSource(long));
    for (const name of ['srcset', 'data-srcset']) {
      const value = long.getAttribute(name);
      if (value !== null) expect(parseSrcset(short.getAttribute(name)!).length).toBe(parseSrcset(value).length);
    }
    const wrap = (el: Element) => {
      const body = doc.createElement('div');
      body.append(el);
      normalizeBody(body);
      return body.innerHTML;
    };
    expect(wrap(short)).toBe(wrap(long));
  });

  it('changes nothing in an article of lazy images', () => {
    const body = [1, 2, 3]
      .map(
        (n) =>
          `<p>段落${n}<img src="https://a.example/${n}.png" class="lazyload" data-srcset="https://a.example/${n}.png" srcset="${PNG}" alt="${n}"></p>`,
      )
      .join('');
    const a = read(body);
    expect(a.images.map((i) => i.url)).toEqual([1, 2, 3].map((n) => `https://a.example/${n}.png`));
    expect(a.html).not.toContain('data:');
    // Shortened by hand, the page reads the same.
    expect(read(body.replaceAll(PNG, 'data:image/png;base64,AA=='))).toEqual(a);
  });
});
