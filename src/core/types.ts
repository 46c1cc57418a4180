// Plain data returned by the core. No DOM nodes cross this boundary, so results can be posted
// between extension contexts, printed by the CLI and snapshotted by tests.

export type PageKind = 'article' | 'listing' | 'markdown-post' | 'none';

export interface Detection {
  kind: PageKind;
  /** True for the kinds we act on: `article` and `markdown-post`. */
  detected: boolean;
  /** True on a page of the family (an article, a raw post, or one of its listings): its pictures are restored. */
  family: boolean;
  /** Site profile that matched (`volantis`, `next`, `hexo`), when any. */
  theme: string | null;
  /** Human-readable reasons, in the order they were checked (e.g. `hexo:head[hexo-theme]`). */
  signals: string[];
}

export interface Unwrapped {
  /** The original http(s) URL, or the input unchanged when nothing was unwrapped. */
  url: string;
  /** The input, when it was a wrapped address. */
  wrapped: string | null;
  /** Wrapper table entry ids, outermost first. */
  via: string[];
}

export interface MediaItem {
  kind: 'image' | 'video' | 'audio' | 'iframe';
  /** Unwrapped, absolute http(s) URL. */
  url: string;
  /** True when the page served it through a proxy. */
  proxied: boolean;
  /** The address as the page had it, when it differed (proxied or lazy-loaded). */
  original: string | null;
  alt: string;
  /** Unwrapped poster of a video. */
  poster: string | null;
}

export interface Cover {
  url: string;
  /** picsum placeholder: the item had no image. */
  placeholder: boolean;
  proxied: boolean;
  original: string | null;
}

export interface Topic {
  text: string;
  /** Unwrapped absolute href of the removed tag link. */
  href: string;
  /** Tag-link kind id from the table in `data/tag-links.ts`. */
  kind: string;
}

export interface LinkRef {
  text: string;
  href: string;
}

export interface Published {
  /** YYYY-MM-DD, or null when the page shows no usable date. */
  date: string | null;
  /** As the page (or front matter) wrote it. */
  raw: string;
}

export interface Counts {
  /** Characters of text, white space excluded. */
  chars: number;
  /** Han/Kana characters (each counts as a word for reading time). */
  cjk: number;
  /** Words of non-CJK text. */
  words: number;
  /** Minutes, at least 1 for non-empty text: CJK at ~500 chars/min, other text at ~200 words/min. */
  readingMinutes: number;
}

/** `Article.theme` of a page read by Readability (the any-page reader): its `feed` is the page's byline. */
export const GENERIC_THEME = 'readability';

export interface Article {
  kind: 'article' | 'markdown-post';
  url: string;
  theme: string;
  title: string;
  /** Group / feed name / channel, as the page lists them. */
  categories: string[];
  /** The feed's name (second category level, or the front matter `author`). */
  feed: string | null;
  published: Published | null;
  cover: Cover | null;
  images: MediaItem[];
  videos: MediaItem[];
  topics: Topic[];
  /** Links kept in the body (real references), unwrapped. */
  links: LinkRef[];
  /** Sanitized (DOMPurify) body HTML; media and links unwrapped, tag links removed. */
  html: string;
  /** A long body's sanitized groups: where each group after the first begins in `html`. Each slice between breaks
   *  is whole nodes (and the start tags of wrappers it leaves open, the end tags of wrappers it closes) and parses
   *  alone into what it holds within the whole (the reader shows a long article a group at a time). Absent for a
   *  body of one group. */
  htmlBreaks?: number[];
  /** For each break, how deep the group that begins there goes: 0, its nodes follow the body's; d, they go into
   *  the last element at depth d, a wrapper an earlier group opened (a body that is one `<div>` is divided
   *  inside it). Absent when every group is at depth 0. */
  htmlDepths?: number[];
  /** Absent when the extraction was asked for without it (the popup and the reader): `markdownOf` makes it. */
  markdown?: string;
  /** Body text, white space collapsed to single spaces. */
  text: string;
  counts: Counts;
  /** The source site of the feed (scheme + host), e.g. https://www.ofweek.com. */
  origin: string | null;
  /** The feed escaped its own HTML; the reader output renders the intended markup. */
  unescaped: boolean;
  /** Things the reader should know (e.g. "body was escaped markup; rendered"). */
  notes: string[];
}
