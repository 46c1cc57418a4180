// What each copy button puts on the clipboard. The title leads every format: a pasted article
// without its headline loses the one line that says what it is.
import { markdownOf } from '../core/to-markdown';
import type { Article } from '../core/types';
import type { CopyPayload } from './clipboard';

export type CopyFormat = 'text' | 'markdown' | 'html';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'tr', 'ul',
]);

/** Plain text of sanitized HTML with paragraphs kept apart (article.text collapses them). */
export function htmlToText(html: string): string {
  const body = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
  let out = '';
  const atLineStart = () => out === '' || out.endsWith('\n');
  const newline = (count: number): void => {
    out = out.replace(/[ \t]+$/, '');
    if (out === '') return;
    const have = /\n*$/.exec(out)![0].length;
    if (have < count) out += '\n'.repeat(count - have);
  };
  const walk = (node: Node, pre: boolean): void => {
    if (node.nodeType === 3) {
      let value = node.nodeValue ?? '';
      if (!pre) {
        value = value.replace(/\s+/g, ' ');
        if (atLineStart() || out.endsWith(' ')) value = value.replace(/^ /, '');
      }
      out += value;
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).localName;
    if (name === 'br') return void (out += '\n');
    if ((name === 'td' || name === 'th') && !atLineStart()) out += '\t';
    // List items and table rows take one line each; other blocks are paragraphs.
    const gap = name === 'li' || name === 'tr' ? 1 : BLOCK.has(name) ? 2 : 0;
    if (gap) newline(gap);
    for (const child of Array.from(node.childNodes)) walk(child, pre || name === 'pre');
    if (gap) newline(gap);
  };
  walk(body, false);
  return out.trim();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function copyPayload(article: Article, format: CopyFormat): CopyPayload {
  const title = article.title.trim();
  const text = htmlToText(article.html);
  const plain = title ? `${title}\n\n${text}` : text;
  switch (format) {
    case 'text':
      return { text: plain };
    case 'markdown': {
      // Made here when the page left it out (the popup and the reader ask for HTML and text only).
      const body = markdownOf(article, document).trim();
      return { text: title && !body.startsWith('# ') ? `# ${title}\n\n${body}\n` : `${body}\n` };
    }
    case 'html':
      return { text: plain, html: (title ? `<h1>${escapeHtml(title)}</h1>\n` : '') + article.html };
  }
}
