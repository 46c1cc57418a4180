// Fixture snapshots (as defuddle does): each curated page or post, read by the core, against the reviewed
// expectation of the independent reading (test/corpus-expected), by the same rules as the whole-corpus check.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareArticle, loadExpectation } from '../../scripts/lib/expectations.mjs';
import { extractText } from '../../src/node/extract-text';
import { FIXTURES, fixtureNames, fixtureText } from '../helpers/fixtures';

const EXPECTED = join(import.meta.dirname, '..', 'corpus-expected');

function expectMatches(rel: string, expectationKey: string, kind: string) {
  const rec = extractText(fixtureText(rel), rel);
  expect(rec.detected, `${rel} detected`).toBe(true);
  expect(rec.kind).toBe(kind);
  const exp = loadExpectation(EXPECTED, expectationKey);
  expect(exp, `expectation ${expectationKey}`).not.toBeNull();
  const problems: string[] = [];
  compareArticle(rec, exp, problems);
  expect(problems).toEqual([]);
  return rec;
}

describe('rendered fixture pages match their reviewed expectations', () => {
  for (const name of fixtureNames('rendered')) {
    it(name, () => {
      expectMatches(`rendered/${name}`, `rendered/${name.replace(/\.html$/, '.json')}`, 'article');
    });
  }
});

describe('fixture posts match their reviewed expectations', () => {
  for (const name of fixtureNames('posts', '.md')) {
    it(name, () => {
      expectMatches(`posts/${name}`, `posts/${name.replace(/\.md$/, '.json')}`, 'markdown-post');
    });
  }
});

describe('the same posts rendered with Hexo + NexT read the same', () => {
  const expectationOf = (name: string) =>
    name.startsWith('seed') ? 'posts/midea-china-mobile-5g.json' : `posts/${name.replace(/\.html$/, '.json')}`;
  for (const name of fixtureNames('next').filter((n) => !n.startsWith('listing') && !n.includes('exturl'))) {
    it(name, () => {
      const rec = extractText(fixtureText(`next/${name}`), `next/${name}`);
      expect(rec).toMatchObject({ detected: true, kind: 'article' });
      const exp = loadExpectation(EXPECTED, expectationOf(name))!;
      expect(rec.title).toBe(exp.title);
      expect(rec.categories).toEqual(exp.categories);
      if (exp.published) expect(rec.published).toBe(exp.published);
      expect(rec.images.map((i) => i.url)).toEqual(exp.images.map((i) => i.url));
      expect(rec.text.replace(/\s+/g, '')).toBe(exp.text.replace(/\s+/g, ''));
    });
  }
});

it('fixtures dir is where the helpers say', () => {
  expect(fixtureNames('rendered').length).toBeGreaterThanOrEqual(8);
  expect(FIXTURES).toMatch(/test[\\/]fixtures$/);
});
