// The article body as Markdown (GFM): what "copy as Markdown" and the CLI give.
//
// Media choice: videos, audio and allow-listed player iframes become links, `[▶ Video: host](url)` (with the
// poster as the link's image when there is one), not raw HTML. Markdown viewers and note apps strip or refuse
// <iframe>/<video>, a link survives every renderer and plain-text reading, and pasting raw embeds into other
// tools would carry the very markup the sanitizer exists to control.
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';
import { codeLanguage, videoEmbedUrl } from './sanitize';

type El = HTMLElement;

/** Never article text (the sanitizer drops them too; the converter may see unsanitized input). */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'button',
  'select',
  'textarea',
  'input',
  'svg',
  'math',
  'object',
  'embed',
  'canvas',
  'head',
  'title',
  'meta',
  'link',
  'base',
]);

/** Elements that end a line inside a code block (line-per-element highlighters). */
const CODE_LINE_ELEMENTS = new Set(['div', 'p', 'li', 'tr']);

function safeUrl(value: string | null | undefined): string | null {
  const url = (value ?? '').trim();
  if (!url) return null;
  if (/^(?:[a-z]*script|data|blob|file):/i.test(url.replace(/[\u0000-\u0020]/g, ''))) return null;
  return url;
}

/**
 * A link destination: white space, controls and angle brackets percent-encoded, parentheses escaped (CommonMark
 * accepts both). A raw newline or `<` would end the link and let the rest of the address (`<javascript:…>`) read
 * as Markdown of its own.
 */
function destination(url: string): string {
  return url
    .replace(/[\u0000-\u0020\u007f<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))
    .replace(/[()]/g, '\\$&');
}

function titlePart(title: string | null, text = ''): string {
  const t = (title ?? '').replace(/\s+/g, ' ').trim();
  return t && t !== text.trim() ? ` "${t.replace(/[\\"]/g, '\\$&')}"` : '';
}

/**
 * Text that shows a `<` must not become raw HTML or an autolink in Markdown (`&lt;img onerror=…&gt;` shown as text
 * would render as an image with a handler). Only a `<` before an ASCII letter, `/`, `!` or `?` opens either
 * (`1 < 2`, `《<书名>》` stay as written); one at the end of a text node might, with the next node's text.
 */
const OPENS_MARKUP = /<(?=[A-Za-z/!?]|$)/g;

/** Text inside `[…]` (link text, image alt): brackets and backslashes escaped, and a `<` that could open markup
 *  (an alt attribute may hold `<iframe …` as text; Markdown would read it as raw HTML, across lines). */
function bracketText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[[\]\\]/g, '\\$&')
    .replace(OPENS_MARKUP, '\\<');
}

function hostOf(url: string): string {
  try {
    return new URL(url, 'https://invalid.example/').hostname || 'link';
  } catch {
    return 'link';
  }
}

/** The text of a code block exactly as shown: `<br>` and line elements are line breaks. */
function codeText(pre: Node): string {
  let out = '';
  const walk = (n: Node): void => {
    for (const c of Array.from(n.childNodes)) {
      if (c.nodeType === 3 || c.nodeType === 4) out += (c as CharacterData).data;
      else if (c.nodeType === 1) {
        const name = (c as Element).localName;
        if (name === 'br') out += '\n';
        else if (!DROPPED.has(name)) {
          walk(c);
          if (CODE_LINE_ELEMENTS.has(name) && !out.endsWith('\n')) out += '\n';
        }
      }
    }
  };
  walk(pre);
  return out;
}

function preLanguage(pre: Element): string {
  const code = pre.querySelector('code');
  const parent = pre.parentElement;
  return codeLanguage(pre) ?? (code ? codeLanguage(code) : null) ?? (parent ? codeLanguage(parent) : null) ?? '';
}

function mediaLink(label: string, url: string, poster: string | null): string {
  const text = `${label}: ${hostOf(url)}`;
  const inner = poster ? `![${bracketText(text)}](${destination(poster)})` : bracketText(text);
  return `\n\n[${inner}](${destination(url)})\n\n`;
}

