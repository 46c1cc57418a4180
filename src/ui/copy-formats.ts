// What each copy button puts on the clipboard. The title leads every format: a pasted article
// without its headline loses the one line that says what it is.
import { htmlWithHighlights, markdownWithHighlights } from '../core/highlight-export';
import type { Highlight } from '../core/highlights';
import { markdownOf } from '../core/to-markdown';
import type { Article } from '../core/types';
import type { CopyPayload } from './clipboard';

export type CopyFormat = 'text' | 'markdown' | 'html';

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);

/** Plain text of sanitized HTML with paragraphs kept apart (article.text collapses them). The text is kept as a
 *  list of pieces and only its end is looked at: testing the whole string at each block made a 1 MB article
 *  take seconds (each test scanned or flattened all of it). */
export function htmlToText(html: string): string {
  const body = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
  const parts: string[] = []; // never an empty piece: no pieces means no text yet
  const push = (s: string): void => {
    if (s) parts.push(s);
  };
  const endsWith = (ch: string): boolean => parts.length > 0 && parts[parts.length - 1]!.endsWith(ch);
  const atLineStart = (): boolean => parts.length === 0 || endsWith('\n');
  const trailingNewlines = (): number => {
    let n = 0;
    for (let i = parts.length - 1; i >= 0; i--) {
      const part = parts[i]!;
      let j = part.length - 1;
      while (j >= 0 && part[j] === '\n') j--;
      n += part.length - 1 - j;
      if (j >= 0) break;
    }
    return n;
  };
  const newline = (count: number): void => {
    while (parts.length) {
      const last = parts[parts.length - 1]!;
      const trimmed = last.replace(/[ \t]+$/, '');
      if (trimmed === last) break;
      if (trimmed) {
        parts[parts.length - 1] = trimmed;
        break;
      }
      parts.pop();
    }
    if (parts.length === 0) return;
    const have = trailingNewlines();
    if (have < count) push('\n'.repeat(count - have));
  };
  const walk = (node: Node, pre: boolean): void => {
    if (node.nodeType === 3) {
      let value = node.nodeValue ?? '';
      if (!pre) {
        value = value.replace(/\s+/g, ' ');
        if (atLineStart() || endsWith(' ')) value = value.replace(/^ /, '');
      }
      push(value);
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).localName;
    if (name === 'br') return void push('\n');
    if ((name === 'td' || name === 'th') && !atLineStart()) push('\t');
    // List items and table rows take one line each; other blocks are paragraphs.
    const gap = name === 'li' || name === 'tr' ? 1 : BLOCK.has(name) ? 2 : 0;
    if (gap) newline(gap);
    for (const child of Array.from(node.childNodes)) walk(child, pre || name === 'pre');
    if (gap) newline(gap);
  };
  walk(body, false);
  return parts.join('').trim();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What goes on the clipboard; with highlights, Markdown and HTML carry them (marks and notes), plain text does not. */
export function copyPayload(article: Article, format: CopyFormat, highlights: readonly Highlight[] = []): CopyPayload {
  const title = article.title.trim();
  const text = htmlToText(article.html);
  const plain = title ? `${title}\n\n${text}` : text;
  switch (format) {
    case 'text':
      return { text: plain };
    case 'markdown': {
      // Made here when the page left it out (the popup and the reader ask for HTML and text only).
      const body = (highlights.length ? markdownWithHighlights(article.html, highlights, document) : markdownOf(article, document)).trim();
      return { text: title && !body.startsWith('# ') ? `# ${title}\n\n${body}\n` : `${body}\n` };
    }
    case 'html':
      return {
        text: plain,
        html:
          (title ? `<h1>${escapeHtml(title)}</h1>\n` : '') +
          (highlights.length ? htmlWithHighlights(article.html, highlights, document) : article.html),
      };
  }
}
