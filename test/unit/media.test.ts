import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { absoluteUrl, collectMedia, imageCandidates, realSource, unwrapMediaInPlace } from '../../src/core/media';
import { UndoLog } from '../../src/core/undo';
import { loadPage, pageFromHtml } from '../helpers/fixtures';

const PLACEHOLDER = 'data:image/png;base64,iVBORw0KGgo=';

describe('realSource', () => {
  it('prefers a feed lazy attribute over a dead proxied src (游研社, fixture yystv-lazy-original)', () => {
    const { doc } = loadPage('rendered/yystv-lazy-original.html');
    const img = doc.querySelector('article#post img[data-original]')!;
    expect(img.getAttribute('src')).toContain('cors.zfour.workers.dev/?http://www.yystv.cn/p/undefined');
    expect(realSource(img)).toBe(img.getAttribute('data-original'));
  });

  it('never returns the base64 placeholder, and unwraps the proxy', () => {
    const { doc } = pageFromHtml(
      `<img srcset="${PLACEHOLDER}" data-srcset="https://cors.zfour.workers.dev/?http://img.example.cn/a.jpg!custom">`,
    );
    expect(realSource(doc.querySelector('img')!)).toBe('http://img.example.cn/a.jpg!custom');
  });

  it('reads data-src, data-actualsrc, zoomfile', () => {
    for (const attr of ['data-src', 'data-actualsrc', 'zoomfile']) {
      const { doc } = pageFromHtml(`<img src="${PLACEHOLDER}" ${attr}="https://a.example/x.png">`);
      expect(realSource(doc.querySelector('img')!)).toBe('https://a.example/x.png');
    }
  });
});

describe('collectMedia', () => {
  it('lists images in document order, unwrapped, and player iframes as videos', () => {
    const { doc } = pageFromHtml(`<div id=b>
      <img src="https://cors.zfour.workers.dev/?http://i.example/1.jpg?imageMogr2/quality/60">
      <iframe src="https://player.youku.com/embed/XNDk"></iframe>
      <iframe src="https://ads.example/widget"></iframe>
      <img data-original="https://i.example/2.png" src="${PLACEHOLDER}">
      <video src="https://cors.zfour.workers.dev/?http://v.example/v.mp4" poster="https://cors.zfour.workers.dev/?http://v.example/p.jpg"></video></div>`);
    const { images, videos } = collectMedia(doc.getElementById('b')!);
    expect(images.map((i) => i.url)).toEqual(['http://i.example/1.jpg?imageMogr2/quality/60', 'https://i.example/2.png']);
    expect(images[0]).toMatchObject({
      proxied: true,
      original: 'https://cors.zfour.workers.dev/?http://i.example/1.jpg?imageMogr2/quality/60',
    });
    expect(videos.map((v) => [v.kind, v.url])).toEqual([
      ['iframe', 'https://player.youku.com/embed/XNDk'],
      ['video', 'http://v.example/v.mp4'],
    ]);
    expect(videos[1]!.poster).toBe('http://v.example/p.jpg');
  });
});

describe('unwrapMediaInPlace', () => {
  it('unwraps every media attribute and undoes exactly', () => {
    const { doc } = loadPage('rendered/yystv-lazy-original.html');
    const article = doc.querySelector('article#post')!;
    const before = article.outerHTML;
    expect(before).toContain('cors.zfour.workers.dev');
    const log = new UndoLog();
    const changed = unwrapMediaInPlace(article, log);
    expect(changed).toBeGreaterThan(10);
    for (const el of Array.from(article.querySelectorAll('img, video, source'))) {
      for (const attr of ['src', 'srcset', 'data-srcset', 'data-original', 'poster']) {
        expect(el.getAttribute(attr) ?? '').not.toContain('cors.zfour.workers.dev');
      }
    }
    const img = article.querySelector('img[data-original]')!;
    expect(img.getAttribute('src')).toBe(img.getAttribute('data-original'));
    expect(img.getAttribute('srcset')).not.toMatch(/^data:/);
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    log.undo();
    expect(article.outerHTML).toBe(before);
  });
});

