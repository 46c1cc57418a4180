// The feed's source site: from the feed table, else the host the body's links point at most.
import { FEED_ORIGINS } from './data/feeds';
import { unwrap } from './unwrap';

/** The hosts a body's links point at, counted a body (or a group of its children) at a time, in order. */
export class LinkHosts {
  private readonly counts = new Map<string, number>();
  private readonly pageHost: string;

  constructor(private readonly pageUrl: string) {
    let host = '';
    try {
      host = new URL(pageUrl).host;
    } catch {
      /* no page URL: every host counts */
    }
    this.pageHost = host;
  }

  add(body: Element): void {
    for (const a of Array.from(body.querySelectorAll('a[href]'))) {
      try {
        const url = new URL(unwrap(a.getAttribute('href') ?? ''), this.pageUrl);
        if (!/^https?:$/.test(url.protocol) || url.host === this.pageHost) continue;
        const key = `${url.protocol}//${url.host}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      } catch {
        /* not a URL */
      }
    }
  }

  /** The most linked host (the first met of equals), or null. */
  best(): string | null {
    let best: string | null = null;
    let bestCount = 0;
    for (const [key, n] of this.counts) if (n > bestCount) [best, bestCount] = [key, n];
    return best;
  }
}

/** The origin the feed table gives the feed, or null. */
export function knownOrigin(feed: string | null): string | null {
  return feed && FEED_ORIGINS[feed] ? FEED_ORIGINS[feed] : null;
}
