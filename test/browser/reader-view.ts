// What the open reader shows, read in the page (page.evaluate): self-contained, no imports used inside.

/** The open reader's title and body text, or undefined while it is not there or a long article's later groups are
 *  still on their way (`aria-busy`). Runs in the page. */
export function readerView(): { title: string; body: string } | undefined {
  const shadow = document.querySelector('proxied-news-reader')?.shadowRoot;
  const title = shadow?.querySelector('[data-testid=title]')?.textContent?.trim();
  const bodyEl = shadow?.querySelector('[data-testid=reader-body]');
  if (bodyEl?.getAttribute('aria-busy') === 'true') return undefined;
  const body = bodyEl?.textContent ?? '';
  return title !== undefined ? { title, body } : undefined;
}
