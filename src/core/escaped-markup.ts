// Feeds that escaped their own HTML: the page shows markup as text. In the corpus (6 of 266 rendered pages) it
// always comes from Hexo's Markdown step: an indented line of the feed's HTML after a blank line became an
// indented code block, so the rest of the feed's markup sits, escaped, in a bare <pre><code>.
//
// The rule (clear evidence only):
//   A "run" is either the text of a bare code block — a <pre> holding only text, or one <code> holding only text,
//   with no language hint (language-*/lang-*/brush:/data-lang on pre or code; a bare `hljs` is no hint: Fluid
//   puts it on every block, highlighted or not) — or a text node of running
//   text outside code. Its tags are the well-formed tags (`<p class="x">`, `</div>`, `<br/>`) naming known
//   HTML elements; its density is the share of its non-space characters that lie inside well-formed tags
//   (of any name: an SVG <path d="…"> is markup too).
//   - A bare code block is escaped markup when density >= 0.5, it has 3+ tags or is nothing but tags
//     (density >= 0.95), AND it carries the Markdown signature: it closes an element it never opened (a cut
//     fragment of a page, which no tutorial shows) or its first line is indented (what is left of the feed's
//     indentation after Markdown took 4 spaces; a code sample starts at its own margin).
//   - Running text is escaped markup when it has 3+ tags and density >= 0.5 (prose about HTML names a tag
//     or two among many words).
//   A code block with a language, a highlighted one (element children), or inline code is code: never touched.
import { codeLanguage } from './sanitize';

const HTML_ELEMENTS = new Set(
  (
    'a abbr address area article aside audio b bdi bdo big blockquote body br button canvas caption center cite ' +
    'code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font ' +
    'footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main ' +
    'map mark math menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp ' +
    'rt ruby s samp script section select small source span strike strong style sub summary sup svg table tbody td ' +
    'template textarea tfoot th thead time title tr track tt u ul var video wbr'
  ).split(' '),
);

const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));

/** One well-formed start or end tag: name, then attributes (quoted, unquoted or bare), optional self-closing slash. */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;

/** Where visible text is code or not text at all. */
const NOT_PROSE = 'pre, code, kbd, samp, textarea, script, style, template, noscript, xmp, listing, plaintext';

export interface MarkupMeasure {
  tags: number;
  density: number;
  /** A closing tag for an element the run never opened. */
  unbalanced: boolean;
  /** The first non-blank line starts with white space. */
  indented: boolean;
}

export function measureMarkup(text: string): MarkupMeasure {
  let tags = 0;
  let inside = 0;
  let unbalanced = false;
  const open: string[] = [];
  for (const m of text.matchAll(TAG)) {
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    if (closing && m[3]!.trim()) continue;
    // Any well-formed tag is markup (an SVG <path d=…> is long); only known HTML names count as evidence.
    inside += m[0].replace(/\s+/g, '').length;
    if (!HTML_ELEMENTS.has(name)) continue;
    tags++;
    if (VOID.has(name)) continue;
    if (!closing) open.push(name);
    else {
      const at = open.lastIndexOf(name);
      if (at === -1) unbalanced = true;
      else open.length = at;
    }
  }
  const total = text.replace(/\s+/g, '').length;
  const firstLine = text.split('\n').find((line) => line.trim()) ?? '';
  return { tags, density: total ? inside / total : 0, unbalanced, indented: /^(?: {2,}|\t)/.test(firstLine) };
}

function isBareCodeBlock(pre: Element): boolean {
  if (codeLanguage(pre)) return false;
  const elements = Array.from(pre.children);
  if (elements.length === 0) return true;
  if (elements.length > 1) return false;
  const code = elements[0]!;
  if (code.localName !== 'code' || code.children.length > 0) return false;
  if (codeLanguage(code)) return false;
  // Nothing but white space beside the <code>.
  return Array.from(pre.childNodes).every((n) => n === code || (n.nodeType === 3 && !(n.textContent ?? '').trim()));
}

