// The page's copy made in steps (src/core/clone-document.ts) must be what `doc.cloneNode(true)` gives, node for
// node, however small the steps: the extraction reads the article from it.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cloneDocumentSteps } from '../../src/core/clone-document';
import { runSteps } from '../../src/core/steps';
import { fixtureText } from '../helpers/fixtures';
import { hugeBody } from '../helpers/huge-pages';
import { buildPage } from '../helpers/page-builder';

/** Everything a copy carries that a reader of it could see, node by node. */
function describeDocument(doc: Document): unknown {
  const nodes: unknown[] = [];
  const walk = (node: Node): void => {
    const el = node as Element;
    nodes.push([
      node.nodeType,
      node.nodeName,
      node.nodeType === 1 ? el.getAttributeNames().map((n) => [n, el.getAttribute(n)]) : node.nodeValue,
      node.ownerDocument === doc,
    ]);
    if (node.nodeType === 1 && el.localName === 'template') walk((el as HTMLTemplateElement).content);
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
  };
  walk(doc);
  return { url: doc.URL, mode: doc.compatMode, type: doc.contentType, doctype: doc.doctype?.name ?? null, nodes };
}

function stepped(doc: Document, limit: number): { copy: Document; steps: number } {
  const steps = cloneDocumentSteps(doc, limit);
  let count = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { copy: next.value, steps: count };
    count++;
  }
}

// Each page with the step sizes tried (one node a step is slow in jsdom on the larger ones).
const PAGES: [string, string, number[]][] = [
  ['the live theme (largest fixture)', fixtureText('rendered/pmcaff-largest-page.html'), [20, 2000]],
  ['NexT', fixtureText('next/ithome-tag-links.html'), [0, 2000]],
  [
    'a template, comments beside <html>, quirks mode, foreign content',
    '<!-- before --><html><head><title>t</title></head><body><template><p>inside<b>x</b></p></template>' +
      '<svg><circle r="1"/></svg><p>a<!-- c -->b</p></body></html><!-- after -->',
    [0, 1, 2000],
  ],
  ['a long body', buildPage({ title: '长', body: hugeBody(256 * 1024) }), [50, 2000]],
];

/** A page in jsdom, its theme CSS not reported on the console. */
function page(html: string): Document {
  return new JSDOM(html, { url: 'https://news.zfe.space/p/1.html', virtualConsole: new VirtualConsole() }).window.document;
}

describe('cloneDocumentSteps', () => {
  it.each(PAGES)('%s: the same copy as cloneNode(true), in one step per subtree or per node', (_, html, limits) => {
    const doc = page(html);
    const whole = doc.cloneNode(true) as Document;
    for (const limit of limits) {
      const { copy } = stepped(doc, limit);
      expect(copy).not.toBe(doc);
      expect(describeDocument(copy)).toEqual(describeDocument(whole));
    }
    // The page itself is untouched.
    expect(describeDocument(doc)).toEqual(describeDocument(doc.cloneNode(true) as Document));
  });

  it('copies a large page in many steps, a small subtree in one', () => {
    const doc = page(buildPage({ title: '长', body: hugeBody(256 * 1024) }));
    const elements = doc.getElementsByTagName('*').length;
    expect(elements).toBeGreaterThan(2000);
    const { steps } = stepped(doc, 200);
    expect(steps).toBeGreaterThan(elements / 200);
    expect(stepped(doc, elements + 1).steps).toBe(doc.childNodes.length);
  });

  it('copies a template with its contents (its children are not its content)', () => {
    const { window } = new JSDOM('<body><template><p>kept</p></template></body>');
    const copy = runSteps(cloneDocumentSteps(window.document, 0));
    expect(copy.querySelector('template')!.content.textContent).toBe('kept');
  });
});
