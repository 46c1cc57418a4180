// Fixture snapshots (as defuddle does): each curated page or post, read by the core, against the reviewed
// expectation of the independent reading (test/corpus-expected), by the same rules as the whole-corpus check.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareArticle, loadExpectation } from '../../scripts/lib/expectations.mjs';
import { extractText } from '../../src/node/extract-text';
import { expectationKey, FIXTURES, fixtureNames, fixtureText, ORIGINS } from '../helpers/fixtures';

const EXPECTED = join(import.meta.dirname, '..', 'corpus-expected');

function expectMatches(rel: string, kind: string) {
  const rec = extractText(fixtureText(rel), rel);
  expect(rec.detected, `${rel} detected`).toBe(true);
  expect(rec.kind).toBe(kind);
  const key = expectationKey(rel);
  const exp = key && loadExpectation(EXPECTED, key);
  expect(exp, `expectation ${key} of ${rel}`).toBeTruthy();
  const problems: string[] = [];
  compareArticle(rec, exp, problems);
  expect(problems).toEqual([]);
  return rec;
}

describe('rendered fixture pages match their reviewed expectations', () => {
  for (const name of fixtureNames('rendered')) {
    it(name, () => {
      expectMatches(`rendered/${name}`, 'article');
    });
  }
});

describe('fixture posts match their reviewed expectations', () => {
  for (const name of fixtureNames('posts', '.md')) {
    it(name, () => {
      expectMatches(`posts/${name}`, 'markdown-post');
    });
  }
});

describe('the same posts rendered with Hexo + NexT read the same', () => {
  for (const name of fixtureNames('next').filter((n) => !n.startsWith('listing') && !n.includes('exturl'))) {
    it(name, () => {
      const rec = extractText(fixtureText(`next/${name}`), `next/${name}`);
      expect(rec).toMatchObject({ detected: true, kind: 'article' });
      const exp = loadExpectation(EXPECTED, expectationKey(`next/${name}`)!)!;
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

describe('every curated fixture has its origin recorded', () => {
  const files = ['rendered', 'posts', 'next', 'listing'].flatMap((dir) =>
    [...fixtureNames(dir), ...fixtureNames(dir, '.md')].map((f) => `${dir}/${f}`),
  );
  const sources = fixtureText('SOURCES.md');
  it.each(files)('%s', (rel) => {
    // Named by what it tests, so the corpus file it came from must be written down: in ORIGINS and in SOURCES.md.
    expect(ORIGINS[rel], `ORIGINS has no entry for ${rel}`).toBeTruthy();
    expect(sources).toContain(`| ${rel} | ${ORIGINS[rel]} |`);
    if (!rel.startsWith('next/') && !rel.startsWith('listing/')) expect(expectationKey(rel)).toMatch(/\.json$/);
  });
  it('names no fixture that is gone', () => {
    expect(Object.keys(ORIGINS).sort()).toEqual([...files].sort());
  });
});