describe('imageCandidates', () => {
  it('tries the original over https, then as written, then the proxy', () => {
    expect(imageCandidates('https://cors.zfour.workers.dev/?http://img.example/a.jpg')).toEqual([
      'https://img.example/a.jpg',
      'http://img.example/a.jpg',
      'https://cors.zfour.workers.dev/?http://img.example/a.jpg',
    ]);
    expect(imageCandidates('http://img.example/a.jpg')).toEqual([
      'https://img.example/a.jpg',
      'http://img.example/a.jpg',
      'https://cors.zfour.workers.dev/?http://img.example/a.jpg',
    ]);
    expect(imageCandidates('https://img.example/a.jpg')).toEqual(['https://img.example/a.jpg']);
    expect(imageCandidates('javascript:alert(1)')).toEqual([]);
  });
});

describe('absoluteUrl', () => {
  /** What absoluteUrl answered before it took addresses already written as the parser writes them as they are. */
  function parsed(raw: string, base: string): string | null {
    const value = raw.trim();
    if (!value || /^\s*(data:|about:blank|javascript:)/i.test(value)) return null;
    try {
      const url = new URL(value, base);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }
  // Pieces of addresses the parser changes (case, dot segments, escapes, IPv4 and IDNA hosts, ports) and keeps.
  const piece = fc.constantFrom(
    ..."a Z 0 9 - . .. / %2e %2E %41 %zz % xn-- 0x ? # ' : @ _ ~ \\ é [ | ! $ & = com img .jpg".split(' '),
    ...['https://', 'http://', 'HTTP://', '//', ' ', '\t'],
  );
  const label = fc.constantFrom('a', 'img', 'x-y', 'ab--cd', 'xn--abc', '0', '12', '0x1f', 'a1', 'com', 'A', 'a_b', '-a', 'b-');
  const address = fc.oneof(
    fc.array(piece, { maxLength: 14 }).map((p) => p.join('')),
    // Scheme, host, path: often the form taken as it is, often one piece away from it.
    fc
      .tuple(fc.constantFrom('https://', 'http://'), fc.array(label, { minLength: 1, maxLength: 4 }), fc.array(piece, { maxLength: 10 }))
      .map(([scheme, host, path]) => `${scheme}${host.join('.')}/${path.join('')}`),
  );
  const base = fc.constantFrom('https://news.zfe.space/p/40e6.html', 'http://127.0.0.1:8080/a/b/', 'not a base', 'about:blank');

  it('gives what a parse of the address gives, for any address and base', () => {
    fc.assert(
      fc.property(address, base, (raw, b) => {
        expect(absoluteUrl(raw, b)).toBe(parsed(raw, b));
      }),
      { numRuns: 20000 },
    );
  });

  const RealURL = globalThis.URL;
  afterEach(() => {
    globalThis.URL = RealURL;
  });

  it('takes an address already written as the parser writes it as it is, without a parse', () => {
    let parses = 0;
    globalThis.URL = new Proxy(RealURL, {
      construct(target, args: [string, string?]) {
        parses++;
        return new target(...args);
      },
    });
    const base = 'https://news.zfe.space/p/x.html';
    absoluteUrl('https://news.zfe.space/warm-up', base); // the base is checked once
    parses = 0;
    expect(absoluteUrl('https://img.example.cn/a/b_c-1.jpg?w=640&q=%2F', base)).toBe('https://img.example.cn/a/b_c-1.jpg?w=640&q=%2F');
    expect(parses).toBe(0);
    // Each of these the parser changes, so each is parsed.
    for (const raw of [
      'https://IMG.example.cn/a.jpg',
      'https://img.example.cn/a/../b.jpg',
      'https://img.example.cn',
      'https://1.2.3.4/a',
    ]) {
      absoluteUrl(raw, base);
    }
    expect(parses).toBe(4);
  });
});
