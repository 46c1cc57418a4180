// Huge and strange documents at the core level (jsdom): detect and quickCheck answer, extract finishes or throws a
// clear error, and what comes out is right. Times are printed as a table for the record, never asserted.
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanDocument, detect, extract, NotAnArticleError } from '../../src/core';
import { quickCheck } from '../../src/core/detect-lite';
import type { Article, Detection } from '../../src/core/types';
import {
  DEEPEST_TEXT,
  deepBody,
  FRAMESET_PAGE,
  hugeBody,
  hugePost,
  noBodyTagPage,
  otherText,
  PARA,
  proxiedImagesBody,
  RSS_XML,
  tagLinksBody,
  TAG_WORDS,
  XHTML_IMAGE,
  XHTML_TITLE,
  xhtmlArticle,
} from '../helpers/huge-pages';
import { buildPage, plainTextDocument } from '../helpers/page-builder';

const URL = 'https://news.zfe.space/p/huge.html';
const quiet = new VirtualConsole();
const times: Record<string, { bytes: number; parse: number; quickCheck: number; detect: number; extract: number; note: string }> = {};

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, Math.round(performance.now() - t0)];
}

function load(html: string, contentType = 'text/html') {
  const dom = new JSDOM(html, { url: URL, contentType, virtualConsole: quiet });
  return { doc: dom.window.document, win: dom.window as unknown as Window, close: () => dom.window.close() };
}

interface Run {
  detection: Detection;
  quick: boolean;
  article: Article | null;
  error: unknown;
}

/** Parse, quickCheck, detect and extract one document, timing each; extract's error is returned, not thrown. */
function run(name: string, text: string, make: () => { doc: Document; win: Window; close(): void }): Run & { doc: Document } {
  const [{ doc, win }, parse] = time(make);
  const [quick, tq] = time(() => quickCheck(doc));
  const [detection, td] = time(() => detect(doc));
  let article: Article | null = null;
  let error: unknown = null;
  const [, te] = time(() => {
    try {
      article = extract(doc, { url: URL, win });
    } catch (e) {
      error = e;
    }
  });
  const a = article as Article | null;
  times[name] = {
    bytes: text.length,
    parse,
    quickCheck: tq,
    detect: td,
    extract: te,
    note: a
      ? `${a.kind}: ${a.images.length} images, ${a.topics.length} topics, ${a.counts.chars} chars`
      : `${(error as Error)?.name}: ${(error as Error)?.message}`,
  };
  return { doc, detection, quick, article: a, error };
}

afterAll(() => {
  console.log('huge and strange pages (ms; bytes = UTF-16 code units of the source):');
  console.table(times);
});

describe('huge article pages', () => {
  it('a 5 MB body: detected, extracted whole', () => {
    const body = hugeBody();
    const html = buildPage({ title: '5 MB', body });
    const r = run('5 MB body', html, () => load(html));
    expect(r.quick).toBe(true);
    expect(r.detection).toMatchObject({ kind: 'article', detected: true });
    expect(r.error).toBeNull();
    const paragraphs = body.length / PARA.length;
    expect(r.article!.html.match(/<p>/g)).toHaveLength(paragraphs);
    expect(r.article!.text.match(/Axis Bank/g)).toHaveLength(paragraphs);
  }, 180_000);

  it('20,000 proxied images: every one unwrapped, none left proxied', () => {
    const html = buildPage({ title: '20k images', body: proxiedImagesBody() });
    const r = run('20,000 images', html, () => load(html));
    expect(r.detection.signals).toContain('article-root');
    const a = r.article!;
    expect(a.images).toHaveLength(20_000);
    expect(a.images.every((img) => img.proxied && img.url.startsWith('http://img.example.com/'))).toBe(true);
    expect(a.images[19_999]!.url).toBe('http://img.example.com/1999/9.jpg');
    expect(a.html).not.toContain('cors.zfour.workers.dev');
    expect(a.html.match(/<img /g)).toHaveLength(20_000);
  }, 180_000);

  it('nesting 500 deep: the text at the bottom is read', () => {
    const html = buildPage({ title: 'deep', body: deepBody(500) });
    const r = run('500 deep', html, () => load(html));
    expect(r.detection.kind).toBe('article');
    expect(r.article!.text).toContain(DEEPEST_TEXT);
    expect(r.article!.text).toContain('Axis Bank');
  }, 60_000);

  it('10,000 tag links over 1,000 paragraphs: all removed (extract and cleanDocument), the words stay', () => {
    const html = buildPage({ title: '10k tag links', body: tagLinksBody(1000) });
    const r = run('10,000 tag links', html, () => load(html));
    const a = r.article!;
    expect(a.topics).toHaveLength(TAG_WORDS.length);
    expect(a.topics.every((t) => t.kind === 'ithome')).toBe(true);
    expect(a.html).not.toMatch(/<a [^>]*ithome\.com\/tag/);
    expect(a.text.match(/关键词\d+/g)).toHaveLength(10_000);
    const [clean, tc] = time(() => cleanDocument(r.doc));
    times['10,000 tag links']!.note += `; cleanDocument ${tc} ms, ${clean.changed} changes`;
    expect(clean.topics).toHaveLength(500);
    expect(r.doc.querySelectorAll('article#post a.s_tag')).toHaveLength(0);
    clean.undo();
    expect(r.doc.querySelectorAll('article#post a.s_tag')).toHaveLength(10_000);
  }, 180_000);
});

