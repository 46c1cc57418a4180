// Node glue: text of a page or a raw post → a CLI record. The core does the reading; jsdom gives it a DOM.
import { JSDOM, VirtualConsole } from 'jsdom';
import { extract, extractPost } from '../core';
import { detectWithArticle } from '../core/detect';
import { looksLikeMarkdownPost } from '../core/post-probe';
import type { Article, Detection } from '../core/types';
import { release, track, tuned } from './jsdom-tuning';

export interface CliRecord {
  file: string;
  detected: boolean;
  kind: Detection['kind'];
  /** A page of the family (article, raw post, or one of its listings). */
  family: boolean;
  signals: string[];
  title: string | null;
  categories: string[];
  feed: string | null;
  /** "YYYY-MM-DD" as the page shows it, or null. */
  published: string | null;
  publishedRaw: string | null;
  cover: { url: string; placeholder: boolean; proxied: boolean } | null;
  images: Article['images'];
  videos: Article['videos'];
  topics: Article['topics'];
  links: Article['links'];
  origin: string | null;
  counts: Article['counts'] | null;
  unescaped: boolean;
  notes: string[];
  text: string;
  html: string;
  markdown: string;
}

function record(file: string, detection: Detection, article: Article | null): CliRecord {
  return {
    file,
    detected: detection.detected,
    kind: detection.kind,
    family: detection.family,
    signals: detection.signals,
    title: article?.title ?? null,
    categories: article?.categories ?? [],
    feed: article?.feed ?? null,
    published: article?.published?.date ?? null,
    publishedRaw: article?.published?.raw ?? null,
    cover: article?.cover ? { url: article.cover.url, placeholder: article.cover.placeholder, proxied: article.cover.proxied } : null,
    images: article?.images ?? [],
    videos: article?.videos ?? [],
    topics: article?.topics ?? [],
    links: article?.links ?? [],
    origin: article?.origin ?? null,
    counts: article?.counts ?? null,
    unescaped: article?.unescaped ?? false,
    notes: article?.notes ?? [],
    text: article?.text ?? '',
    html: article?.html ?? '',
    markdown: article?.markdown ?? '',
  };
}

// One window for every input: jsdom builds a window and DOMPurify sets itself up on it once (a window per input
// costs about 15 ms, and jsdom frees a window only after a turn of the event loop). jsdom reports CSS it cannot
// parse (the pages' minified theme CSS) on the console; the page's CSS is not ours to judge, hence the silent
// console. The documents made for an input must not outlive it: jsdom-tuning.ts sees to that, and should its
// tuning be off (a jsdom whose internals moved), a window serves FALLBACK_USES inputs and is then replaced, which
// bounds what it keeps once the caller lets the event loop turn (the CLI does after each input).
const FALLBACK_USES = 8;
let shared: Window | null = null;
let uses = 0;

function sharedWindow(): Window {
  if (!shared || (!tuned.namedProperties && uses >= FALLBACK_USES)) {
    const dom = new JSDOM('<!doctype html><title></title>', { url: 'https://news.zfe.space/', virtualConsole: new VirtualConsole() });
    shared = dom.window as unknown as Window;
    track(shared);
    uses = 0;
  }
  uses++;
  return shared;
}

export function extractText(text: string, file: string, url = 'file:///' + file.replace(/^\/+/, '')): CliRecord {
  const win = sharedWindow();
  try {
    return read(win, text, file, url);
  } finally {
    release(win);
  }
}

function read(win: Window, text: string, file: string, url: string): CliRecord {
  if (looksLikeMarkdownPost(text)) {
    const article = extractPost(text, win.document, { url, win });
    return record(file, { kind: 'markdown-post', detected: true, family: true, theme: null, signals: ['front-matter'] }, article);
  }
  // The page's own address matters only through `url`: extract reads its parts into documents based there.
  const doc = new (win as Window & typeof globalThis).DOMParser().parseFromString(text, 'text/html');
  const { detection, article: location } = detectWithArticle(doc);
  const article = detection.detected ? extract(doc, { url, win, ...(location ? { article: location } : {}) }) : null;
  return record(file, detection, article);
}
