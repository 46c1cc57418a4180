// Node-side DOM for the CLI, tests and scripts: jsdom gives DOMPurify the real window it needs.
import { JSDOM } from 'jsdom';

export function parseHtml(html: string, url = 'https://news.zfe.space/'): Document {
  // No scripts, no resource loading: we only read the markup.
  const dom = new JSDOM(html, { url, contentType: 'text/html' });
  return dom.window.document;
}