/** The whole block is one block-level element wrapping prose (`<p>njs 0.6.1 已发布…</p>`, NexT 045). */
const WRAPPED_PROSE = /^\s*<(p|div|section|blockquote|h[1-6]|figure)\b[^>]*>[\s\S]*<\/\1>\s*$/i;

/** Wrapped prose, not a sample: balanced, no code punctuation, and a sentence's worth of text between the tags. */
function isWrappedProse(text: string, m: MarkupMeasure): boolean {
  if (!WRAPPED_PROSE.test(text) || m.unbalanced) return false;
  const between = text.replace(TAG, '');
  return !/[{};=]/.test(between) && between.replace(/\s+/g, '').length >= 20;
}

function codeBlockIsMarkup(text: string): boolean {
  const m = measureMarkup(text);
  if (isWrappedProse(text, m)) return true;
  return m.tags >= 1 && m.density >= 0.5 && (m.tags >= 3 || m.density >= 0.95) && (m.unbalanced || m.indented);
}

function proseIsMarkup(text: string): boolean {
  const m = measureMarkup(text);
  return m.tags >= 3 && m.density >= 0.5;
}

interface Run {
  /** What the rendered markup replaces. */
  target: ChildNode;
  text: string;
}

function findRuns(root: Element): Run[] {
  const runs: Run[] = [];
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const text = pre.textContent ?? '';
    if (isBareCodeBlock(pre) && codeBlockIsMarkup(text)) runs.push({ target: pre, text });
  }
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n as Text).data;
    if (!text.includes('<') || !proseIsMarkup(text)) continue;
    const parent = n.parentElement;
    if (!parent || parent.closest(NOT_PROSE)) continue;
    // A paragraph that is nothing but the escaped markup is replaced whole (<p> cannot hold the blocks it spells).
    const alone = Array.from(parent.childNodes).every((c) => c === n || (c.nodeType === 3 && !(c.textContent ?? '').trim()));
    const target = alone && parent !== root && ['p', 'span', 'font'].includes(parent.localName) ? parent : (n as Text);
    runs.push({ target, text });
  }
  return runs;
}

/** True when the element shows escaped HTML as text (see the rule above). */
export function hasEscapedMarkup(root: Element): boolean {
  return findRuns(root).length > 0;
}

/** Removed before the markup joins the caller's tree: nothing in it may run or load a frame until sanitized. */
const DEFUSED =
  'script, style, link, meta, base, iframe, frame, frameset, object, embed, applet, noscript, template, svg, math, form, input, button, select, textarea';

function defuse(fragment: DocumentFragment): void {
  for (const el of Array.from(fragment.querySelectorAll(DEFUSED))) el.remove();
  for (const el of Array.from(fragment.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || attr.name === 'srcdoc' || attr.name === 'formaction') el.removeAttribute(attr.name);
    }
  }
}

/**
 * In place, on a detached clone: each escaped run is replaced by the markup it spells, parsed by a DOMParser
 * (inert: parsing runs nothing and loads nothing) and defused before it is adopted (an adopted
 * <img onerror> would fire even in a detached tree of a live page). True when anything was rendered.
 * The caller sanitizes the result like any other body.
 */
export function renderEscapedMarkup(root: Element, parser: DOMParser = defaultParser()): boolean {
  const doc = root.ownerDocument;
  const runs = findRuns(root);
  for (const run of runs) {
    // A DOMParser document is inert (no script runs, nothing loads); a <body> wrapper keeps fragments such as
    // a lone </div> from leaking into the head.
    const parsed = parser.parseFromString(`<!doctype html><body>${run.text}`, 'text/html');
    const fragment = doc.createDocumentFragment();
    fragment.append(...Array.from(parsed.body.childNodes).map((n) => doc.importNode(n, true)));
    defuse(fragment);
    run.target.replaceWith(fragment);
  }
  return runs.length > 0;
}

function defaultParser(): DOMParser {
  const Parser = (globalThis as { DOMParser?: typeof DOMParser }).DOMParser;
  if (!Parser) throw new Error('renderEscapedMarkup needs a DOMParser: pass one (e.g. new window.DOMParser())');
  return new Parser();
}
