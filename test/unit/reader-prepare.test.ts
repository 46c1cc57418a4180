// @vitest-environment jsdom
// The reader's stylesheet is parsed once per document (ahead of the first opening, src/reader/overlay.tsx
// `prepareReader`): every reader opened in the document adopts that one sheet; the user's CSS stays a sheet of each.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installStyles, prepareStyles } from '../../src/reader/shadow-host';

class FakeSheet {
  static parsed: string[] = [];
  text = '';
  replaceSync(text: string): void {
    this.text = text;
    FakeSheet.parsed.push(text);
  }
}

function fakeShadow(doc: Document): ShadowRoot {
  return { ownerDocument: doc, adoptedStyleSheets: [] as unknown[] } as unknown as ShadowRoot;
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeSheet.parsed = [];
});

describe('the reader stylesheet, parsed once per document', () => {
  it('prepared ahead, then adopted by every reader opened in the document', () => {
    vi.stubGlobal('CSSStyleSheet', FakeSheet);
    const doc = document.implementation.createHTMLDocument('a');
    prepareStyles(doc, '.a{color:red}');
    expect(FakeSheet.parsed).toEqual(['.a{color:red}']);
    const first = fakeShadow(doc);
    const second = fakeShadow(doc);
    const a = installStyles(first, '.a{color:red}');
    const b = installStyles(second, '.a{color:red}');
    expect(a.route).toBe('adopted');
    expect(b.route).toBe('adopted');
    expect(FakeSheet.parsed).toEqual(['.a{color:red}']);
    expect(first.adoptedStyleSheets[0]).toBe(second.adoptedStyleSheets[0]);
    // The user's CSS: a sheet of each reader, and the shared one unchanged.
    a.setCustom('.b{color:blue}');
    expect(first.adoptedStyleSheets[1]).not.toBe(second.adoptedStyleSheets[1]);
    expect((first.adoptedStyleSheets[0] as unknown as FakeSheet).text).toBe('.a{color:red}');
  });

  it('not prepared: the first opening parses it, the next ones reuse it', () => {
    vi.stubGlobal('CSSStyleSheet', FakeSheet);
    const doc = document.implementation.createHTMLDocument('b');
    installStyles(fakeShadow(doc), 'x{}');
    installStyles(fakeShadow(doc), 'x{}');
    expect(FakeSheet.parsed).toEqual(['x{}']);
  });

  it('another document, or other CSS, is parsed for itself', () => {
    vi.stubGlobal('CSSStyleSheet', FakeSheet);
    const one = document.implementation.createHTMLDocument('c');
    const two = document.implementation.createHTMLDocument('d');
    prepareStyles(one, 'x{}');
    prepareStyles(two, 'x{}');
    prepareStyles(two, 'y{}');
    expect(FakeSheet.parsed).toEqual(['x{}', 'x{}', 'y{}']);
  });

  it('where sheets cannot be constructed, preparing does nothing and the reader uses <style> elements', () => {
    vi.stubGlobal(
      'CSSStyleSheet',
      class {
        constructor() {
          throw new TypeError('Illegal constructor');
        }
      },
    );
    const doc = document.implementation.createHTMLDocument('e');
    expect(() => prepareStyles(doc, 'x{}')).not.toThrow();
    const host = doc.createElement('div');
    doc.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    expect(installStyles(shadow, 'x{}').route).toBe('style-element');
    expect(shadow.querySelector('style')?.textContent).toBe('x{}');
  });
});
