// Saving an article as a file: Markdown with YAML front matter, or a standalone HTML document. The
// builders are pure (article in, file out); `downloadFile` hands the result to the browser through a
// Blob and an `<a download>` click, so no `downloads` permission is needed.
import { htmlWithHighlights, markdownWithHighlights } from '../core/highlight-export';
import type { Highlight } from '../core/highlights';
import { markdownOf } from '../core/to-markdown';
import type { Article } from '../core/types';
import { prepareArticleHtml } from './article-html';
import { articleLang, safeHref } from './format';

export interface SavedFile {
  name: string;
  mime: string;
  content: string;
}

/** A file of bytes (a zip). */
export interface SavedBytes {
  name: string;
  mime: string;
  content: Uint8Array<ArrayBuffer>;
}

/** What `buildHtmlFile` may be told by a save with pictures (src/save/html-with-pictures.ts). */
export interface HtmlFileOptions {
  /** The body to show instead of `article.html`: already sanitized, its pictures resolved. */
  body?: string;
  /** The cover's address in the file (a data: URI), or null to show it as a link; absent: its own address. */
  coverSrc?: string | null;
  /** Pictures only from the file itself (data: URIs): opened offline, it asks the network for nothing. */
  selfContained?: boolean;
  /** The reader's highlights: marked, with notes as titles and footnotes. */
  highlights?: readonly Highlight[];
}

/**
 * A YAML double-quoted scalar. JSON string syntax is a subset of YAML's double-quoted style, so
 * quotes, backslashes, newlines, `#`, `: ` and `---` inside a title cannot end the value early.
 * U+2028/2029 are escaped too: YAML 1.1 readers take them as line breaks.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function yamlList(key: string, values: string[]): string {
  if (values.length === 0) return `${key}: []`;
  return `${key}:\n${values.map((v) => `  - ${yamlString(v)}`).join('\n')}`;
}

/** The YAML front matter (with its `---` fences) for an article. */
export function frontMatter(article: Article): string {
  const lines = [`title: ${yamlString(article.title)}`, yamlList('categories', article.categories)];
  if (article.published?.date) lines.push(`date: ${yamlString(article.published.date)}`);
  lines.push(`source: ${yamlString(article.url)}`);
  if (article.origin) lines.push(`origin: ${yamlString(article.origin)}`);
  if (article.feed) lines.push(`feed: ${yamlString(article.feed)}`);
  // A picsum placeholder is not the article's image.
  if (article.cover && !article.cover.placeholder) lines.push(`cover: ${yamlString(article.cover.url)}`);
  lines.push(
    yamlList(
      'topics',
      article.topics.map((t) => t.text),
    ),
  );
  return `---\n${lines.join('\n')}\n---\n`;
}

const RESERVED = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/**
 * A file name from the title that every OS accepts: no path separators or reserved characters,
 * no leading dots, at most 80 characters (Han characters are 3 bytes each in UTF-8 file systems).
 */
