// A long body's groups (src/core/markup-groups.ts): whole nodes, dividing the body's last wrapper where the body is
// one (the largest corpus page is one <div> around all of it, and was one group however long). Put back together
// at their depths, the groups are the body's markup exactly.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { endTags, markupGroups, type MarkupGroup } from '../../src/core/markup-groups';
import { runSteps } from '../../src/core/steps';

function body(html: string): HTMLElement {
  return new JSDOM(`<!doctype html><body>${html}`).window.document.body;
}

function groupsOf(html: string, size: number, first = size, divide = true): MarkupGroup[] {
  return runSteps(markupGroups(body(html), size, first, divide));
}

/** The groups' markup put back in order: each wrapper a group leaves open ends where a later group's `closes` say,
 *  or at the end. */
function reassembled(groups: MarkupGroup[]): string {
  const open: string[] = [];
  let out = '';
  for (const g of groups) {
    for (const name of g.closes) expect(open.pop()).toBe(name);
    expect(g.depth).toBe(open.length);
    out += endTags(g.closes) + g.markup;
    open.push(...g.opens);
  }
  return out + endTags(open.reverse());
}

const PARAS = Array.from({ length: 12 }, (_, i) => `<p>第${i}段${'字'.repeat(20)}</p>`).join('\n');

describe('markupGroups', () => {
  it('a body that fits is one group: exactly its markup, a wrapper whole', () => {
    const html = `<p>a</p>\n<div class="w"><p>b</p><p>c</p></div>\n`;
    const groups = groupsOf(html, 1e6);
    expect(groups).toEqual([{ markup: body(html).innerHTML, depth: 0, opens: [], closes: [] }]);
  });

  it('a body that is one wrapper is divided inside it, and put back it is the same markup', () => {
    const html = `\n<div class="content"><style>p{}</style>${PARAS}</div>\n`;
    const groups = groupsOf(html, 200, 60);
    expect(groups.length).toBeGreaterThan(4);
    expect(groups[0]!.opens).toEqual(['div']);
    expect(groups.slice(1, -1).every((g) => g.depth === 1)).toBe(true);
    // The white space after the wrapper is the body's again: a group of its own, back at depth 0.
    expect(groups.at(-1)).toMatchObject({ markup: '\n', depth: 0, closes: ['div'] });
    expect(reassembled(groups)).toBe(body(html).innerHTML);
  });

  it('the first group holds something to show: never only a start tag, or a style that the sanitizer drops', () => {
    const groups = groupsOf(`<div><style>${'x'.repeat(500)}</style><p>一</p><p>二</p></div>`, 10, 10);
    expect(groups[0]!.markup).toContain('<p>一</p>');
    expect(groups[0]!.markup.startsWith('<div><style>')).toBe(true);
  });

  it('nested wrappers: each divided, each closed where it ends, the rest at its own depth', () => {
    const html = `<p>前</p><section><p>s</p><div><blockquote>${PARAS}</blockquote>尾巴</div>\n</section>`;
    const groups = groupsOf(html, 120);
    expect(Math.max(...groups.map((g) => g.depth))).toBe(3);
    expect(groups.some((g) => g.closes.includes('blockquote') && g.markup === '尾巴' && g.depth === 2)).toBe(true);
    expect(reassembled(groups)).toBe(body(html).innerHTML);
  });

  it.each([
    ['a table', `<table><tbody>${'<tr><td>格</td></tr>'.repeat(30)}</tbody></table>`],
    ['a list', `<ul>${'<li>项目</li>'.repeat(30)}</ul>`],
    ['chrome (a share box)', `<div class="post-share">${PARAS}</div>`],
    ['a wrapper that is not the last element', `<div>${PARAS}</div><p>after</p>`],
  ])('%s stays whole: its children would not parse alone as they do inside it, or it is measured whole', (_, html) => {
    const groups = groupsOf(html, 50);
    expect(groups.every((g) => g.depth === 0 && g.opens.length === 0)).toBe(true);
    expect(groups.map((g) => g.markup).join('')).toBe(body(html).innerHTML);
  });

  it('divide: false: only the body’s children, as before wrappers were divided', () => {
    const html = `<div>${PARAS}</div>`;
    expect(groupsOf(html, 50, 50, false)).toEqual([{ markup: body(html).innerHTML, depth: 0, opens: [], closes: [] }]);
  });

  it('any group size puts back the same markup (sizes 1 to the whole)', () => {
    const html = `x<div id="a"><p>1</p><!-- c --><div><p>2</p>\n<section>${PARAS}<div><p>deep</p></div></section>t</div></div>y<br>`;
    for (const size of [1, 2, 7, 30, 100, 333, 1000, 1e6]) {
      for (const first of [1, 50, size]) expect(reassembled(groupsOf(html, size, first))).toBe(body(html).innerHTML);
    }
  });
});

describe('htmlGroups (the reader and the popup)', () => {
  it('each group with its depth; an empty group gives its place to the next one, an article cut short its own', async () => {
    const { htmlGroups } = await import('../../src/ui/article-html');
    const html = '<div><p>a</p><p>b</p></div>t';
    expect(htmlGroups({ html, htmlBreaks: [8, 8, 16, 27], htmlDepths: [0, 1, 1, 0] })).toEqual([
      { html: '<div><p>', depth: 0 },
      { html: 'a</p><p>', depth: 1 },
      { html: 'b</p></div>', depth: 1 },
      { html: 't', depth: 0 },
    ]);
    // The first part of a long article (shared/article-parts.ts): the breaks past it are not its own.
    expect(htmlGroups({ html: html.slice(0, 16), htmlBreaks: [8, 16, 27], htmlDepths: [1, 1, 0] })).toEqual([
      { html: '<div><p>', depth: 0 },
      { html: 'a</p><p>', depth: 1 },
    ]);
    expect(htmlGroups({ html, htmlBreaks: [8] })).toEqual([
      { html: '<div><p>', depth: 0 },
      { html: html.slice(8), depth: 0 },
    ]);
  });
});
