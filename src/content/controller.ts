// Everything the content script does on a page that may be an article, loaded on demand by index.ts:
// clean the article in place (once per article element), keep its media visible, follow pjax navigation,
// toggle the reader overlay, and answer the popup's and background's requests.
// The core is imported module by module: extraction (DOMPurify) and the reader load once an article is cleaned, in
// the page's idle time, or when asked for; Markdown (Turndown, YAML) only for a copy or a save.
import { cleanDocumentSteps, restoreImagesSteps } from '../core/clean-document';
import { cloneDocumentSteps } from '../core/clone-document';
import { detect, detectArticle } from '../core/detect';
import type { Listing } from '../core/listing';
import type { Article } from '../core/types';
import { UndoLog } from '../core/undo';
import { autoCleanFor, type Settings } from '../settings';
import { positionKey } from '../shared/article-key';
import { headOf, splitArticle, type ArticlePart } from '../shared/article-parts';
import type { PageState, Request } from '../shared/messages';
import { t } from '../ui/i18n';
import { debug } from './log';
import { keepMediaVisible } from './media-fallback';
import { pjaxContainer, watchPjax } from './pjax';
import type { Reading } from './reading';
import { runInSlices, yieldToPage } from './slices';

type Mode = PageState['mode'];

interface CleanRecord {
  /** The page before cleaning, for extraction: topics and proxied addresses are gone from the live DOM. */
  pristine: Document;
  /** Every edit made to the article (cleaning and image fallback): undoing it restores the page as served. */
  log: UndoLog;
  /** The address each media element showed as the page wrote it: the fallback chain starts from it. */
  written: Map<Element, string>;
}

/** Article roots already cleaned in this page. Module-level, so a controller restarted after the
 * back-forward cache adopts them instead of cleaning the same element twice. */
const cleanedRoots = new WeakMap<Element, CleanRecord>();

/** The address each document was loaded at (before any pjax navigation). */
const loadedUrls = new WeakMap<Document, string>();

interface Cleaned extends CleanRecord {
  root: Element;
  /** An article (cleaned) or a family listing (pictures only). */
  kind: 'article' | 'listing';
  /** Releases the media fallback listeners of this article. */
  media: AbortController;
  /** Gives the images that failed before their address was known their turn in the fallback chain. */
  fallback: { retryFailed(): void };
}

interface Known {
  source: Document;
  url: string;
  trustHead: boolean;
  /** The lifetime it was read in: a reading the page's end stopped (the back-forward cache) is no answer. */
  signal: AbortSignal;
  /** Set at once, so that a request that comes while the module loads finds it (src/content/reading.ts). */
  reading: Promise<Reading>;
}

interface OpenReader {
  close(): void;
  scroll: { x: number; y: number };
}

export interface Controller {
  /** Apply (new) settings; the first call also starts watching for pjax swaps. Cleans when auto-clean is on. */
  start(settings: Settings, signal: AbortSignal): void;
  /** Answer one request (see src/shared/messages.ts). Requests run one at a time, in order. */
  handle(request: Request): Promise<unknown>;
  /** The extension is gone (updated, reloaded, disabled): close an open reader; the page stays as it is. The
   *  caller has ended the lifetime, which released the observers and listeners. */
  retire(): void;
}

// An attribute, not `dataset`: the root of an XML document (Firefox renders RSS and other XML as is) has none.
const ATTR = 'data-proxied-news-reader';

