// The feed's source site: from the feed table, else the host the body's links point at most.
import { FEED_ORIGINS } from './data/feeds';
import { unwrap } from './unwrap';

/** `bodies`: the body, or the groups of it read one by one. */
export function originOf(feed: string | null, bodies: Element | readonly Element[] | null, pageUrl: string): string | null {
  if (feed && FEED_ORIGINS[feed]) return FEED_ORIGINS[feed];
  if (!bodies) return null;
  let pageHost = '';
  try {
    pageHost = new URL(pageUrl).host;
  } catch {
    /* no page URL: every host counts */
  }
  const counts = new Map<string, number>();
  const list: readonly Element[] = Array.isArray(bodies) ? bodies : [bodies as Element];
  const anchors = list.flatMap((body) => Array.from(body.querySelectorAll('a[href]')));
  for (const a of anchors) {
    try {
      const url = new URL(unwrap(a.getAttribute('href') ?? ''), pageUrl);
      if (!/^https?:$/.test(url.protocol) || url.host === pageHost) continue;
      const key = `${url.protocol}//${url.host}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      /* not a URL */
    }
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [key, n] of counts) if (n > bestCount) [best, bestCount] = [key, n];
  return best;
}