function mediaSource(el: Element): string | null {
  const direct = safeUrl(el.getAttribute('src'));
  if (direct) return direct;
  for (const source of Array.from(el.querySelectorAll('source'))) {
    const url = safeUrl(source.getAttribute('src'));
    if (url) return url;
  }
  return null;
}

function imageSource(img: Element): string | null {
  const src = safeUrl(img.getAttribute('src'));
  if (src) return src;
  const first = (img.getAttribute('srcset') ?? '').trim().split(/\s+/)[0];
  return safeUrl(first);
}

// ---- tables -------------------------------------------------------------------------------------------------

function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of Array.from(table.children)) {
    if (child.localName === 'tr') rows.push(child);
    else if (['thead', 'tbody', 'tfoot'].includes(child.localName)) {
      for (const tr of Array.from(child.children)) if (tr.localName === 'tr') rows.push(tr);
    }
  }
  return rows;
}

function span(cell: Element, attr: string, max: number): number {
  const n = parseInt(cell.getAttribute(attr) ?? '', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/**
 * The table as a grid of origin cells (null where a row/col span continues), without the columns in which no
 * cell starts (`colspan=100%` reads as 100 and would otherwise add 96 empty columns).
 */
function tableGrid(rows: Element[]): (Element | null)[][] {
  const grid: (Element | null | undefined)[][] = rows.map(() => []);
  const origins = new Set<number>();
  rows.forEach((tr, r) => {
    let c = 0;
    for (const cell of Array.from(tr.children)) {
      if (cell.localName !== 'td' && cell.localName !== 'th') continue;
      while (grid[r]![c] !== undefined) c++;
      const cols = span(cell, 'colspan', 1000);
      const rowsSpanned = span(cell, 'rowspan', rows.length - r);
      for (let dr = 0; dr < rowsSpanned; dr++) {
        for (let dc = 0; dc < cols; dc++) grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? cell : null;
      }
      origins.add(c);
      c += cols;
    }
  });
  const columns = [...origins].sort((a, b) => a - b);
  return grid.map((row) => columns.map((c) => row[c] ?? null));
}

function cellText(service: TurndownService, cell: Element | null): string {
  if (!cell) return '';
  return service
    .turndown(cell as El)
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('<br>')
    .replace(/\|/g, '\\|');
}

/**
 * Every table becomes a GFM table; the first row is the header even without <thead> (the gfm plugin would keep
 * such tables as raw HTML). One-row or one-column tables are layout, not data: their cells become paragraphs.
 */
function tableMarkdown(service: TurndownService, table: Element): string {
  const rows = tableRows(table);
  const grid = tableGrid(rows);
  const width = grid[0]?.length ?? 0;
  if (grid.length === 0 || width === 0) return '';
  if (grid.length === 1 || width === 1) {
    const blocks = grid.flat().filter((c): c is Element => c !== null);
    return (
      '\n\n' +
      blocks
        .map((c) => service.turndown(c as El).trim())
        .filter(Boolean)
        .join('\n\n') +
      '\n\n'
    );
  }
  const lines = grid
    .map((row) => row.map((cell) => cellText(service, cell)))
    .filter((cells, i) => i === 0 || cells.some(Boolean))
    .map((cells) => `| ${cells.join(' | ')} |`);
  lines.splice(1, 0, `| ${Array(width).fill('---').join(' | ')} |`);
  return '\n\n' + lines.join('\n') + '\n\n';
}

// ---- the converter ------------------------------------------------------------------------------------------

function createService(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    fence: '```',
    emDelimiter: '*',
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  const escape = service.escape.bind(service);
  service.escape = (text: string) => escape(text).replace(OPENS_MARKUP, '\\<');
  // Task lists (and the gfm table rules, which ours below override).
  service.use(gfm);
  service.remove((node) => DROPPED.has(node.localName));

  // Rules added later win: each of these replaces the built-in or gfm rule for the same elements.
  service.addRule('codeBlock', {
    filter: (node) => node.localName === 'pre',
    replacement: (_content, node) => {
      const code = codeText(node).replace(/\n$/, '');
      if (!code.trim()) return '';
      const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(Math.max(3, longest + 1));
      return `\n\n${fence}${preLanguage(node)}\n${code}\n${fence}\n\n`;
    },
  });
  service.addRule('heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => {
      const text = content.replace(/\s*\n+\s*/g, ' ').trim();
      return text ? `\n\n${'#'.repeat(Number(node.localName.charAt(1)))} ${text}\n\n` : '';
    },
  });
  service.addRule('strikethrough', {
    filter: ['del', 's'],
    replacement: (content) => (content.trim() ? `~~${content}~~` : ''),
  });
  // The reader's highlights (src/core/highlight-export.ts); a page's own <mark> stays plain text, as before.
  service.addRule('highlight', {
    filter: (node) => node.localName === 'mark' && node.hasAttribute('data-pnr-hl'),
    replacement: (content) => (content.trim() ? `==${content}==` : ''),
  });
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const src = imageSource(node);
      if (!src) return '';
      const alt = bracketText(node.getAttribute('alt') ?? '');
      return `![${alt}](${destination(src)}${titlePart(node.getAttribute('title'), alt)})`;
    },
  });
  service.addRule('link', {
    filter: 'a',
    replacement: (content, node) => {
      const text = content.replace(/\s*\n+\s*/g, ' ').trim();
      if (!text) return '';
      const href = safeUrl(node.getAttribute('href'));
      if (!href || href.startsWith('#')) return text;
      return `[${text}](${destination(href)}${titlePart(node.getAttribute('title'), node.textContent ?? '')})`;
    },
  });
  service.addRule('video', {
    filter: 'video',
    replacement: (_content, node) => {
      const src = mediaSource(node);
      return src ? mediaLink('▶ Video', src, safeUrl(node.getAttribute('poster'))) : '';
    },
  });
  service.addRule('audio', {
    filter: 'audio',
    replacement: (_content, node) => {
      const src = mediaSource(node);
      return src ? mediaLink('♪ Audio', src, null) : '';
    },
  });
  service.addRule('iframe', {
    filter: 'iframe',
    replacement: (_content, node) => {
      const src = videoEmbedUrl(node.getAttribute('src'));
      return src ? mediaLink('▶ Video', src, null) : '';
    },
  });
  service.addRule('table', {
    filter: 'table',
    replacement: (_content, node) => tableMarkdown(service, node),
  });
  return service;
}

