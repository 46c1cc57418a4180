// Extraction in steps and in groups (src/core/extract.ts): the content script reads a long body a group of its
// top-level children at a time and leaves Markdown for a copy or a save to ask for. Neither may change the
// article: every fixture page is read whole and in the smallest groups (one top-level child each) and compared.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/core/detect';
import { extract, extractPost, extractSteps } from '../../src/core/extract';
import { runSteps } from '../../src/core/steps';
import { markdownOf } from '../../src/core/to-markdown';
import { FIXTURES, fixtureText, loadPage, pageFromHtml } from '../helpers/fixtures';
import { hugeBody, proxiedImagesBody, tagLinksBody } from '../helpers/huge-pages';
import { buildPage } from '../helpers/page-builder';
import { groupContainer, htmlGroups } from '../../src/ui/article-html';
import type { Article } from '../../src/core/types';

/** Every fixture page that is a family article (rendered pages of the live theme, NexT, the npm themes). */
function articlePages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(FIXTURES, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.html')) pages.push(rel);
    }
  };
  for (const dir of ['rendered', 'next', 'themes']) walk(dir);
  return pages.filter((rel) => {
    const { doc } = loadPage(rel);
    return detect(doc).detected;
  });
}

const PAGES = articlePages();

/** A page of the live site's theme whose article body holds `body`. */
function bigPage(body: string): string {
  return buildPage({ title: '大文章', body });
}

/** The reader shows a long article a group at a time: each group of the HTML must parse alone into what it holds
 *  within the whole, its nodes going where its depth says (see groupContainer). */
function expectGroupsParseAlone(article: Article, win: Window): void {
  const groups = htmlGroups(article);
  expect(groups.map((g) => g.html).join('')).toBe(article.html);
  if (article.htmlBreaks) expect(groups.length).toBe(article.htmlBreaks.length + 1);
  const parse = (html: string) =>
    new (win as Window & typeof globalThis).DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
  const shown = win.document.createElement('div');
  for (const g of groups) groupContainer(shown, g.depth).append(...Array.from(parse(g.html).childNodes));
  shown.normalize();
  expect(shown.innerHTML).toBe(parse(article.html).innerHTML);
}

