// @vitest-environment jsdom
// The first paint of a long first group (src/reader/first-screen.ts): about a screenful at once, the rest moved back
// where it was cut from; once in, the body is what the whole group renders.
import { describe, expect, it } from 'vitest';
import { cutAfter, firstScreen, placeRest } from '../../src/reader/first-screen';
import { prepareArticleHtml, prepareArticleNodes } from '../../src/ui/article-html';

const para = (i: number) => `<p>Paragraph ${i} <a href="https://example.com/${i}">link</a> <img src="https://example.com/${i}.png"></p>`;
const paras = (n: number) => Array.from({ length: n }, (_, i) => para(i)).join('\n');

/** Renders `html` as the reader does (innerHTML of its body), then places the rest and joins split text. */
function rendered(group: string, chars?: number): { first: string; whole: string; cut: boolean } {
  const shown = firstScreen(group, chars);
  const body = document.createElement('div');
  body.innerHTML = shown.html;
  const first = body.innerHTML;
  if (shown.rest) placeRest(body, shown.rest);
  body.normalize();
  return { first, whole: body.innerHTML, cut: shown.rest !== null };
}

describe('firstScreen', () => {
  it('a short group is rendered whole, as before', () => {
    const group = paras(5);
    expect(firstScreen(group, 1024)).toEqual({ html: prepareArticleHtml(group), rest: null });
  });

  it('one wrapper (the largest corpus article): cut inside it, and the rest goes back into it', () => {
    const group = `<div class="post"><section>${paras(300)}</section></div>`;
    const { first, whole, cut } = rendered(group, 2048);
    expect(cut).toBe(true);
    expect(first.length).toBeLessThan(group.length / 4);
    expect(first).toContain('Paragraph 0 ');
    expect(first).not.toContain('Paragraph 299');
    expect(whole).toBe(prepareArticleHtml(group));
  });

  it('many top-level blocks: cut between them, the rest appended to the body', () => {
    const group = `${paras(200)}\ntext between\n${paras(100)}`;
    const { first, whole, cut } = rendered(group, 2048);
    expect(cut).toBe(true);
    expect(first).not.toContain('data-pnr-rest');
    expect(whole).toBe(prepareArticleHtml(group));
  });

  it("the article's own data-pnr-rest attributes do not mislead it", () => {
    const group = `<div><p data-pnr-rest="">decoy</p><div data-pnr-rest="x">${paras(300)}</div>${paras(5)}</div>`;
    const { whole, cut } = rendered(group, 2048);
    expect(cut).toBe(true);
    expect(whole).toBe(prepareArticleHtml(group));
  });

  it('a wrapper with text of its own is where it cuts, not inside the single child', () => {
    const group = `<div>Lead text<section>${paras(300)}</section></div>`;
    expect(rendered(group, 2048)).toMatchObject({ cut: false, whole: prepareArticleHtml(group) });
  });
});

describe('cutAfter (the popup preview: nodes moved, not re-parsed)', () => {
  it('leaves about `chars` of markup in the tree and gives back the rest with the element it came from', () => {
    const group = `<article>${paras(300)}</article>`;
    const root = prepareArticleNodes(group)[0]!.parentElement!;
    const rest = cutAfter(root, 2048)!;
    expect(rest.box.localName).toBe('article');
    expect(root.innerHTML.length).toBeLessThan(4096);
    rest.box.append(...rest.nodes);
    expect(root.innerHTML).toBe(prepareArticleHtml(group));
  });

  it('nothing to cut: null, the tree untouched', () => {
    const root = prepareArticleNodes(paras(3))[0]!.parentElement!;
    const before = root.innerHTML;
    expect(cutAfter(root, 1 << 20)).toBeNull();
    expect(root.innerHTML).toBe(before);
  });
});
