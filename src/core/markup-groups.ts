// A long body's markup in groups of whole nodes, each read back (parsed, cleaned, sanitized) in a step of its own.
// Groups divide the body's children and, where the body is one wrapper around the article (a `<div>` around all of
// it, as on the largest corpus page), that wrapper's children: otherwise such a body was one group however long.
import { isChromeNear } from './structural';
import type { Steps } from './steps';

/**
 * Wrappers whose children groups may divide. Their children parse alone as they do inside them (the HTML parser's
 * "in body" rules treat them alike; a table's or a list's children would not), and the sanitizer keeps them.
 */
const DIVISIBLE = new Set(['div', 'section', 'article', 'blockquote']);
const HTML_NS = 'http://www.w3.org/1999/xhtml';
/** Wrappers inside wrappers deeper than this stay whole (a group then holds the rest of the deepest one). */
const MAX_DEPTH = 16;

/** One group of a body's markup. */
export interface MarkupGroup {
  /** Whole nodes, and the start tags of the wrappers it opens (their ends are in a later group's place). */
  markup: string;
  /** How many divided wrappers its nodes go into: 0, the body; 1, the body's last element; and so on. */
  depth: number;
  /** Wrappers it opens and leaves open for the groups after it, outermost first (local names). */
  opens: string[];
  /** Wrappers opened by earlier groups that end where it begins, innermost first (local names). */
  closes: string[];
}

/** HTML serialization of a node (the HTML standard's fragment serialization of one node). */
export function serializeChild(node: ChildNode): string {
  switch (node.nodeType) {
    case 1:
      return (node as Element).outerHTML;
    case 3:
      return (node as Text).data
        .replace(/&/g, '&amp;')
        .replace(/\u00a0/g, '&nbsp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
    case 8:
      return `<!--${(node as Comment).data}-->`;
    default:
      return '';
  }
}

/** The end tags of `names` (innermost first), as the serializer writes them. */
export function endTags(names: readonly string[]): string {
  return names.map((name) => `</${name}>`).join('');
}

/** An element's start tag as the serializer writes it. */
function startTag(el: Element): string {
  const shallow = (el.cloneNode(false) as Element).outerHTML;
  return shallow.slice(0, shallow.length - endTags([el.localName]).length);
}

type Unit = { node: string; shows: boolean } | { open: string; name: string } | { close: string };

/** Never shown: the sanitizer removes them (a feed's `<style>` often comes first in its body). */
const UNSHOWN = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta']);

/** Whether a node shows anything once sanitized, as far as its own kind tells: text that is not white space, an
 *  element of a kind that can. */
function shows(node: ChildNode): boolean {
  if (node.nodeType === 3) return /\S/.test((node as Text).data);
  return node.nodeType === 1 && !UNSHOWN.has((node as Element).localName);
}

/** A wrapper to divide: the last element of its parent (everything after its start tag, up to its end, is inside
 *  it), of a divisible kind, and no chrome (a wrapper measured against the body must be measured whole). */
function divisible(el: Element | null, parent: Element, depth: number): el is Element {
  return el !== null && depth < MAX_DEPTH && el.namespaceURI === HTML_NS && DIVISIBLE.has(el.localName) && !isChromeNear(el, parent, 1);
}

/** The body as a sequence of whole nodes and wrapper starts and ends. */
function* units(parent: Element, divide: boolean, depth = 0): Generator<Unit> {
  const last = divide ? parent.lastElementChild : null;
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child === last && divisible(last, parent, depth)) {
      yield { open: startTag(last), name: last.localName };
      yield* units(last, divide, depth + 1);
      yield { close: last.localName };
    } else {
      yield { node: serializeChild(child), shows: shows(child) };
    }
  }
}

/**
 * The body's markup in groups of about `size` characters, the first of about `first` and each next one twice the
 * one before up to `size`; one group when it all fits (exactly the body's innerHTML). `divide`: groups may divide
 * the body's last wrapper (see DIVISIBLE), each group then at its depth; false, only the body's children.
 */
export function* markupGroups(body: Element, size: number, first = size, divide = true): Steps<MarkupGroup[]> {
  const groups: MarkupGroup[] = [];
  let current: string[] = [];
  let length = 0;
  /** Whole nodes that show something in the current group, and whether its markup ends with a start tag: a group
   *  ends after such a node, never on a start tag (a first group of an empty wrapper would show nothing). */
  let nodes = 0;
  let afterStart = false;
  let limit = Math.min(first, size);
  /** The wrappers open, outermost first; the last `openedHere` of them opened in the current group. */
  const open: string[] = [];
  let openedHere = 0;
  let depth = 0;
  let closes: string[] = [];
  const finish = () => {
    groups.push({ markup: current.join(''), depth, opens: open.slice(open.length - openedHere), closes });
    current = [];
    length = 0;
    nodes = 0;
    closes = [];
    depth = open.length;
    openedHere = 0;
    limit = Math.min(limit * 2, size);
  };
  for (const unit of units(body, divide)) {
    if ('close' in unit) {
      open.pop();
      if (openedHere > 0) {
        // Opened in this group: its end is in this group's markup, as in the body's.
        openedHere--;
        current.push(endTags([unit.close]));
        afterStart = false;
        continue;
      }
      // Opened in an earlier group: what follows it is at a shallower depth, in a group of its own.
      if (current.length) {
        finish();
        yield;
      }
      closes.push(unit.close);
      depth = open.length;
      continue;
    }
    const markup = 'node' in unit ? unit.node : unit.open;
    if (nodes > 0 && !afterStart && length + markup.length > limit) {
      finish();
      yield;
    }
    current.push(markup);
    length += markup.length;
    afterStart = 'open' in unit;
    if ('open' in unit) {
      open.push(unit.name);
      openedHere++;
    } else if (unit.shows) {
      nodes++;
    }
  }
  // Nothing after the last wrappers' ends: they end with the last group.
  if (current.length || !groups.length) finish();
  return groups;
}
