// What the browser should end up with, computed independently in Node from the same fixture with the core
// (jsdom). The browser tests compare the live extension against it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanDocument, extract, imageCandidates } from '../../src/core';
import { rawSource } from '../../src/core/media';
import { parseHtml } from '../../src/node/dom';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
export const PROXY_MARK = 'cors.zfour.workers.dev/';

export function fixture(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

export interface PageExpectation {
  title: string;
  categories: string[];
  /** Media attributes (src, srcset, data-srcset, poster) in the article holding a proxy address, before. */
  proxiedBefore: number;
  /** hrefs of the article's links before and after cleaning, in document order. */
  linksBefore: string[];
  linksAfter: string[];
  topics: Array<{ text: string; href: string }>;
  /** Per `article#post img`, in document order: its fallback chain (empty when it has no real source). */
  chains: string[][];
}

/** Media attributes holding the proxy, under `root` (the same count the browser test makes). */
export function proxiedAttributes(root: ParentNode): number {
  let n = 0;
  for (const el of Array.from(root.querySelectorAll('img, video, audio, source'))) {
    for (const name of ['src', 'srcset', 'data-srcset', 'poster']) {
      if ((el.getAttribute(name) ?? '').includes(PROXY_MARK)) n++;
    }
  }
  return n;
}

const hrefs = (root: ParentNode) => Array.from(root.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? '');

export function expectationFor(relative: string, url: string): PageExpectation {
  const html = fixture(relative);
  const article = extract(parseHtml(html, url));
  const doc = parseHtml(html, url);
  const root = doc.querySelector('article#post');
  if (!root) throw new Error(`${relative}: no article#post`);
  const proxiedBefore = proxiedAttributes(root);
  const linksBefore = hrefs(root);
  const chains = Array.from(root.querySelectorAll('img')).map((img) => {
    const raw = rawSource(img);
    return raw ? imageCandidates(raw.value) : [];
  });
  const result = cleanDocument(doc);
  if (result.root !== root) throw new Error(`${relative}: cleanDocument did not clean article#post`);
  return {
    title: article.title,
    categories: article.categories,
    proxiedBefore,
    linksBefore,
    linksAfter: hrefs(root),
    topics: result.topics.map((t) => ({ text: t.text, href: t.href })),
    chains,
  };
}
