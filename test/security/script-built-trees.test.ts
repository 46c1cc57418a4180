// Trees no HTML parse makes, built by a page's own script with DOM calls: an iframe holding elements beside text
// that would end it, a comment that ends itself, raw-text elements holding elements, anchors in anchors, SVG
// elements named like HTML ones. The extraction copies the page's nodes, so such a tree reaches it as the script
// left it. Its output must be as safe as a parsed page's: no markup problem as parsed and parsed again (mXSS), the
// canary (a jsdom that runs scripts) at 0, and the article's own text kept.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core';
import { buildPage } from '../helpers/page-builder';
import { articleProblems, canary } from './safety';

const URL = 'https://news.zfe.space/p/built.html';
const MARK = '<p id="slot">正文开始，三星印度宣布与 Axis Bank 合作推出一款信用卡。</p><p>正文结束。</p>';
const PAYLOAD = '<img src=x onerror="top.__pwned++">';
const EMBED = 'https://www.youtube.com/embed/abc';
const SVG = 'http://www.w3.org/2000/svg';

/** What a script does to the article: `slot` is the first paragraph, `doc` its document. */
type Build = (slot: Element, doc: Document) => void;

const TREES: [string, Build][] = [
  [
    'an iframe holding an element and text that ends the iframe',
    (slot, doc) => {
      const f = doc.createElement('iframe');
      f.setAttribute('src', EMBED);
      f.append(doc.createElement('b'), doc.createTextNode(`</iframe>${PAYLOAD}`));
      slot.after(f);
    },
  ],
  [
    'an iframe holding only text that ends the iframe',
    (slot, doc) => {
      const f = doc.createElement('iframe');
      f.setAttribute('src', EMBED);
      f.append(doc.createTextNode(`</iframe>${PAYLOAD}`));
      slot.after(f);
    },
  ],
  ['a comment that ends itself', (slot, doc) => slot.append(doc.createComment(`-->${PAYLOAD}<!--`))],
  [
    'a style, an xmp and a noscript holding elements beside text that ends them',
    (slot, doc) => {
      for (const name of ['style', 'xmp', 'noscript', 'noembed', 'textarea', 'title']) {
        const el = doc.createElement(name);
        el.append(doc.createElement('i'), doc.createTextNode(`</${name}>${PAYLOAD}`));
        slot.after(el);
      }
    },
  ],
  [
    'an anchor inside an anchor, with a script address inside',
    (slot, doc) => {
      const outer = doc.createElement('a');
      outer.setAttribute('href', 'https://a.example/');
      const inner = doc.createElement('a');
      inner.setAttribute('href', 'javascript:top.__pwned++');
      inner.textContent = '内层';
      outer.append('外层', inner);
      slot.append(outer);
    },
  ],
  [
    'a paragraph inside a paragraph, a table cell outside a table',
    (slot, doc) => {
      const p = doc.createElement('p');
      p.textContent = '段中段';
      slot.append(p);
      const td = doc.createElement('td');
      td.innerHTML = PAYLOAD;
      slot.after(td);
    },
  ],
  [
    'SVG elements named like HTML ones, and an HTML element with a prefix',
    (slot, doc) => {
      const img = doc.createElementNS(SVG, 'img');
      img.setAttribute('src', 'x');
      img.setAttribute('onerror', 'top.__pwned++');
      const a = doc.createElementNS(SVG, 'a');
      a.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', 'javascript:top.__pwned++');
      a.textContent = '链接';
      const prefixed = doc.createElementNS('http://www.w3.org/1999/xhtml', 'x:img');
      prefixed.setAttribute('src', 'x');
      prefixed.setAttribute('onerror', 'top.__pwned++');
      slot.append(img, a, prefixed);
    },
  ],
  [
    'a template whose contents hold the payload, and a text with a NUL and a carriage return',
    (slot, doc) => {
      const t = doc.createElement('template');
      t.content.append(doc.createRange().createContextualFragment(PAYLOAD));
      slot.append(t, doc.createTextNode('\u0000<\r\n>'));
    },
  ],
];

function pageWith(build: Build): { doc: Document; win: Window } {
  const dom = new JSDOM(buildPage({ title: '脚本造的树', body: MARK }), { url: URL, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  build(doc.getElementById('slot')!, doc);
  return { doc, win: dom.window as unknown as Window };
}

describe('trees built by script', () => {
  it.each(TREES)('%s: safe as parsed and parsed again, canary 0, the text kept', async (_, build) => {
    const { doc, win } = pageWith(build);
    const a = extract(doc, { url: URL, win });
    expect(articleProblems(a), a.html).toEqual([]);
    expect(await canary(a.html), a.html).toBe(0);
    expect(a.text).toContain('正文开始');
    expect(a.text).toContain('正文结束');
    expect(a.html).not.toMatch(/onerror|javascript:/i);
  });

  it('the built payloads are live: the same trees inserted as they are run the canary', async () => {
    let fired = 0;
    for (const [, build] of TREES.slice(0, 3)) {
      const { doc } = pageWith(build);
      fired += (await canary(doc.querySelector('#slot')!.parentElement!.innerHTML)) > 0 ? 1 : 0;
    }
    expect(fired).toBe(3);
  });
});
