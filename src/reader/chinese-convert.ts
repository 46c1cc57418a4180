// Simplified ↔ Traditional Chinese for the text the reader shows, through opencc-js. The dictionaries
// are large (Simplified→Traditional ≈ 1.1 MB), so they are loaded only when the user asks, with
// import(); the stored article is never touched, only the text nodes of the rendered article.

export type ConvertTarget = 'original' | 'traditional' | 'simplified';
export type Converter = (text: string) => string;

/** What loading can end in; `missing` is the build without opencc-js. */
export class ConverterUnavailableError extends Error {
  override readonly name = 'ConverterUnavailableError';
}

interface OpenCCModule {
  Converter(options: { from: string; to: string }): Converter;
}

export type ConverterImporter = (target: Exclude<ConvertTarget, 'original'>) => Promise<OpenCCModule>;

/**
 * Two entry points, so asking for Traditional→Simplified loads ~110 KB, not the 1.1 MB dictionary.
 * Each import() becomes its own chunk, fetched from the extension's own files only when asked for.
 */
const defaultImporter: ConverterImporter = (target) => (target === 'traditional' ? import('opencc-js/cn2t') : import('opencc-js/t2cn'));

const cache = new Map<string, Promise<Converter>>();

/**
 * The converter for `target`: Simplified (mainland) → Traditional (Taiwan standard characters), or
 * Traditional → Simplified. Loaded once per page; a failure is not cached, so the
 * user can try again.
 */
export function loadConverter(
  target: Exclude<ConvertTarget, 'original'>,
  importer: ConverterImporter = defaultImporter,
): Promise<Converter> {
  const key = target;
  let pending = importer === defaultImporter ? cache.get(key) : undefined;
  if (!pending) {
    pending = importer(target).then(
      (mod) => {
        const OpenCC = (mod as unknown as { default?: OpenCCModule }).default ?? mod;
        if (typeof OpenCC?.Converter !== 'function') throw new ConverterUnavailableError('opencc-js has no Converter');
        // Characters only (Taiwan standard forms), no vocabulary swaps: 信息 stays 信息, as the author wrote.
        return memoized(target === 'traditional' ? OpenCC.Converter({ from: 'cn', to: 'tw' }) : OpenCC.Converter({ from: 'tw', to: 'cn' }));
      },
      (error: unknown) => {
        throw new ConverterUnavailableError(`Chinese converter could not be loaded: ${String(error)}`);
      },
    );
    if (importer === defaultImporter) {
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
  }
  return pending;
}

/** What a converter remembers, in characters of text converted: a long article's text (~1.5 M in a 5 MB page), once. */
export const MEMO_MAX_CHARS = 2_000_000;

/**
 * `convert` remembering its answers: every highlight made or removed draws the article's display again, the
 * conversion last (use-display-text.ts), and OpenCC takes ~1 s a million characters — the text nodes it meets
 * again are the same strings, but the few a highlight split. Forgets everything past `maxChars`.
 */
export function memoized(convert: Converter, maxChars = MEMO_MAX_CHARS): Converter {
  const memo = new Map<string, string>();
  let chars = 0;
  return (text) => {
    let out = memo.get(text);
    if (out === undefined) {
      out = convert(text);
      if (chars + text.length > maxChars) {
        memo.clear();
        chars = 0;
      }
      memo.set(text, out);
      chars += text.length;
    }
    return out;
  };
}

/** The text each converted node had before, while it shows a conversion: highlights anchor on the original. */
const shownConverted = new WeakMap<Text, string>();

/** A text node's data as the article has it, whether or not it shows a conversion now. */
export function originalData(node: Text): string {
  return shownConverted.get(node) ?? node.data;
}

const SKIP = new Set(['pre', 'code', 'kbd', 'samp', 'script', 'style', 'textarea']);
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Converts every text node under `root` that has Han characters (code excluded), and returns the
 * function that puts the original text back. Only `data` changes: the nodes stay the same nodes,
 * so Preact's own text nodes and the reader's other decorations keep working.
 */
export function convertTextNodes(root: Element, convert: Converter): () => void {
  const originals = new Map<Text, string>();
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    if (!HAN.test(text.data)) continue;
    let skip = false;
    for (let el = text.parentElement; el && el !== root; el = el.parentElement) {
      if (SKIP.has(el.localName)) {
        skip = true;
        break;
      }
    }
    if (skip) continue;
    const next = convert(text.data);
    if (next !== text.data) {
      originals.set(text, text.data);
      shownConverted.set(text, text.data);
      text.data = next;
    }
  }
  return () => {
    for (const [text, data] of originals) {
      text.data = data;
      shownConverted.delete(text);
    }
  };
}
