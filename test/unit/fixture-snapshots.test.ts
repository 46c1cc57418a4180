// @vitest-environment jsdom
// Markdown and HTML snapshots of every article fixture (as defuddle keeps its expected outputs): what Copy as
// Markdown / Save as Markdown and Save as HTML give for the page, through the code the extension and the CLI run.
// Reviewed by hand (test/fixtures/expected/README.md). A change of output fails here with the first differing line;
// after reviewing the new output, rewrite them with
//   UPDATE_SNAPSHOTS=1 npx vitest run test/unit/fixture-snapshots.test.ts
// (an explicit switch, not vitest's snapshot auto-write: a missing snapshot fails instead of writing itself).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, extractPost } from '../../src/core';
import { markdownOf } from '../../src/core/to-markdown';
import type { Article } from '../../src/core/types';
import { extractText } from '../../src/node/extract-text';
import { buildHtmlFile, buildMarkdownFile } from '../../src/ui/save';
import { FIXTURES, fixtureNames, fixtureText, loadPage } from '../helpers/fixtures';

const EXPECTED = join(FIXTURES, 'expected');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
/** The saved HTML file carries its time of making: fixed, so the snapshot does not change by the clock. */
const SAVED_AT = new Date('2024-01-01T00:00:00Z');

/** The article fixtures: the live theme's pages, the raw posts, the NexT renderings (listings are not articles). */
const ARTICLES = [
  ...fixtureNames('rendered').map((f) => `rendered/${f}`),
  ...fixtureNames('posts', '.md').map((f) => `posts/${f}`),
  ...fixtureNames('next')
    .filter((f) => !f.startsWith('listing'))
    .map((f) => `next/${f}`),
];

/** Where a fixture is served from: a page on the site, a raw post as GitHub serves it. */
function urlOf(rel: string): string {
  const name = rel.split('/').pop()!;
  return rel.startsWith('posts/')
    ? `https://raw.githubusercontent.com/zfe/news/main/source/_posts/${name}`
    : `https://news.zfe.space/p/${name}`;
}

/** The article as the content script reads it: no Markdown made up front (reading.ts), a copy or a save makes it. */
function read(rel: string): Article {
  const url = urlOf(rel);
  if (rel.startsWith('posts/')) return extractPost(fixtureText(rel), document, { url, markdown: false });
  const { doc, win } = loadPage(rel, url);
  return extract(doc, { url, win, markdown: false });
}

/** The saved HTML file's article: header (title, categories, facts, topics), cover, sanitized body. Its <head> is
 *  the same fixed style for every article, proven in save.test.ts. */
function savedArticleHtml(article: Article): string {
  const file = buildHtmlFile(article, SAVED_AT).content;
  const start = file.indexOf('<article>');
  const end = file.lastIndexOf('</article>') + '</article>'.length;
  expect(start, 'saved HTML has an <article>').toBeGreaterThan(0);
  return `${file.slice(start, end)}\n`;
}

function firstDifference(got: string, want: string): string {
  const g = got.split('\n');
  const w = want.split('\n');
  for (let i = 0; i < Math.max(g.length, w.length); i++) {
    if (g[i] === w[i]) continue;
    // The saved HTML keeps a body on one long line: show where in the line it starts to differ.
    const a = w[i] ?? '';
    const b = g[i] ?? '';
    let col = 0;
    while (col < a.length && a[col] === b[col]) col++;
    const around = (line: string | undefined) =>
      line === undefined ? '(end of file)' : JSON.stringify(line.slice(Math.max(0, col - 120), col + 200));
    return `line ${i + 1}, column ${col + 1}:\n  want: ${around(w[i])}\n  got:  ${around(g[i])}`;
  }
  return 'no difference by line';
}

function expectSnapshot(file: string, got: string): void {
  const path = join(EXPECTED, file);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, got);
  }
  expect(existsSync(path), `no snapshot ${file}: review the output, then UPDATE_SNAPSHOTS=1`).toBe(true);
  const want = readFileSync(path, 'utf8');
  if (got !== want) {
    expect.fail(
      `${file} differs from its reviewed snapshot at ${firstDifference(got, want)}\n` +
        'If the change is right, review the new file and rewrite with UPDATE_SNAPSHOTS=1 npx vitest run test/unit/fixture-snapshots.test.ts',
    );
  }
}

describe('article fixtures: Markdown and HTML as copied and saved', () => {
  it('finds the article fixtures', () => {
    expect(ARTICLES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ARTICLES)('%s', (rel) => {
    const article = read(rel);
    const base = rel.replace(/\.(html|md)$/, '');
    const saved = buildMarkdownFile(article).content;
    expectSnapshot(`${base}.md`, saved);
    expectSnapshot(`${base}.html`, savedArticleHtml(article));

    // The CLI makes the Markdown inside the core (markdown on) in its own window: the same text as the extension's.
    const cli = extractText(fixtureText(rel), rel, urlOf(rel));
    expect(cli.html).toBe(article.html);
    expect(cli.markdown.trim()).toBe(markdownOf(article, document).trim());
  });
});
