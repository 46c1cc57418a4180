// Loading the curated fixture pages (see test/fixtures/SOURCES.md) as jsdom documents.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function fixtureText(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

export function fixtureNames(dir: string, ext = '.html'): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith(ext))
    .sort();
}

/** A document as the browser would build it (no scripts run), at a news.zfe.space address. */
export function loadPage(rel: string, url = `https://news.zfe.space/p/${rel.split('/').pop()}`): { doc: Document; win: Window } {
  const dom = new JSDOM(fixtureText(rel), { url, contentType: 'text/html' });
  return { doc: dom.window.document, win: dom.window as unknown as Window };
}

export function pageFromHtml(html: string, url = 'https://news.zfe.space/p/test.html'): { doc: Document; win: Window } {
  const dom = new JSDOM(html, { url, contentType: 'text/html' });
  return { doc: dom.window.document, win: dom.window as unknown as Window };
}
