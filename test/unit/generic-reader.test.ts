// The any-page reader's article: Readability's main text turned into an Article by the core's sanitizer,
// Markdown and counters, on a copy of the page (the live document is never changed).
import { describe, expect, it } from 'vitest';
import { genericArticle, nothingToRead, GENERIC_THEME } from '../../src/content/generic-reader';
import { parseHtml } from '../../src/node/dom';
import { emptyPageHtml, genericPageHtml, GENERIC_BYLINE, GENERIC_TITLE } from '../browser/generic-page';

const URL = 'https://harbour.example/2024/lighthouses.html';

describe('genericArticle', () => {
  it('reads an ordinary blog post: title, byline, body without the site chrome, media and links absolute', () => {
    const doc = parseHtml(genericPageHtml(), URL);
    const before = doc.documentElement.outerHTML;
    const article = genericArticle(doc, doc.defaultView!)!;
    expect(article).not.toBeNull();
    // Readability worked on a clone.
    expect(doc.documentElement.outerHTML).toBe(before);

    expect(article.theme).toBe(GENERIC_THEME);
    expect(article.kind).toBe('article');
    expect(article.title).toBe(GENERIC_TITLE);
    expect(article.feed).toContain(GENERIC_BYLINE);
    expect(article.categories).toEqual([]);
    expect(article.topics).toEqual([]);
    expect(article.url).toBe(URL);

    expect(article.text).toContain('For most of their history lighthouses said one thing only');
    expect(article.text).toContain('spoken in light across the water');
    // Navigation, sidebar and footer are not the article.
    expect(article.text).not.toContain('Archive');
    expect(article.text).not.toContain('Elsewhere');
    expect(article.text).not.toContain('© Harbour Notes');
    expect(article.counts.words).toBeGreaterThan(400);
    expect(article.counts.readingMinutes).toBeGreaterThanOrEqual(2);

    expect(article.images.map((i) => i.url)).toEqual(['https://harbour.example/img/lighthouse.png']);
    expect(article.links.map((l) => l.href)).toContain('https://harbour.example/lists/characters');
    expect(article.markdown).toContain('[the list of characters](https://harbour.example/lists/characters)');
    expect(article.markdown).toMatch(/!\[A lighthouse at dusk\]\(https:\/\/harbour\.example\/img\/lighthouse\.png\)/);
  });

  it('sanitizes what Readability keeps: no script, no handler, no javascript: link', () => {
    const hostile = genericPageHtml().replace(
      '<figure>',
      '<p>Trap <img src="/x.png" onerror="alert(1)"> <a href="javascript:alert(2)">click</a></p><script>alert(3)</script><figure>',
    );
    const doc = parseHtml(hostile, URL);
    const article = genericArticle(doc, doc.defaultView!)!;
    expect(article.html).toContain('Trap');
    expect(article.html).not.toMatch(/onerror|javascript:|<script|alert\(/i);
  });

  it('finds nothing on a page without text to read', () => {
    const doc = parseHtml(emptyPageHtml(), URL);
    expect(genericArticle(doc, doc.defaultView!)).toBeNull();
  });

  it('nothingToRead: the page title and the message, as text', () => {
    const doc = parseHtml(emptyPageHtml(), URL);
    const article = nothingToRead(doc, doc.defaultView!, 'Nothing <b>here</b>.');
    expect(article.title).toBe('Sign in');
    expect(article.html).toBe('<p>Nothing &lt;b&gt;here&lt;/b&gt;.</p>');
    expect(article.text).toBe('Nothing <b>here</b>.');
  });
});
