// What each copy button puts on the clipboard. The title leads every format: a pasted article
// without its headline loses the one line that says what it is.
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
  const out: string[] = [];
  const walk = (node: Node, pre: boolean): void => {
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      out.push(pre ? value : value.replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).localName;
    if (name === 'br') return void out.push('\n');
    if (name === 'td' || name === 'th') out.push('\t');
    const block = BLOCK.has(name);
    if (block) out.push('\n\n');
    for (const child of Array.from(node.childNodes)) walk(child, pre || name === 'pre');
    if (block) out.push('\n\n');
  };
  walk(body, false);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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
      const body = article.markdown.trim();
      return { text: title && !body.startsWith('# ') ? `# ${title}\n\n${body}\n` : `${body}\n` };
    }
    case 'html':
      return { text: plain, html: (title ? `<h1>${escapeHtml(title)}</h1>\n` : '') + article.html };
  }
}