export function createController(doc: Document, win: Window): Controller {
  let settings: Settings | null = null;
  let signal: AbortSignal | null = null;
  let cleaned: Cleaned | null = null;
  let reader: OpenReader | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /**
   * The article read from a cleaned page's pristine copy, which never changes: the popup, the reader and a copy get
   * one reading of it, and the reading started at idle right after cleaning (readAhead) answers the first of them
   * at once instead of reading the article while the user waits.
   */
  let known: Known | null = null;
  /** The parts of the article the last state gave in parts, for the popup to ask for one by one. */
  let given: { article: Article; parts: ArticlePart[] } | null = null;

  const auto = (): boolean => (settings ? autoCleanFor(settings, doc.location?.hostname ?? '') : false);

  // Once pjax has moved the page elsewhere, its <head> (og:type, article:*, JSON-LD) still describes the page first
  // loaded: detection then reads the body alone.
  // Module-level: a controller started again after the back-forward cache keeps the address the page loaded with.
  if (!loadedUrls.has(doc)) loadedUrls.set(doc, doc.URL);
  const loadedUrl = loadedUrls.get(doc);
  const reading = () => ({ trustHead: doc.URL === loadedUrl });

  function setMode(mode: Mode): void {
    const el = doc.documentElement;
    if (mode === 'none') el.removeAttribute(ATTR);
    else el.setAttribute(ATTR, mode);
  }

  function mode(): Mode {
    const value = doc.documentElement.getAttribute(ATTR);
    return value === 'cleaned' || value === 'reader' || value === 'images' ? value : 'none';
  }

  /** The mode the page is in without the reader. */
  const baseMode = (): Mode => (cleaned?.root.isConnected ? (cleaned.kind === 'listing' ? 'images' : 'cleaned') : 'none');

  /** The single article root of the page, as the core sees it, or null. */
  const articleRoot = (): Element | null => detectArticle(doc, reading())?.root ?? null;

  /** What cleaning works on: the article root, or on a listing of the family the part that pjax swaps (else the
   *  body), whose pictures come back while its text stays as it is. */
  function target(): { root: Element; kind: Cleaned['kind'] } | null {
    const root = articleRoot();
    if (root) return { root, kind: 'article' };
    const detection = detect(doc, reading());
    if (detection.kind !== 'listing' || !detection.family || !doc.body) return null;
    return { root: listingRoot(), kind: 'listing' };
  }

  function listingRoot(): Element {
    return pjaxContainer(doc) ?? doc.body;
  }

  /** The cleaning under way, if any: cleanings run one at a time, and extraction waits for them. */
  let cleaning: Promise<boolean> | null = null;

  /** Resolves once no cleaning is under way (one may start after another). */
  async function noCleaning(): Promise<void> {
    while (cleaning) await cleaning.catch(() => undefined);
  }

  /** Clean the current article unless it already was. True when the page now shows a cleaned article. */
  async function clean(): Promise<boolean> {
    await noCleaning();
    const run = cleanCurrent();
    cleaning = run;
    try {
      return await run;
    } finally {
      if (cleaning === run) cleaning = null;
    }
  }

  /**
   * The page as it is now, copied in slices (a 5 MB page's copy in one piece was a task of 150-300 ms). The page's
   * scripts run between the slices: should one add, remove or move nodes meanwhile, the copy could hold a node
   * twice or miss one, so it is made again in one piece. (A changed attribute or text is either value, as the
   * page had it at some moment: no reason to copy again.)
   */
  async function pristineCopy(): Promise<Document> {
    let moved = false;
    const moves = new MutationObserver(() => (moved = true));
    moves.observe(doc, { childList: true, subtree: true });
    try {
      const copy = await runInSlices(cloneDocumentSteps(doc), signal ?? new AbortController().signal);
      // Records delivered to the callback meanwhile, or still queued.
      return moved || moves.takeRecords().length ? (doc.cloneNode(true) as Document) : copy;
    } finally {
      moves.disconnect();
    }
  }

  async function cleanCurrent(): Promise<boolean> {
    const found = target();
    if (!found || !signal || signal.aborted) return false;
    const { root, kind } = found;
    if (cleaned?.root === root) {
      if (kind === 'listing') await restoreMore(cleaned, signal);
      return true;
    }
    const media = new AbortController();
    let record = cleanedRoots.get(root);
    let fallback: Cleaned['fallback'];
    if (!record) {
      // Detection and the copy below are each one step that grows with the page: not both in one task.
      await yieldToPage();
      if (signal.aborted || !root.isConnected) return false;
      // Extraction reads an article from this copy; a listing is never extracted.
      let pristine: Document;
      try {
        pristine = kind === 'article' ? await pristineCopy() : doc;
      } catch (error) {
        // Aborted (the page is going away): nothing was changed yet.
        debug('clean', error);
        return false;
      }
      if (signal.aborted || !root.isConnected) return false;
      const written = new Map<Element, string>();
      const log = new UndoLog();
      // Listening from the start: an image may fail while cleaning is still on its way through the article.
      fallback = keepMediaVisible(root, written, log, media.signal);
      try {
        if (kind === 'listing') {
          await runInSlices(restoreImagesSteps(root, { written, log }), signal);
        } else {
          const result = await runInSlices(cleanDocumentSteps(doc, { written, log, ...reading() }), signal);
          // Not the element we checked (the page changed under us): put it back rather than guess.
          if (result.root !== root) throw new Error('the article changed while it was being cleaned');
        }
      } catch (error) {
        // Aborted (the page is going away) or overtaken: leave the page exactly as it was.
        log.undo();
        media.abort();
        debug('clean', error);
        return false;
      }
      record = { pristine, written, log };
      cleanedRoots.set(root, record);
    } else {
      // Adopted after a back-forward cache restore: only the listeners are new.
      fallback = keepMediaVisible(root, record.written, record.log, media.signal);
    }
    fallback.retryFailed();
    cleaned?.media.abort();
    cleaned = { root, kind, ...record, media, fallback };
    if (!reader) setMode(baseMode());
    readAhead();
    if (kind === 'article') autoOpen(root);
    return true;
  }

  // ---- Site profiles: "open the reader by itself" on this host (src/settings/profile-values.ts). Once per article
  // element: closing the reader keeps it closed until another article comes.
  const autoOpened = new WeakSet<Element>();

  function autoOpen(root: Element): void {
    if (autoOpened.has(root)) return;
    autoOpened.add(root);
    const host = doc.location?.hostname ?? '';
    import('../settings/site-profiles')
      .then(async (m) => (await m.loadSiteProfiles())[m.profileHost(host)]?.autoOpen === true)
      .then((on) => {
        // Still this article, and nobody opened or asked for the reader meanwhile: in turn with the requests.
        if (!on || cleaned?.root !== root || reader || signal?.aborted) return;
        const run = queue.then(() => (cleaned?.root === root && !reader ? openReaderNow() : undefined));
        queue = run.catch((error: unknown) => debug('auto-open', error));
      })
      .catch((error: unknown) => debug('auto-open', error));
  }

  /**
   * A listing's container keeps its element while pjax or a script puts new entries into it: their pictures come
   * back too, through the same log and address map (pictures already restored are skipped), so switching
   * auto-clean off still puts back everything and every picture keeps its whole fallback chain.
   */
  async function restoreMore(listing: Cleaned, lifetime: AbortSignal): Promise<void> {
    try {
      await runInSlices(restoreImagesSteps(listing.root, { written: listing.written, log: listing.log }), lifetime);
      listing.fallback.retryFailed();
    } catch (error) {
      // Aborted half-way: what was done is in the log, and undone with the rest if the page is restored.
      debug('clean', error);
    }
  }

  /** Put the cleaned article back as the site served it (auto-clean was switched off for this page). */
  async function unclean(): Promise<void> {
    await noCleaning();
    if (!cleaned) return;
    cleaned.media.abort();
    cleaned.log.undo();
    cleanedRoots.delete(cleaned.root);
    cleaned = null;
    known = null;
    given = null;
    if (!reader) setMode('none');
  }

  /** The article root found at the last look (cleaned or not): a swap that keeps it changes nothing. */
  let lastRoot: Element | null = null;

  /** After a pjax swap (or any change of the swapped container): a new article is cleaned, a new listing gets its
   * pictures back (when auto-clean is on), a reader showing the old article closes. A change that keeps the
   * article (a comment widget arriving) leaves everything as it is. */
  function onSwap(): void {
    const root = articleRoot();
    if (root !== lastRoot) {
      lastRoot = root;
      if (reader) closeReader();
    }
    // What was cleaned has left the page (another article came, or the listing's container went). An article
    // element keeps its record: pjax may put the very element back from its cache (Back), cleaned, and the record
    // is its pristine copy. A listing's container is forgotten: the same element comes back with other entries.
    const gone = cleaned && (cleaned.kind === 'article' ? cleaned.root !== root : root !== null || !cleaned.root.isConnected);
    if (cleaned && gone) {
      cleaned.media.abort();
      if (cleaned.kind === 'listing') cleanedRoots.delete(cleaned.root);
      cleaned = null;
      known = null;
      given = null;
    }
    if (!reader) setMode(baseMode());
    if (auto()) clean().catch((error: unknown) => debug('clean', error));
  }

  /** Reads the article of `source` in slices, at idle (`ahead`) or now; a pristine copy's is kept as `known`. */
  function read(source: Document, ahead: boolean): Known {
    const url = doc.URL;
    const { trustHead } = reading();
    const lifetime = signal ?? new AbortController().signal;
    const entry: Known = {
      source,
      url,
      trustHead,
      signal: lifetime,
      reading: import('./reading').then((mod) => mod.readArticle(source, { url, win, trustHead, signal: lifetime, ahead })),
    };
    if (source !== doc) known = entry;
    // A failed or aborted reading is not kept: the next request reads again and reports its own error.
    entry.reading
      .then((r) => r.article)
      .catch(() => {
        if (known === entry) known = null;
      });
    return entry;
  }

  /** The article, read in slices (a 5 MB page must not freeze for the popup or the reader). No Markdown: a copy
   *  or a save makes it from the HTML when asked (src/core/to-markdown.ts markdownOf). */
  async function article(): Promise<Article> {
    await noCleaning();
    // Pristine copy: same URL and markup as the live page had before cleaning, but inert. The live page (not
    // cleaned) may change under us: it is read afresh each time.
    const source = cleaned?.root.isConnected ? cleaned.pristine : doc;
    const hit = known;
    const entry =
      source !== doc && hit && hit.source === source && hit.url === doc.URL && hit.trustHead === reading().trustHead && !hit.signal.aborted
        ? hit
        : read(source, false);
    const r = await entry.reading;
    r.hurry();
    return r.article;
  }

  /** After an article is cleaned: read it at idle, and load the reader, so that the popup and the reader open
   *  at once. Only idle time is used; a request that comes first hurries the reading it finds under way. */
  function readAhead(): void {
    const done = cleaned;
    const readNow = () => done?.kind === 'article' && cleaned === done && !(known?.source === done.pristine && !known.signal.aborted);
    if (!readNow()) return;
    // Asking for the reading's modules (and later the reader's) is a task of its own: at the end of the cleaning's
    // last slice it made that slice's task a long one (40 ms more on the largest corpus article).
    void yieldToPage().then(() => {
      if (!signal?.aborted && readNow()) readAheadNow(done!.pristine);
    });
  }

  function readAheadNow(pristine: Document): void {
    const entry = read(pristine, true);
    entry.reading
      .then((r) => r.article)
      .then(() => yieldToPage())
      .then(() => import('../reader/overlay'))
      .then(async ({ prepareReader }) => {
        // What its first opening would do in its own task (ICU data, the stylesheet), at the next idle time; not for
        // a page (or a script) that has ended meanwhile.
        await (await import('./reading')).idlePace(win).pause();
        if (!entry.signal.aborted && !readerPrepared) {
          readerPrepared = true;
          prepareReader(doc);
        }
      })
      .catch((error: unknown) => debug('read ahead', error));
  }

  /** Readability's article of this page (the module is imported on first use), or null when it finds nothing. */
  async function genericArticle(): Promise<Article | null> {
    const mod = await import('./generic-reader');
    return mod.genericArticle(doc, win);
  }

  /** What the reader shows: the proxied-news article, else Readability's, else a word that nothing can be read. */
  async function readerArticle(): Promise<Article | null> {
    const detection = detect(doc, reading());
    if (detection.detected) {
      try {
        return await article();
      } catch (error) {
        debug('reader: not an article', error);
        return null;
      }
    }
    const mod = await import('./generic-reader');
    // The site's own listings are lists of excerpts, not something Readability should pass off as an article.
    const found = detection.kind === 'listing' ? null : mod.genericArticle(doc, win);
    return found ?? mod.nothingToRead(doc, win, t('reader_nothingToRead'));
  }

  /** The reader's first-opening work is done in this page (src/reader/overlay.tsx prepareReader). */
  let readerPrepared = false;

  async function openReaderNow(): Promise<boolean> {
    if (reader) return true;
    const data = await readerArticle();
    if (!data) return false;
    // Settings first, so a sepia or dark reader never flashes the defaults.
    const [{ openReader, prepareReader }, settings, profiles] = await Promise.all([
      import('../reader/overlay'),
      // Loaded with the overlay (which imports it anyway): the settings store stays out of the cleaner's chunk.
      import('../settings/reader-settings').then((m) => m.loadReaderSettings()).catch(() => undefined),
      // This host's profile (look, 简/繁) too: the reader opens in it, with no flash of the global look.
      import('../settings/site-profiles').then((m) => m.loadSiteProfiles()).catch(() => undefined),
    ]);
    if (reader) return true;
    if (!readerPrepared) {
      // Opened before the page's idle time came for it: its own task still, not part of the opening's (the first
      // date format loads the language's data: 28 ms of a 131-ms opening on the 1 MB bench page).
      readerPrepared = true;
      prepareReader(doc);
      await yieldToPage();
      if (reader) return true;
    }
    const scroll = { x: win.scrollX, y: win.scrollY };
    const state: OpenReader = { close: () => undefined, scroll };
    reader = state;
    const handle = openReader(data, doc, {
      settings,
      profiles,
      // However it closes (its own button, Esc, or us), the page returns to where it was.
      onClose: () => {
        if (reader !== state) return;
        reader = null;
        setMode(baseMode());
        win.scrollTo(scroll.x, scroll.y);
      },
    });
    state.close = () => handle.close();
    setMode('reader');
    return true;
  }

  function closeReader(): void {
    reader?.close();
  }

  /** `withGeneric`: on a page that is not a proxied-news article, Readability's article (popup only). */
  async function state(withGeneric = false): Promise<PageState> {
    const detection = detect(doc, reading());
    let data: Article | null = null;
    let error: string | null = null;
    let generic = false;
    let listing: Listing | null = null;
    try {
      if (detection.detected) data = await article();
      else if (detection.kind === 'listing' && detection.family) listing = (await import('../core/listing')).readListing(doc);
      else if (withGeneric && detection.kind !== 'listing') {
        data = await genericArticle();
        generic = data !== null;
      }
    } catch (e) {
      error = String(e);
    }
    let parts = 1;
    if (data) {
      const split = given?.article === data ? given.parts : splitArticle(data);
      given = split.length > 1 ? { article: data, parts: split } : null;
      parts = split.length;
      if (parts > 1) data = headOf(data, split[0]!);
    }
    return {
      ...(generic ? { generic } : {}),
      ...(listing ? { listing } : {}),
      ...(parts > 1 ? { parts } : {}),
      url: doc.URL,
      ...(data ? { key: positionKey(doc.URL, doc) } : {}),
      detection,
      article: data,
      mode: mode(),
      autoClean: { global: settings?.autoClean ?? true, site: auto() },
      error,
    };
  }

  async function answer(request: Request): Promise<unknown> {
    switch (request.type) {
      case 'pnr:get-state':
        return state();
      case 'pnr:get-generic':
        return state(true);
      case 'pnr:toggle-reader':
        if (reader) closeReader();
        else await openReaderNow();
        return { reader: reader !== null };
      case 'pnr:set-reader':
        if (request.on) await openReaderNow();
        else closeReader();
        return { reader: reader !== null };
      case 'pnr:clean-now':
        return { cleaned: await clean() };
      case 'pnr:get-article-part':
        return given?.parts[request.part] ?? null;
      default:
        return undefined;
    }
  }

  /** Whether auto-clean applied to this page at the last `start`. */
  let autoWas = false;

  return {
    start(next, lifetime) {
      settings = next;
      if (signal !== lifetime) {
        signal = lifetime;
        lastRoot = articleRoot();
        watchPjax(doc, onSwap, lifetime);
        lifetime.addEventListener('abort', () => cleaned?.media.abort(), { once: true });
        // Back from the back-forward cache: the page's end released the media listeners; they listen again.
        if (cleaned?.media.signal.aborted && cleaned.root.isConnected) {
          cleaned.media = new AbortController();
          cleaned.fallback = keepMediaVisible(cleaned.root, cleaned.written, cleaned.log, cleaned.media.signal);
          cleaned.fallback.retryFailed();
        }
        // A reading ahead the page's end stopped is done again in this lifetime.
        if (known?.signal.aborted) {
          known = null;
          readAhead();
        }
      }
      // Auto-clean switched off for this page restores it at once (a "clean now" made while it was off stays);
      // on, it cleans it.
      const was = autoWas;
      autoWas = auto();
      const apply = autoWas ? clean() : was ? unclean() : null;
      apply?.catch((error: unknown) => debug('settings', error));
    },
    retire() {
      settings = null;
      closeReader();
    },
    handle(request) {
      const run = queue.then(() => answer(request));
      // A failed request must not block the ones after it.
      queue = run.catch((error: unknown) => debug(request.type, error));
      return run;
    },
  };
}
