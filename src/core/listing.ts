// What a listing page of a family site (home, archives, categories, tags, paging) shows: the posts it links to,
// each with its title, feed and date, read from structure (links to the site's own post pages and the block
// around each), not from one theme's classes. Plain data, like the Article.
import { parseDate } from './dates';
import { categoriesFromLinks, DATE_TEXT } from './structural';

export interface ListingEntry {
  title: string;
  url: string;
  feed: string | null;
  date: string | null;
}

export interface Listing {
  url: string;
  /** The site's name, as the page's title or og:site_name gives it. */
  site: string;
  entries: ListingEntry[];
}

/** Pages of the blog itself that are not posts. */
const SITE_PAGE = /^\/(?:$|index\.html$|(?:categories|tags|archives|page|about|search|links|friends|atom|rss|feed)(?:\/|\.|$))/i;
/** Words of "read more" links: never a title. */
const MORE = /^(?:阅读全文|阅读更多|继续阅读|read more|more|continue reading|»|…)$/i;
const MAX_ENTRIES = 200;
const MAX_LINKS = 5000;
/** How far up from a post's title link its entry's block may reach. */
const CLIMB = 8;
const MIXED = '\u0000several';

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function targetOf(a: Element, base: string, host: string): string | null {
  const href = a.getAttribute('href');
  if (!href || href.startsWith('#')) return null;
  try {
    const u = new URL(href, base);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.host !== host || SITE_PAGE.test(u.pathname)) return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

export function readListing(doc: Document, url: string = doc.URL, feedLevel = 1): Listing {
  const base = doc.baseURI || url;
  // The page's own host decides what is the site's, never a <base> the page sets.
  let host = '';
  let here = url;
  try {
    const u = new URL(url);
    host = u.host;
    u.hash = '';
    here = u.href;
  } catch {
    // an opaque address: no link can be the site's own
  }
  const byTarget = new Map<string, Element[]>();
  const targetOfAnchor = new Map<Element, string>();
  const anchors = doc.querySelectorAll('a[href]');
  for (let i = 0; i < anchors.length && i < MAX_LINKS; i++) {
    const a = anchors[i]!;
    if (a.closest('nav, footer, aside, [role="navigation"]')) continue;
    const target = targetOf(a, base, host);
    if (!target || target === here) continue;
    targetOfAnchor.set(a, target);
    const list = byTarget.get(target);
    if (list) list.push(a);
    else byTarget.set(target, [a]);
  }
  // Which post each ancestor of a post link leads to, or MIXED when it holds links to several: one pass up from
  // every link, so finding an entry's block below is a look-up per level, not a search of its subtree.
  const leadsTo = new Map<Element, string>();
  for (const [a, target] of targetOfAnchor) {
    let el: Element | null = a;
    for (let depth = 0; depth <= CLIMB && el; depth++, el = el.parentElement) {
      const seen = leadsTo.get(el);
      if (seen === undefined) leadsTo.set(el, target);
      else if (seen !== target) leadsTo.set(el, MIXED);
    }
  }

  const entries: ListingEntry[] = [];
  for (const [target, list] of byTarget) {
    if (entries.length >= MAX_ENTRIES) break;
    const titled = list.filter((a) => clean(a.textContent).length >= 2 && !MORE.test(clean(a.textContent)));
    if (!titled.length) continue;
    const headed = titled.find((a) => a.closest('h1, h2, h3, h4') || a.querySelector('h1, h2, h3, h4'));
    const titleAnchor = headed ?? titled.reduce((a, b) => (clean(b.textContent).length > clean(a.textContent).length ? b : a));
    // The entry's block: climb while no link to another post comes into it.
    let block: Element = titleAnchor;
    for (let depth = 0; depth < CLIMB && block.parentElement && block.parentElement !== doc.body; depth++) {
      if (leadsTo.get(block.parentElement) !== target) break;
      block = block.parentElement;
    }
    const levels = categoriesFromLinks(block, base);
    const time = block.querySelector('time');
    const date = clean(time?.getAttribute('datetime') ?? time?.textContent) || (DATE_TEXT.exec(block.textContent ?? '')?.[0] ?? '');
    // A post entry is headed, or shows where it was filed or when: a bare link in running text is not one.
    if (!headed && !levels.length && !date) continue;
    entries.push({
      title: clean(titleAnchor.textContent),
      url: target,
      feed: levels[feedLevel] ?? levels[levels.length - 1] ?? null,
      // As the page shows it where it can be read (an ISO datetime becomes its day), else as written.
      date: date ? (parseDate(date).date ?? date) : null,
    });
  }
  const site = clean(doc.querySelector('meta[property="og:site_name"]')?.getAttribute('content')) || clean(doc.title);
  return { url, site, entries };
}
