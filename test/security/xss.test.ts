// XSS at the core level (jsdom): every vector of xss-vectors.ts, placed where it says, in a rendered Volantis page
// and in a raw Markdown post. The pages are parsed without running scripts (scripts must not matter to the
// result); the checks are on the OUTPUT, and a canary renders the sanitized HTML in a jsdom that does run them.
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanDocument, detect, extract, extractPost } from '../../src/core';
import type { Article } from '../../src/core/types';
import { buildPage, buildPost, DEFAULT_CATEGORIES, plainTextDocument, type TagLinkSpec } from '../helpers/page-builder';
import { articleProblems, canary, isHttpUrl, isScriptishUrl } from './safety';
import { XSS_VECTORS, type Family, type XssVector } from './xss-vectors';

const URL = 'https://news.zfe.space/p/xss.html';
const TITLE = 'XSS 测试：三星推出信用卡服务';
const BODY_BEFORE = '<p>正文开始，三星印度宣布与 Axis Bank 合作推出一款信用卡。</p>';
const BODY_AFTER = '<p>正文结束。</p>';
const CONTROL_TAG: TagLinkSpec = { style: 'ithome', text: '苹果', href: 'https://www.ithome.com/tag/apple/' };
const quiet = new VirtualConsole();

interface Placed {
  title: string;
  categories: string[];
  body: string;
  cover?: string;
  tagLinks: TagLinkSpec[];
}

function place(v: XssVector): Placed {
  const p: Placed = { title: TITLE, categories: DEFAULT_CATEGORIES, body: BODY_BEFORE + BODY_AFTER, tagLinks: [CONTROL_TAG] };
  switch (v.where) {
    case 'body':
      p.body = BODY_BEFORE + v.payload + BODY_AFTER;
      break;
    case 'title':
      p.title = v.payload;
      break;
    case 'categories':
      p.categories = [DEFAULT_CATEGORIES[0]!, v.payload, DEFAULT_CATEGORIES[2]!];
      break;
    case 'tag-link':
      p.tagLinks = [{ style: v.tagStyle ?? 'ofweek', text: '芯片', href: v.payload }, CONTROL_TAG];
      break;
    case 'cover':
      p.cover = v.payload;
      break;
  }
  return p;
}

function pageHtml(v: XssVector): string {
  const p = place(v);
  return buildPage({
    title: p.title,
    categories: p.categories,
    body: p.body,
    tagLinks: p.tagLinks,
    ...(p.cover !== undefined ? { cover: p.cover } : {}),
  });
}

function postText(v: XssVector): string {
  const p = place(v);
  const img = p.cover ?? 'https://cors.zfour.workers.dev/?http://images.ofweek.com/a.jpg';
  return buildPost({ title: p.title, categories: p.categories, body: p.body, tagLinks: p.tagLinks, headimg: img, thumbnail: img });
}

/** A page as the browser builds it, scripts NOT run. */
function load(html: string) {
  const dom = new JSDOM(html, { url: URL, contentType: 'text/html', virtualConsole: quiet });
  return { doc: dom.window.document, win: dom.window as unknown as Window };
}

// Tally for the report: vectors tried per family, and what got through (should stay empty).
const tried = new Map<Family, number>();
const through: string[] = [];
for (const v of XSS_VECTORS) tried.set(v.family, (tried.get(v.family) ?? 0) + 1);

// The same sanitized HTML (a vector outside the body leaves the body as it was) is rendered once.
const canaryRuns = new Map<string, Promise<number>>();
function canaryOf(html: string): Promise<number> {
  if (!canaryRuns.has(html)) canaryRuns.set(html, canary(html));
  return canaryRuns.get(html)!;
}

async function checkArticle(v: XssVector, a: Article, form: string): Promise<void> {
  const problems = articleProblems(a);
  const fired = await canaryOf(a.html);
  if (problems.length || fired) through.push(`${form} ${v.id}: ${[...problems, fired ? `canary ${fired}` : ''].join('; ')}`);
  expect(problems, `${v.id}: ${a.html}\n${a.markdown}`).toEqual([]);
  expect(fired, a.html).toBe(0);
  // Text fields come back as the page showed them: plain text, unescaped, never markup.
  if (v.where === 'title') expect(a.title).toBe(v.payload);
  if (v.where === 'categories') expect(a.categories).toEqual([DEFAULT_CATEGORIES[0], v.payload, DEFAULT_CATEGORIES[2]]);
  // The hostile part did not take the article down with it.
  expect(a.text).toContain('正文开始');
  if (v.where !== 'body' || !/<(xmp|noscript|style|template|svg|math)\b/i.test(v.payload)) expect(a.text).toContain('正文结束');
  if (v.where === 'tag-link') expect(a.topics.map((t) => t.text)).toContain('苹果');
}

describe('the canary can fail', () => {
  it('fires on the raw (unsanitized) body payloads', async () => {
    const body = XSS_VECTORS.filter((v) => v.where === 'body');
    const fired: string[] = [];
    for (const v of body) if ((await canary(v.payload)) > 0) fired.push(v.id);
    console.log(`canary self-test: ${fired.length} of ${body.length} raw body payloads run script in jsdom`);
    // jsdom runs inline scripts, handlers of dispatched events and javascript: navigations, not CSS or plugins.
    expect(fired).toEqual(
      expect.arrayContaining(['img-onerror', 'svg-onload', 'a-href-javascript', 'a-href-tab-entity', 'script-inline', 'iframe-srcdoc']),
    );
    expect(fired.length).toBeGreaterThanOrEqual(30);
  });
});

