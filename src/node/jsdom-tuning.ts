// What the CLI's long-lived jsdom window needs and jsdom 29 does not do by itself. The CLI reads every input with
// one window (src/node/extract-text.ts) and makes several documents per input with it (its DOMParser,
// createHTMLDocument, innerHTML). A CPU profile and a heap snapshot of the CLI on the 266-page corpus found four
// things, each handled here for our windows only (those passed to `track`):
//
// 1. Named window properties (`window.someId`): jsdom's table of them takes every element with an id or a name
//    attached to any document of the window, not only the window's own, and lets go of an element only when it
//    is detached, which the elements of a dropped document never are: every page stayed reachable from the
//    window (jsdom/jsdom#4234, fixed upstream by #4236). Our windows keep no such table: nothing here reads named
//    properties, and a window's own document is an empty page.
// 2. Listeners: the selector engine (@asamuzakjp/dom-selector) of each document that runs a query adds 9
//    listeners to the window and never removes them; they keep the document, and each add scans the list (11% of
//    the CLI's time by the end of the corpus). `track` notes the listeners added to the window, `release` removes
//    them once an input is read.
// 3. Inline styles: jsdom gives each HTML and SVG element a style declaration when it is made, and parses a style
//    attribute (with css-tree) each time one is set. Pages and the copies the core makes of their body carry many
//    (13 a page, each parsed four times); most are never read as styles, only copied or dropped. An element of
//    ours gets its declaration when first asked for (`element.style`, computed style), filled from the attribute
//    as it is then, and kept in step with the attribute from then on, as jsdom does: 15% less CPU.
// 4. Text the parser builds: the HTML tokenizer hands text over in runs (a new one at each change between white
//    space and other characters), and jsdom appends each run to the text node as a full DOM mutation (mutation
//    record, live ranges). A page's inline scripts alone make thousands of runs: a third of the time to parse a
//    corpus page. While the parser builds a document or fragment of ours, nothing can observe those nodes yet,
//    and an append is just the new text and the parent's text-change steps: 6% less CPU.
//
// The first two kept about 2 MB per page (930 MB for the corpus) and let the collector take a third of the time.
// The output is byte for byte the same (1,532 corpus, theme and fixture pages; test/unit/cli-jsdom-tuning.test.ts
// compares tracked and untracked windows). Each tuning checks the jsdom internals it relies on and stays off when
// they are not as expected (a newer jsdom): `tuned` says which are on (the test expects all), and extract-text.ts
// replaces its window now and then when the first is off.
import { createRequire } from 'node:module';

const ours = new WeakSet<object>();
const requireFromHere = createRequire(import.meta.url);

type Hook = (this: unknown, ...args: unknown[]) => unknown;
interface ElementImpl {
  _globalObject: object;
  _settingCssText: boolean;
  style: unknown;
  getAttributeNS(namespace: string | null, name: string): string | null;
}

