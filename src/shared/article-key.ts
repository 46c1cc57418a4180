// The key of what is kept per article (reading position, highlights): one function for the reader, which has the
// page, and the popup, which is told the key by the content script (PageState.key).

/**
 * The key for an article: its canonical URL when the page declares an http(s) one, else the page
 * URL; without the fragment either way (a #comments link is the same article).
 */
export function positionKey(articleUrl: string, doc?: Document): string {
  const canonical = doc?.querySelector('link[rel~="canonical"][href]')?.getAttribute('href');
  for (const candidate of [canonical, articleUrl]) {
    if (!candidate) continue;
    try {
      const u = new URL(candidate, articleUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      u.hash = '';
      return u.href;
    } catch {
      // Not a URL: try the next one.
    }
  }
  return articleUrl;
}