describe('extraction in groups of top-level children', () => {
  it('finds enough article fixtures to mean something, some of them one wrapper that groups divide', () => {
    expect(PAGES.length).toBeGreaterThan(25);
    const divided = PAGES.filter((rel) => extract(loadPage(rel).doc, { groupChars: 1 }).htmlDepths?.some((d) => d > 0));
    expect(divided.length).toBeGreaterThan(5);
  });

  it.each(PAGES)('%s: one child per group reads the same article as the whole body', (rel) => {
    const whole = extract(loadPage(rel).doc);
    const { doc, win } = loadPage(rel);
    const { htmlBreaks, htmlDepths, ...grouped } = extract(doc, { groupChars: 1 });
    expect(whole.htmlBreaks).toBeUndefined();
    expect(grouped).toEqual(whole);
    expectGroupsParseAlone({ ...grouped, htmlBreaks, htmlDepths }, win);
  });

  it('a large body (tag links, proxied images, plain paragraphs) reads the same whole and in default groups', () => {
    const body = tagLinksBody(150) + proxiedImagesBody(100, 3) + hugeBody(200 * 1024);
    const whole = extract(pageFromHtml(bigPage(body)).doc, { groupChars: Infinity });
    const { doc, win } = pageFromHtml(bigPage(body));
    const { htmlBreaks, ...grouped } = extract(doc);
    expect(htmlBreaks!.length).toBeGreaterThan(2);
    expectGroupsParseAlone({ ...grouped, htmlBreaks }, win);
    expect(whole.html.length).toBeGreaterThan(200 * 1024);
    expect(whole.topics.length).toBeGreaterThan(50);
    expect(whole.images.length).toBe(300);
    expect(grouped).toEqual(whole);
  }, 120_000);

  it('a body that is one wrapper (the largest corpus page): groups divide it, small first, and read the same article', () => {
    const body = `<div class="post-content"><style>p { color: red }</style>${tagLinksBody(40)}${proxiedImagesBody(30, 2)}${hugeBody(64 * 1024)}</div>\n`;
    const whole = extract(pageFromHtml(bigPage(body)).doc, { groupChars: Infinity });
    const { doc, win } = pageFromHtml(bigPage(body));
    const { htmlBreaks, htmlDepths, ...grouped } = extract(doc, { groupChars: 16 * 1024, firstGroupChars: 1024 });
    expect(grouped).toEqual(whole);
    expect(htmlBreaks!.length).toBeGreaterThan(4);
    expect(htmlDepths!.filter((d) => d === 1).length).toBeGreaterThan(3);
    expectGroupsParseAlone({ ...grouped, htmlBreaks, htmlDepths }, win);
    const sizes = htmlGroups({ html: grouped.html, htmlBreaks, htmlDepths }).map((g) => g.html.length);
    expect(sizes[0]).toBeLessThan(2 * 1024);
    expect(Math.max(...sizes)).toBeLessThan(20 * 1024);
  }, 120_000);

  it("groups that start small and double (the content script's first steps) read the same article", () => {
    const body = tagLinksBody(60) + proxiedImagesBody(40, 3) + hugeBody(96 * 1024);
    const whole = extract(pageFromHtml(bigPage(body)).doc, { groupChars: Infinity });
    const { doc, win } = pageFromHtml(bigPage(body));
    const { htmlBreaks, ...grouped } = extract(doc, { groupChars: 16 * 1024, firstGroupChars: 1024 });
    expect(grouped).toEqual(whole);
    expectGroupsParseAlone({ ...grouped, htmlBreaks }, win);
    // Each group about twice the one before until the largest: the first is small.
    const sizes = htmlGroups({ html: grouped.html, htmlBreaks }).map((g) => g.html.length);
    expect(sizes[0]).toBeLessThan(4 * 1024);
    expect(sizes[1]).toBeGreaterThan(sizes[0]!);
    expect(Math.max(...sizes.slice(0, -1))).toBeGreaterThan(12 * 1024);
  }, 120_000);
});

describe('extraction in steps', () => {
  it('pauses between small pieces of work and ends with the article extract gives', () => {
    const html = bigPage(hugeBody(512 * 1024));
    let pauses = 0;
    const steps = extractSteps(pageFromHtml(html).doc);
    let next = steps.next();
    while (!next.done) {
      pauses++;
      next = steps.next();
    }
    // A pause per top-level child copied and several per 64 KB group: a 0.5 MB body is never one piece.
    expect(pauses).toBeGreaterThan(100);
    expect(next.value.htmlBreaks!.length).toBeGreaterThan(5);
    expect(next.value).toEqual(extract(pageFromHtml(html).doc));
  }, 60_000);

  it('runs straight through with runSteps', () => {
    const a = runSteps(extractSteps(loadPage('rendered/yystv-lazy-original.html').doc));
    expect(a).toEqual(extract(loadPage('rendered/yystv-lazy-original.html').doc));
  });
});

describe('Markdown only when asked', () => {
  it.each(PAGES)('%s: markdown: false leaves it out, and markdownOf makes the same Markdown', (rel) => {
    const full = extract(loadPage(rel).doc);
    const { doc } = loadPage(rel);
    const lean = extract(doc, { markdown: false });
    expect(lean).not.toHaveProperty('markdown');
    const { markdown, ...rest } = full;
    expect(lean).toEqual(rest);
    expect(markdown).toBeTruthy();
    expect(markdownOf(lean, doc)).toBe(markdown);
  });

  it('raw posts too', () => {
    const dir = join(FIXTURES, 'posts');
    const posts = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(posts.length).toBeGreaterThan(5);
    for (const f of posts) {
      const { doc } = pageFromHtml('<!doctype html><title></title>');
      const full = extractPost(fixtureText(`posts/${f}`), doc);
      const lean = extractPost(fixtureText(`posts/${f}`), doc, { markdown: false });
      expect(lean.markdown, f).toBeUndefined();
      expect(markdownOf(lean, doc), f).toBe(full.markdown);
    }
  });
});