describe('strange documents', () => {
  it('no <body> tag in the markup (the parser makes one), and a document whose body was removed', () => {
    const page = buildPage({ title: '无 body', body: PARA });
    const noBodyTag = noBodyTagPage(PARA);
    const r = run('no <body> tag', noBodyTag, () => load(noBodyTag));
    expect(r.detection.kind).toBe('article');
    expect(r.article!.text).toContain('Axis Bank');

    const r2 = run('body removed', page, () => {
      const d = load(page);
      d.doc.body.remove();
      return d;
    });
    expect(r2.doc.body).toBeNull();
    expect(r2.quick).toBe(true); // the head still says Hexo
    expect(r2.detection).toMatchObject({ kind: 'listing', detected: false });
    expect(r2.detection.signals.some((s) => s.startsWith('error:'))).toBe(false);
    expect(r2.error).toBeInstanceOf(NotAnArticleError);
    expect(cleanDocument(r2.doc).root).toBeNull();
  });

  it('a frameset page with the Hexo head', () => {
    const html = FRAMESET_PAGE;
    const r = run('frameset', html, () => load(html));
    expect(r.doc.body?.localName).toBe('frameset');
    expect(r.quick).toBe(true);
    expect(r.detection.detected).toBe(false);
    expect(r.error).toBeInstanceOf(NotAnArticleError);
    expect(cleanDocument(r.doc).root).toBeNull();
  });

  it('an XML document, with and without the page markup inside', () => {
    const xml = RSS_XML;
    const r = run('application/xml (RSS)', xml, () => load(xml, 'application/xml'));
    expect(r.doc.documentElement.localName).toBe('rss');
    expect(r.quick).toBe(false);
    expect(r.detection).toMatchObject({ kind: 'none', detected: false });
    expect(r.error).toBeInstanceOf(NotAnArticleError);

    // The Volantis page's article as XHTML served as XML: elements in the XHTML namespace, no HTML document.
    const xhtml = xhtmlArticle();
    const r2 = run('application/xhtml+xml page', xhtml, () => load(xhtml, 'application/xhtml+xml'));
    // The selectors match XHTML elements as HTML ones: it is the article, read the same way.
    expect(r2.detection).toMatchObject({ kind: 'article', detected: true, theme: 'volantis' });
    expect(r2.article!.title).toBe(XHTML_TITLE);
    expect(r2.article!.images.map((i) => i.url)).toEqual([XHTML_IMAGE]);
    expect(r2.article!.html).not.toContain('cors.zfour.workers.dev');
    const before = r2.doc.documentElement.outerHTML;
    const clean = cleanDocument(r2.doc);
    clean.undo();
    expect(r2.doc.documentElement.outerHTML).toBe(before);
  });

  it('text/plain: a 5 MB post is read; 5 MB of other text is no article', () => {
    const post = hugePost('纯文本');
    const r = run('text/plain post 5 MB', post, () => ({ ...plainTextDocument(post, URL), close() {} }));
    expect(r.quick).toBe(true);
    expect(r.detection).toMatchObject({ kind: 'markdown-post', detected: true });
    expect(r.article!.title).toBe('纯文本');
    expect(r.article!.text.match(/Axis Bank/g)!.length).toBeGreaterThan(40_000);

    const other = otherText();
    const r2 = run('text/plain other 5 MB', other, () => ({ ...plainTextDocument(other, URL), close() {} }));
    expect(r2.quick).toBe(false);
    expect(r2.detection).toMatchObject({ kind: 'none', detected: false });
    expect(r2.error).toBeInstanceOf(NotAnArticleError);
  }, 120_000);
});
