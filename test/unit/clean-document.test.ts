import { describe, expect, it } from 'vitest';
import { cleanDocument, cleanDocumentSteps } from '../../src/core/clean-document';
import { rawSource } from '../../src/core/media';
import { UndoLog } from '../../src/core/undo';
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
    const { doc } = loadPage('rendered/ithome-tag-links.html');
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

/** Media elements with no address at all (nothing to record). */
function emptySources(doc: Document): number {
  return Array.from(doc.querySelectorAll('article#post :is(img, video, audio, source, iframe)')).filter((el) => rawSource(el) === null)
    .length;
}

describe('cleanDocumentSteps: the same cleaning, in pauses', () => {
  /** A fixture article with its body repeated, so it holds hundreds of media elements and tag links. */
  function largePage(times: number, name = 'yystv-lazy-original'): Document {
    const { doc } = loadPage(`rendered/${name}.html`);
    // The body holds the tag links and images; the article root (title, meta) stays single.
    const body = doc.querySelector('article#post > div:not([class]):not([id])');
    if (!body) throw new Error(`${name} has no article body`);
    body.innerHTML = body.innerHTML.repeat(times);
    return doc;
  }

  // yystv-lazy-original: 55 images, most proxied; ithome-tag-links: tag links of several kinds.
  it.each([
    ['yystv-lazy-original', 10],
    ['ithome-tag-links', 100],
  ] as const)('%s ×%i: pauses between steps and ends with the edits, topics and undo of cleanDocument', (name, times) => {
    const a = largePage(times, name);
    const b = largePage(times, name);
    const original = a.documentElement.outerHTML;
    expect(b.documentElement.outerHTML).toBe(original);
    const media = a.querySelectorAll('article#post img, article#post video, article#post source').length;
    const links = listTagLinks(a.querySelector('article#post')!).length;
    expect(media + links).toBeGreaterThan(200);

    const whole = cleanDocument(a);
    const written = new Map<Element, string>();
    const steps = cleanDocumentSteps(b, { written });
    let pauses = 0;
    let next = steps.next();
    while (!next.done) {
      pauses++;
      next = steps.next();
    }
    const stepped = next.value;
    // At least one pause per 100 anchors and per 50 media elements.
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(media / 50) + Math.floor(links / 100));
    expect(b.documentElement.outerHTML).toBe(a.documentElement.outerHTML);
    expect(stepped.topics).toEqual(whole.topics);
    expect(stepped.changed).toBe(whole.changed);
    // Every media element's address as written was recorded before it was changed.
    expect(written.size).toBe(a.querySelectorAll('article#post :is(img, video, audio, source, iframe)').length - emptySources(a));
    expect(proxiedMediaLeft(stepped.root!)).toEqual([]);
    stepped.undo();
    expect(b.documentElement.outerHTML).toBe(original);
  });

  it('given a log, a run abandoned half-way can still be undone exactly', () => {
    const doc = largePage(10);
    const original = doc.documentElement.outerHTML;
    const log = new UndoLog();
    const steps = cleanDocumentSteps(doc, { log });
    for (let i = 0; i < 5; i++) steps.next();
    expect(log.size).toBeGreaterThan(0);
    expect(doc.documentElement.outerHTML).not.toBe(original);
    log.undo();
    expect(doc.documentElement.outerHTML).toBe(original);
  });
});