let shared: TurndownService | null = null;

/**
 * Outside code blocks: trailing spaces go except a hard break inside a paragraph, white-space-only lines are
 * blank, and at most one blank line separates blocks. Code blocks are kept byte for byte.
 */
function tidy(md: string): string {
  const lines = md.split('\n');
  const out: string[] = [];
  let fence: { char: string; len: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = /^[ \t>]*(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      out.push(line);
      if (marker && marker[1]![0] === fence.char && marker[1]!.length >= fence.len && !marker[2]!.trim()) fence = null;
      continue;
    }
    if (marker) {
      fence = { char: marker[1]![0]!, len: marker[1]!.length };
      out.push(line);
      continue;
    }
    if (!line.trim()) {
      if (out.length && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const nextBlank = i + 1 >= lines.length || !lines[i + 1]!.trim();
    out.push(
      nextBlank ? line.replace(/\s+$/, '') : line.replace(/(\S)[ \t]*$/, (m, last: string) => (/ {2}$/.test(m) ? `${last}  ` : last)),
    );
  }
  return out.join('\n').trim();
}

/** turndown's block elements: its white-space collapsing starts afresh at each. */
const TURNDOWN_BLOCKS = new Set(
  (
    'address article aside audio blockquote body canvas center dd dir div dl dt fieldset figcaption figure footer form ' +
    'frameset h1 h2 h3 h4 h5 h6 header hgroup hr html isindex li main menu nav noframes noscript ol output p pre ' +
    'section table tbody td tfoot th thead tr ul'
  ).split(' '),
);
const TURNDOWN_SPACE = /^[ \r\n\t]*$/;

function isTurndownBlock(node: Node | null): boolean {
  return node !== null && node.nodeType === 1 && TURNDOWN_BLOCKS.has((node as Element).localName);
}

/** Inline elements turndown writes as their contents alone. */
const TRANSPARENT = new Set(['span', 'font']);

/** Inline elements turndown writes with the same delimiter (`**`, `*`). */
const EMPHASIS: Readonly<Record<string, string>> = { strong: '**', b: '**', em: '*', i: '*' };

/**
 * Copies `from`'s children into `to` (another document) without what turndown's white-space collapsing would
 * delete anyway: comments, and white-space-only text right after a block element or first in one, outside <pre>.
 * jsdom counts a child's earlier siblings on every removal, so turndown deleting the line breaks between 10,000
 * paragraphs one by one took quadratic time (20 s for a 1.5 MB body); left out here, they cost nothing.
 */
function copyChildren(from: Node, to: Node, inPre: boolean, inMark: string | null = null): void {
  const doc = to.ownerDocument ?? (to as Document);
  // `from` is the root (a block, as turndown sees its copy) or an element copied below.
  const blockParent = from.nodeType !== 1 || isTurndownBlock(from);
  for (let child = from.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 8) continue;
    if (child.nodeType === 3 && !inPre && TURNDOWN_SPACE.test((child as Text).data)) {
      const prev = child.previousSibling;
      if (isTurndownBlock(prev) || (prev === null && blockParent)) continue;
    }
    if (child.nodeType !== 1) {
      to.appendChild(doc.importNode(child, false));
      continue;
    }
    const el = child as Element;
    // <span> and <font> mean nothing in Markdown (turndown keeps only their contents): their children are copied
    // in their place, so bold runs each in a span of its own (`<span><b>01</b></span><span><b>促销</b></span>`,
    // WeChat's editor) meet as siblings and join below instead of giving `**01****促销**`.
    if (!inPre && TRANSPARENT.has(el.localName)) {
      copyChildren(child, to, inPre, inMark);
      continue;
    }
    const mark = inPre ? undefined : EMPHASIS[el.localName];
    if (mark) {
      // `**a****b**` (two bold runs side by side, as WeChat editors write them) shows its asterisks in CommonMark
      // renderers, and bold inside bold adds nothing: the second run joins the first, the inner one its parent.
      const last = to.lastChild;
      if (mark === inMark) {
        copyChildren(child, to, inPre, inMark);
        continue;
      }
      // Only runs that both hold text: a run of a lone <br> would put the break just inside the asterisks.
      if (last?.nodeType === 1 && EMPHASIS[(last as Element).localName] === mark && last.textContent!.trim() && el.textContent.trim()) {
        copyChildren(child, last, inPre, mark);
        continue;
      }
    }
    const copy = to.appendChild(doc.importNode(child, false));
    if (el.localName === 'template') copyChildren((el as HTMLTemplateElement).content, (copy as HTMLTemplateElement).content, inPre);
    copyChildren(child, copy, inPre || el.localName === 'pre', mark ?? inMark);
  }
}

/** Markdown of an HTML string (parsed inertly with `doc`), or of an element's/fragment's contents. */
export function toMarkdown(input: string | Node, doc: Document): string {
  // An inert document: nothing the converter clones or parses loads or runs.
  const inert = doc.implementation.createHTMLDocument('');
  const root = inert.createElement('div');
  if (typeof input === 'string') {
    // DOMParser documents are inert too; no innerHTML write (web-ext lint).
    const Parser = doc.defaultView?.DOMParser ?? globalThis.DOMParser;
    if (!Parser) throw new Error('toMarkdown of a string needs a DOMParser: pass a document with a window, or a node');
    const parsed = new Parser().parseFromString(`<!doctype html><body>${input}`, 'text/html');
    copyChildren(parsed.body, root, false);
  } else {
    const source: Node = input.nodeType === 9 ? ((input as Document).body ?? (input as Document).documentElement) : input;
    if (source.nodeType === 1 || source.nodeType === 11) copyChildren(source, root, false);
    else root.append(inert.importNode(source, true));
  }
  shared ??= createService();
  return tidy(shared.turndown(root));
}

/** An article's Markdown: made from its sanitized HTML when the extraction left it out (`markdown: false`). */
export function markdownOf(article: { html: string; markdown?: string }, doc: Document): string {
  return article.markdown ?? toMarkdown(article.html, doc);
}
