// A long article crosses to the popup in parts of whole groups; joined again, it is the article it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headOf, joinArticle, PART_CHARS, partOfHead, splitArticle } from '../../src/shared/article-parts';
import type { Article } from '../../src/core/types';

/** An article whose HTML is `groups` (each whole elements, as extraction makes them), with their breaks. */
function articleOf(groups: string[], text: string): Article {
  const html = groups.join('');
  const htmlBreaks: number[] = [];
  let at = 0;
  for (const g of groups.slice(0, -1)) htmlBreaks.push((at += g.length));
  return {
    kind: 'article',
    url: 'https://news.zfe.space/p/1.html',
    theme: 'volantis',
    title: 'T',
    categories: [],
    feed: null,
    published: null,
    cover: null,
    images: [],
    videos: [],
    topics: [],
    links: [],
    html,
    ...(groups.length > 1 ? { htmlBreaks } : {}),
    text,
    counts: { chars: 0, cjk: 0, words: 0, readingMinutes: 0 },
    origin: null,
    unescaped: false,
    notes: [],
  };
}

describe('splitArticle / joinArticle', () => {
  it('an article that fits is one part, itself', () => {
    const a = articleOf(['<p>a</p>', '<p>b</p>'], 'a b');
    expect(splitArticle(a)).toEqual([{ html: a.html, text: a.text }]);
  });

  it('cuts only where groups meet, each part within the size unless one group alone is larger, and joins back exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 40 }),
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 20, max: 400 }),
        (lengths, text, size) => {
          const groups = lengths.map((n, i) => `<p>${String(i % 10).repeat(n)}</p>`);
          const a = articleOf(groups, text);
          const parts = splitArticle(a, size);
          const boundaries = new Set([0, ...(a.htmlBreaks ?? []), a.html.length]);
          let at = 0;
          for (const [i, p] of parts.entries()) {
            expect(boundaries.has(at)).toBe(true);
            // Over the size only when the part is one group.
            if (p.html.length > size) expect(groups).toContain(p.html);
            at += p.html.length;
            // As full as it can be: the next part's first group would not have fitted.
            const next = parts[i + 1];
            if (next) expect(p.html.length + groups.find((g) => next.html.startsWith(g))!.length).toBeGreaterThan(size);
          }
          expect(at).toBe(a.html.length);
          if (a.html.length <= size) expect(parts).toHaveLength(1);
          const head = headOf(a, parts[0]!);
          expect(head.html).toBe(parts[0]!.html);
          expect(joinArticle(head, parts)).toEqual(a);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('its pictures, links and videos cross in even slices with the parts (the first message carries its share), and join back', () => {
    const groups = Array.from({ length: 12 }, (_, i) => `<p>${'字'.repeat(100)}${i}</p>`);
    const images = Array.from({ length: 3001 }, (_, i) => ({
      kind: 'image' as const,
      url: `https://a.example/${i}.png`,
      proxied: true,
      original: null,
      alt: '',
      poster: null,
    }));
    const links = Array.from({ length: 700 }, (_, i) => ({ text: `l${i}`, href: `https://a.example/${i}` }));
    const a: Article = { ...articleOf(groups, 'x'.repeat(1000)), images, links };
    const parts = splitArticle(a, 300);
    expect(parts.length).toBeGreaterThan(3);
    const head = headOf(a, parts[0]!);
    expect(head.images.length).toBeLessThanOrEqual(Math.ceil(images.length / parts.length));
    expect(head.links.length).toBeLessThanOrEqual(Math.ceil(links.length / parts.length));
    expect(joinArticle(head, [partOfHead(head), ...parts.slice(1)])).toEqual(a);
  });

  it('a 5 MB article crosses in parts of at most 256 KB', () => {
    const groups = Array.from({ length: 80 }, (_, i) => `<p>${'字'.repeat(64 * 1024 - 7)}${i}</p>`.slice(0, 64 * 1024));
    const parts = splitArticle(articleOf(groups, '字'.repeat(2_000_000)));
    expect(parts.length).toBeGreaterThanOrEqual(20);
    for (const p of parts) expect(p.html.length).toBeLessThanOrEqual(PART_CHARS);
  });
});
