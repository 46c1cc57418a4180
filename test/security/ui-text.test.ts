// @vitest-environment jsdom
// The UI shows title, categories, feed and topics as TEXT: an article extracted from a hostile page, rendered by the
// real reader overlay, shows its markup-looking title as characters and gains no element, handler or script
// address from it. The only HTML the UI renders is the core's sanitized body, through prepareArticleHtml.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { extract } from '../../src/core';
import { buildPage } from '../helpers/page-builder';
import { CANARY } from './xss-vectors';
import { isScriptishUrl } from './safety';

vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  return { default: uiBrowserStub('en') };
});

const { openReader } = await import('../../src/reader/overlay');
const { copyPayload } = await import('../../src/ui/copy-formats');

const TITLE = `<img src=x onerror=${CANARY}>"><svg onload=${CANARY}>`;
const FEED = `</li><script>${CANARY}</script>`;

function hostileArticle() {
  const html = buildPage({
    title: TITLE,
    categories: ['新媒体', FEED, '<b>频道</b>'],
    body: `<p>正文<img src=x onerror="${CANARY}"></p>`,
    cover: `javascript:${CANARY}`,
    tagLinks: [
      { style: 'ithome', text: '<i>苹果</i>', href: 'https://www.ithome.com/tag/apple/' },
      { style: 'ofweek', text: '芯片', href: `javascript:${CANARY}` },
    ],
  });
  const dom = new JSDOM(html, { url: 'https://news.zfe.space/p/ui.html' });
  return extract(dom.window.document, { win: dom.window as unknown as Window });
}

describe('reader overlay renders the text fields as text', () => {
  it('title, categories, feed and topics come out as characters; nothing runs or links to script', () => {
    const article = hostileArticle();
    expect(article.title).toBe(TITLE);
    expect(article.categories).toEqual(['新媒体', FEED, '<b>频道</b>']);
    const handle = openReader(article, document);
    const root = handle.host.shadowRoot!;
    const title = root.querySelector('[data-testid=title]')!;
    expect(title.textContent).toBe(TITLE);
    expect(title.children).toHaveLength(0);
    expect(Array.from(root.querySelectorAll('[data-testid=categories] li'), (li) => [li.textContent, li.children.length])).toEqual([
      ['新媒体', 0],
      [FEED, 0],
      ['<b>频道</b>', 0],
    ]);
    expect(root.querySelector('[data-testid=feed]')!.textContent).toContain(FEED);
    expect(Array.from(root.querySelectorAll('[data-testid=topics] a'), (a) => a.textContent)).toEqual(['<i>苹果</i>']);
    // Nowhere in the overlay: a script, an svg, a handler attribute, or a script address.
    expect(root.querySelectorAll('script, svg:not([aria-hidden]), iframe, object, embed')).toHaveLength(0);
    for (const el of Array.from(root.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name, el.outerHTML.slice(0, 120)).not.toMatch(/^on/i);
        if (['href', 'src', 'srcset', 'poster', 'action', 'formaction'].includes(attr.name)) {
          expect(isScriptishUrl(attr.value), `${attr.name}=${attr.value}`).toBe(false);
        }
      }
    }
    handle.close();
  });

  it('the HTML copy escapes the title into its heading', () => {
    const article = hostileArticle();
    const { html } = copyPayload(article, 'html');
    const doc = new JSDOM(`<body>${html}`).window.document;
    expect(doc.querySelector('h1')!.textContent).toBe(TITLE);
    expect(doc.querySelectorAll('svg, script, [onerror], [onload]')).toHaveLength(0);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const GROUPS_HOOK = readFileSync(join(process.cwd(), 'src/reader/hooks/use-article-groups.ts'), 'utf8');

describe('the UI renders HTML only from the sanitized body', () => {
  it('every dangerouslySetInnerHTML takes a value made by prepareArticleHtml', () => {
    const uses: string[] = [];
    for (const file of sources(join(process.cwd(), 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/dangerouslySetInnerHTML=\{\{\s*__html:\s*([\w.]+)\s*\}\}/g)) {
        uses.push(file);
        const name = m[1]!;
        // Made here, or (the reader) taken from useArticleGroups, which makes it the same way.
        const made = (source: string) => new RegExp(`const ${name} = useMemo\\(\\(\\) => prepareArticleHtml\\(`).test(source);
        const fromGroups = new RegExp(`const \\{[^}]*\\b${name}\\b[^}]*\\} = useArticleGroups\\(`).test(text);
        expect(made(text) || (fromGroups && made(GROUPS_HOOK)), `${file}: ${name}`).toBe(true);
      }
      // Any other way of writing HTML into a live document from a string.
      expect(text, file).not.toMatch(/dangerouslySetInnerHTML=\{\{\s*__html:\s*[^\w\s]/);
    }
    expect(uses.length).toBeGreaterThan(0);
  });
});