describe('vectors', () => {
  it(`has at least 45 vectors with unique ids, in every slot`, () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(45);
    expect(new Set(XSS_VECTORS.map((v) => v.id)).size).toBe(XSS_VECTORS.length);
    expect(new Set(XSS_VECTORS.map((v) => v.where))).toEqual(new Set(['body', 'title', 'categories', 'tag-link', 'cover']));
  });
});

describe('rendered page: extract', () => {
  for (const v of XSS_VECTORS) {
    it(`${v.id} [${v.family}, ${v.where}]`, async () => {
      const { doc, win } = load(pageHtml(v));
      expect(detect(doc).kind).toBe('article');
      await checkArticle(v, extract(doc, { url: URL, win }), 'page');
    });
  }
});

describe('markdown post: extractPost and the plain-text view', () => {
  for (const v of XSS_VECTORS) {
    it(`${v.id} [${v.family}, ${v.where}]`, async () => {
      const text = postText(v);
      const { doc, win } = load('<!doctype html><title></title>');
      await checkArticle(v, extractPost(text, doc, { url: URL, win }), 'post');
      // The raw file opened in a tab (text/plain): the same reading through extract.
      const plain = plainTextDocument(text, URL);
      expect(detect(plain.doc).kind).toBe('markdown-post');
      await checkArticle(v, extract(plain.doc, { url: URL, win: plain.win }), 'post-plain');
    });
  }
});

/** Every attribute of every element, to compare before and after an in-place clean. */
function snapshot(doc: Document): Map<Element, Map<string, string>> {
  const out = new Map<Element, Map<string, string>>();
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    out.set(el, new Map(Array.from(el.attributes, (a) => [a.name, a.value])));
  }
  return out;
}

describe('rendered page: cleanDocument (in place, on the live page)', () => {
  for (const v of XSS_VECTORS) {
    it(`${v.id} [${v.family}, ${v.where}]: adds no script address or handler, topics are http(s), undo is exact`, () => {
      const { doc } = load(pageHtml(v));
      const original = doc.documentElement.outerHTML;
      const before = snapshot(doc);
      const result = cleanDocument(doc);
      expect(result.root).not.toBeNull();
      const added: string[] = [];
      for (const el of Array.from(doc.querySelectorAll('*'))) {
        const old = before.get(el);
        for (const attr of Array.from(el.attributes)) {
          if (old?.get(attr.name) === attr.value) continue;
          if (/^on/i.test(attr.name) || isScriptishUrl(attr.value)) added.push(`<${el.localName} ${attr.name}="${attr.value}">`);
        }
      }
      if (added.length) through.push(`clean ${v.id}: ${added.join('; ')}`);
      expect(added).toEqual([]);
      for (const t of result.topics) expect(isHttpUrl(t.href), t.href).toBe(true);
      result.undo();
      expect(doc.documentElement.outerHTML).toBe(original);
    });
  }
});

describe('XHTML page (application/xhtml+xml): raw-text elements that hold markup as text', () => {
  // In XML, an <iframe>, <noscript> or <style> can hold a text node that spells markup. Written out as HTML, the
  // text of a raw-text element is not escaped: it would close the element and open live markup.
  const payloads = [
    '<iframe src="https://www.youtube.com/embed/x">&lt;/iframe&gt;&lt;img src=x onerror="top.__pwned++"&gt;</iframe>',
    '<noscript>&lt;/noscript&gt;&lt;img src=x onerror="top.__pwned++"&gt;</noscript>',
    '<style>&lt;/style&gt;&lt;img src=x onerror="top.__pwned++"&gt;</style>',
    '<textarea>&lt;/textarea&gt;&lt;img src=x onerror="top.__pwned++"&gt;</textarea>',
    '<xmp>&lt;/xmp&gt;&lt;img src=x onerror="top.__pwned++"&gt;</xmp>',
    '<p title="&lt;/p&gt;&lt;img src=x onerror=top.__pwned++&gt;">t</p>',
  ];
  it.each(payloads)('%s', async (payload) => {
    const xhtml =
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head hexo-theme="volantis"><title>x</title></head><body>' +
      '<article id="post"><div class="article-meta" id="top"><h1 class="title">XHTML</h1><div class="new-meta-box">' +
      '<div class="new-meta-item author"><a href="https://docs.rsshub.app/">RSSHub</a></div></div></div>' +
      `<div><p>正文开始</p>${payload}<p>正文结束。</p></div></article></body></html>`;
    const dom = new JSDOM(xhtml, { url: URL, contentType: 'application/xhtml+xml', virtualConsole: quiet });
    const a = extract(dom.window.document, { url: URL, win: dom.window as unknown as Window });
    expect(articleProblems(a), a.html).toEqual([]);
    expect(await canaryOf(a.html), a.html).toBe(0);
    expect(a.text).toContain('正文结束');
  });
});

afterAll(() => {
  const perFamily = [...tried].map(([f, n]) => `${f}: ${n}`).join(', ');
  console.log(`XSS vectors: ${XSS_VECTORS.length} (${perFamily}); each as a page and a post (+ plain-text view) and cleaned in place`);
  console.log(through.length ? `got through:\n  ${through.join('\n  ')}` : 'got through: none');
});