function internal(path: string): Record<string, unknown> | null {
  try {
    return requireFromHere(`jsdom/lib/${path}`) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function isOurs(win: unknown): boolean {
  return typeof win === 'object' && win !== null && ours.has(win);
}

function scopeNamedProperties(): boolean {
  const table = internal('jsdom/living/window-properties.js');
  const hooks = ['elementAttached', 'elementDetached', 'elementAttributeModified'];
  if (!table || !hooks.every((h) => typeof table[h] === 'function')) return false;
  for (const h of hooks) {
    const hook = table[h] as Hook;
    table[h] = function (this: unknown, element: { _ownerDocument?: { _globalObject?: object } }, ...rest: unknown[]) {
      return isOurs(element?._ownerDocument?._globalObject) ? undefined : hook.call(this, element, ...rest);
    };
  }
  return true;
}

function lazyInlineStyle(): boolean {
  const declarations = internal('generated/idl/CSSStyleProperties.js');
  const protos = ['jsdom/living/nodes/HTMLElement-impl.js', 'jsdom/living/nodes/SVGElement-impl.js'].map(
    (path) => (internal(path)?.implementation as { prototype?: Record<string, unknown> } | undefined)?.prototype,
  );
  const fits = (p: Record<string, unknown> | undefined): p is Record<string, unknown> =>
    !!p && typeof p._initElementCSSInlineStyle === 'function' && typeof p._attrModified === 'function' && !('style' in p);
  if (typeof declarations?.createImpl !== 'function' || !protos.every(fits)) return false;
  const createImpl = declarations.createImpl as (global: object, args: unknown[], data: { ownerNode: unknown }) => { cssText: string };
  const own = (el: object, value: unknown) =>
    Object.defineProperty(el, 'style', { value, writable: true, configurable: true, enumerable: true });
  for (const proto of protos) {
    const init = proto._initElementCSSInlineStyle as Hook;
    const attrModified = proto._attrModified as Hook;
    proto._initElementCSSInlineStyle = function (this: ElementImpl) {
      if (!isOurs(this._globalObject)) return init.call(this); // sets an own `style` through the setter below
      this._settingCssText = false;
    };
    // Until an element of ours has its own `style`, reading it makes one, from the attribute as it is now.
    Object.defineProperty(proto, 'style', {
      configurable: true,
      get(this: ElementImpl) {
        const style = createImpl(this._globalObject, [], { ownerNode: this });
        own(this, style);
        const text = this.getAttributeNS(null, 'style');
        if (text !== null) {
          this._settingCssText = true; // as jsdom does: filling it from the attribute does not write it back
          style.cssText = text;
          this._settingCssText = false;
        }
        return style;
      },
      set(this: ElementImpl, value: unknown) {
        own(this, value);
      },
    });
    proto._attrModified = function (this: ElementImpl, name: unknown, ...rest: unknown[]) {
      if (name !== 'style' || Object.hasOwn(this, 'style') || !isOurs(this._globalObject)) return attrModified.call(this, name, ...rest);
      // No declaration yet: nothing to update (jsdom skips the parse while it sets the attribute itself).
      const setting = this._settingCssText;
      this._settingCssText = true;
      try {
        return attrModified.call(this, name, ...rest);
      } finally {
        this._settingCssText = setting;
      }
    };
  }
  return true;
}

function parserTextAppends(): boolean {
  const html = internal('jsdom/browser/parser/html.js');
  const characterData = (internal('jsdom/living/nodes/CharacterData-impl.js')?.implementation as { prototype?: object } | undefined)
    ?.prototype;
  const data = characterData && Object.getOwnPropertyDescriptor(characterData, 'data');
  const entries = ['parseIntoDocument', 'parseFragment'];
  if (!html || !entries.every((e) => typeof html[e] === 'function') || typeof data?.set !== 'function' || typeof data.get !== 'function') {
    return false;
  }
  // While the parser builds a document or fragment of ours, nothing else runs: no script, no custom element.
  let parsing = 0;
  for (const [entry, docOf] of [
    ['parseIntoDocument', (args: unknown[]) => args[1]],
    ['parseFragment', (args: unknown[]) => (args[1] as { _ownerDocument?: unknown } | undefined)?._ownerDocument],
  ] as const) {
    const parse = html[entry] as Hook;
    html[entry] = function (this: unknown, ...args: unknown[]) {
      if (!isOurs((docOf(args) as { _globalObject?: unknown } | undefined)?._globalObject)) return parse.apply(this, args);
      parsing++;
      try {
        return parse.apply(this, args);
      } finally {
        parsing--;
      }
    };
  }
  // jsdom's own setter, kept to be called with .call(this) below, never unbound.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const set = data.set as (this: unknown, value: string) => void;
  Object.defineProperty(characterData, 'data', {
    ...data,
    set(
      this: { nodeType: number; _globalObject: unknown; _data: string; parentNode: { _childTextContentChangeSteps(): void } | null },
      value: string,
    ) {
      if (parsing === 0 || this.nodeType !== 3 || !isOurs(this._globalObject)) return set.call(this, value);
      // The parser adding to the text node it is building: the nodes are new, in a document or fragment no
      // observer or range can reach yet, so the replace comes down to the new text and its parent's steps.
      this._data = value;
      this.parentNode?._childTextContentChangeSteps();
    },
  });
  return true;
}

/** Which tunings are on (all, with the jsdom this was written for). */
export const tuned = {
  namedProperties: scopeNamedProperties(),
  lazyInlineStyle: lazyInlineStyle(),
  parserTextAppends: parserTextAppends(),
};

type ListenerArgs = Parameters<Window['addEventListener']>;
const listeners = new WeakMap<object, ListenerArgs[]>();

/** Makes `win` one of ours: the tunings above apply to its documents, and its listeners are noted (see release). */
export function track(win: Window): void {
  ours.add(win);
  const added: ListenerArgs[] = [];
  listeners.set(win, added);
  const add = win.addEventListener.bind(win);
  win.addEventListener = (...args: ListenerArgs) => {
    added.push(args);
    add(...args);
  };
}

/** Removes the listeners added to `win` since the last call: those of the documents of the input just read. */
export function release(win: Window): void {
  const added = listeners.get(win);
  if (added) for (const args of added.splice(0)) win.removeEventListener(...args);
}