export function fileBaseName(title: string): string {
  const cleaned = title
    .replace(RESERVED, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const short = Array.from(cleaned).slice(0, 80).join('').trim();
  return short || 'article';
}

export function buildMarkdownFile(article: Article, highlights: readonly Highlight[] = []): SavedFile {
  const body = (highlights.length ? markdownWithHighlights(article.html, highlights, document) : markdownOf(article, document)).trim();
  return {
    name: `${fileBaseName(article.title)}.md`,
    mime: 'text/markdown;charset=utf-8',
    content: `${frontMatter(article)}\n${body}\n`,
  };
}

/** Text for HTML text content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Small, print-friendly, light and dark; nothing loaded from anywhere. */
const FILE_CSS = `
:root { color-scheme: light dark; }
body { margin: 0; font: 18px/1.7 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Arial, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1d2127; background: #fff; }
main { max-width: 38em; margin: 0 auto; padding: 2em 1.25em 4em; }
header { margin-bottom: 1.5em; padding-bottom: 1em; border-bottom: 1px solid #d9dde3; }
h1 { font-size: 1.6em; line-height: 1.4; margin: 0 0 .4em; }
.cats, .facts { color: #5b636e; font-size: .85em; margin: 0 0 .3em; }
.topics { display: flex; flex-wrap: wrap; gap: .4em; list-style: none; padding: 0; margin: .6em 0 0; font-size: .8em; }
.topics a { display: inline-block; padding: .1em .6em; border-radius: 999px; background: #e9f1fc; color: #0b4f9e; text-decoration: none; }
a { color: #0a63c9; overflow-wrap: anywhere; }
img, video, iframe { display: block; max-width: 100%; height: auto; margin: 1em auto; }
pre { overflow-x: auto; padding: .8em 1em; background: #f5f6f8; border-radius: 6px; line-height: 1.5; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .875em; }
blockquote { margin: 0 0 1em; padding: .2em 1em; border-left: 3px solid #d9dde3; color: #5b636e; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
th, td { border: 1px solid #d9dde3; padding: .3em .6em; }
figcaption { text-align: center; color: #5b636e; font-size: .875em; }
mark { color: inherit; background: #fff0a0; border-radius: 2px; }
mark.pnr-hl-green { background: #c9f2c2; } mark.pnr-hl-blue { background: #cde4ff; } mark.pnr-hl-pink { background: #ffd3e6; }
.pnr-fnref { line-height: 0; } .pnr-footnotes { margin-top: 2em; font-size: .9em; color: #5b636e; }
@media (prefers-color-scheme: dark) {
  mark { background: #5e5200; } mark.pnr-hl-green { background: #1f4d1c; } mark.pnr-hl-blue { background: #1b3d66; } mark.pnr-hl-pink { background: #5c2140; }
  .pnr-footnotes { color: #a0a7b1; }
  body { color: #e4e6ea; background: #1b1d22; }
  header, blockquote, th, td { border-color: #3a3f47; }
  .cats, .facts, blockquote, figcaption { color: #a0a7b1; }
  a { color: #5aa2f5; }
  .topics a { background: #1f3350; color: #b5d4fb; }
  pre { background: #25282e; }
}
@media print {
  body { font-size: 11pt; color: #000; background: #fff; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  article > div a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; color: #444; }
  img, figure, pre, blockquote, table { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}`;

/**
 * A standalone HTML document: metadata header, the sanitized body, a small style. Every article
 * field is escaped; links are http(s) only. Its own CSP forbids scripts and any plugin content, so
 * even a body that got past sanitizing could not run anything when the file is opened.
 */
export function buildHtmlFile(article: Article, generatedAt: Date = new Date(), options: HtmlFileOptions = {}): SavedFile {
  const lang = articleLang(article);
  const title = article.title.trim() || 'Untitled';
  const source = safeHref(article.url);
  const origin = safeHref(article.origin);
  const facts: string[] = [];
  if (article.feed) facts.push(escapeHtml(article.feed));
  if (article.published?.date)
    facts.push(`<time datetime="${escapeHtml(article.published.date)}">${escapeHtml(article.published.date)}</time>`);
  if (origin) facts.push(`<a href="${escapeHtml(origin)}">${escapeHtml(new URL(origin).hostname)}</a>`);
  if (source) facts.push(`<a href="${escapeHtml(source)}">${escapeHtml(source)}</a>`);
  const topics = article.topics
    .map((t) => {
      const href = safeHref(t.href);
      const text = escapeHtml(t.text);
      return `<li>${href ? `<a href="${escapeHtml(href)}">${text}</a>` : text}</li>`;
    })
    .join('');
  const cover = article.cover && !article.cover.placeholder ? safeHref(article.cover.url) : undefined;
  const showCover = cover && !article.images.some((img) => img.url === article.cover?.url);
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No scripts, no plugins, no forms; images and media may load from anywhere, as on the page.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${options.selfContained ? 'data:' : '* data: blob:'}; media-src * data: blob:; style-src 'unsafe-inline'; frame-src https:; form-action 'none'; base-uri 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="Proxied News Reader">`,
    `<meta name="date" content="${escapeHtml(generatedAt.toISOString())}">`,
    source ? `<link rel="canonical" href="${escapeHtml(source)}">` : '',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${FILE_CSS}</style>`,
  ].filter(Boolean);
  const header = [
    article.categories.length ? `<p class="cats">${article.categories.map(escapeHtml).join(' / ')}</p>` : '',
    `<h1>${escapeHtml(title)}</h1>`,
    facts.length ? `<p class="facts">${facts.join(' · ')}</p>` : '',
    topics ? `<ul class="topics">${topics}</ul>` : '',
  ].filter(Boolean);
  const content = [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    `<head>\n${head.join('\n')}\n</head>`,
    '<body>',
    '<main>',
    `<article>`,
    `<header>${header.join('\n')}</header>`,
    showCover ? coverFigure(cover, options.coverSrc) : '',
    // The core's DOMPurify output, with display attributes (referrerpolicy, rel) added in an inert parse; highlights
    // are drawn into it as marks and footnotes made of text nodes (src/core/highlight-export.ts).
    `<div>${prepareArticleHtml(withHighlights(options.body ?? article.html, options.highlights), { inPageLinks: true })}</div>`,
    '</article>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ];
  return {
    name: `${fileBaseName(article.title)}.html`,
    mime: 'text/html;charset=utf-8',
    content: content.filter((l) => l !== '').join('\n') + '\n',
  };
}

function withHighlights(html: string, highlights: readonly Highlight[] | undefined): string {
  return highlights?.length ? htmlWithHighlights(html, highlights, document) : html;
}

function coverFigure(cover: string, src: string | null | undefined): string {
  if (src === null) return `<p><a href="${escapeHtml(cover)}">🖼 ${escapeHtml(cover)}</a></p>`;
  return `<figure><img src="${escapeHtml(src ?? cover)}" alt="" referrerpolicy="no-referrer"></figure>`;
}

/**
 * Offers `file` as a download from `doc`: a Blob URL on a temporary `<a download>` (in `parent`). The URL is
 * revoked a minute later, not at once: Firefox reads it after the click returns.
 */
export function downloadFile(file: SavedFile | SavedBytes, doc: Document = document, parent?: Node): void {
  const win = doc.defaultView ?? window;
  const url = win.URL.createObjectURL(new Blob([file.content], { type: file.mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  a.style.display = 'none';
  // The reader passes its shadow root: nothing of ours enters the page's DOM.
  (parent ?? doc.body ?? doc.documentElement).appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    win.setTimeout(() => win.URL.revokeObjectURL(url), 60_000);
  }
}
