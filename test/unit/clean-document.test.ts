import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/core/clean-document';
import { listTagLinks } from '../../src/core/tag-links';
import { fixtureNames, loadPage } from '../helpers/fixtures';

const PROXY = 'cors.zfour.workers.dev/?';
const MEDIA_ATTRS = ['src', 'srcset', 'data-srcset', 'data-original', 'data-src', 'poster'];

function proxiedMediaLeft(root: Element): string[] {
  const left: string[] = [];
  for (const el of Array.from(root.querySelectorAll('img, video, audio, source'))) {
    for (const a of MEDIA_ATTRS) if ((el.getAttribute(a) ?? '').includes(PROXY)) left.push(`${el.localName}[${a}]`);
  }
  return left;
}

describe('cleanDocument on the fixture pages', () => {
  for (const name of fixtureNames('rendered')) {
    it(`${name}: cleans in place and restores the exact original`, () => {
      const { doc } = loadPage(`rendered/${name}`);
      const original = doc.documentElement.outerHTML;
      const result = cleanDocument(doc);
      expect(result.root).not.toBeNull();
      const article = result.root!;
      expect(proxiedMediaLeft(article)).toEqual([]);
      expect(listTagLinks(article)).toEqual([]);
      // Cleaning a cleaned page changes nothing more.
      const once = doc.documentElement.outerHTML;
      const again = cleanDocument(doc);
      expect(again.changed).toBe(0);
      expect(doc.documentElement.outerHTML).toBe(once);
      result.undo();
      expect(doc.documentElement.outerHTML).toBe(original);
    });
  }

  it('removes the tag links of a page that has them, keeping the words', () => {
    const { doc } = loadPage('rendered/44d7.html');
    const text = doc.querySelector('article#post')!.textContent;
    const result = cleanDocument(doc);
    expect(result.topics.map((t) => t.kind)).toContain('ithome');
    expect(result.changed).toBeGreaterThan(0);
    expect(doc.querySelector('article#post')!.textContent).toBe(text);
  });

  it('leaves listing pages untouched', () => {
    for (const name of fixtureNames('listing')) {
      const { doc } = loadPage(`listing/${name}`);
      const before = doc.documentElement.outerHTML;
      const result = cleanDocument(doc);
      expect(result.root).toBeNull();
      expect(result.changed).toBe(0);
      expect(doc.documentElement.outerHTML).toBe(before);
    }
  });
});
