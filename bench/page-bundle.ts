// Injected into each benchmark page (esbuild → one IIFE, see run.mjs): our core and Mozilla's Readability side
// by side in the same document, plus the timing loops, so a measurement costs no round trip to Node.
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { cleanDocument, detect, extract } from '../src/core';
import { quickCheck } from '../src/core/detect-lite';

/** Median of a list of numbers (NaN when empty). */
function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Per-call time of `fn` in ms: `samples` samples, each the mean of `inner` back-to-back calls. The page's
 * clock is coarse (100 µs in a non-isolated Chromium page), so cheap calls are timed in batches that last
 * at least `minSampleMs`.
 */
function calibrate(fn: () => unknown, minSampleMs: number): number {
  let inner = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    const took = performance.now() - t0;
    if (took >= minSampleMs || inner >= 1 << 16) return inner;
    inner = Math.min(1 << 16, Math.max(inner * 2, Math.ceil((inner * minSampleMs) / Math.max(took, 0.05))));
  }
}

interface Timing {
  median: number;
  min: number;
  samples: number;
  inner: number;
}

/** Time several functions on the same page, interleaved sample by sample so drift hits them alike, each sample in
 *  the other order than the one before: a call that always came right after another paid for collecting that one's
 *  garbage (ours after Readability's clone of the whole document). */
function timeInterleaved(fns: Record<string, () => unknown>, samples: number, minSampleMs: number): Record<string, Timing> {
  const names = Object.keys(fns);
  const inner: Record<string, number> = {};
  for (const name of names) inner[name] = calibrate(fns[name]!, minSampleMs);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let s = 0; s < samples; s++) {
    for (const name of s % 2 ? [...names].reverse() : names) {
      const fn = fns[name]!;
      const n = inner[name]!;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) fn();
      times[name]!.push((performance.now() - t0) / n);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { median: median(times[n]!), min: Math.min(...times[n]!), samples, inner: inner[n]! }]));
}

/** What the content script runs on every page: the gate, then (only on "maybe") the detector. */
function ourDetection(doc: Document): boolean {
  return quickCheck(doc) && detect(doc).detected;
}

function readabilityParse(doc: Document) {
  // Firefox parses a clone (Readability mutates what it reads); the clone is part of the cost.
  return new Readability(doc.cloneNode(true) as Document).parse();
}

const bench = {
  detect,
  quickCheck,
  extract,
  isProbablyReaderable,
  Readability,
  median,
  timeInterleaved,

  /** Detection: ours (quickCheck + detect) against isProbablyReaderable, per call. */
  timeDetection(samples: number, minSampleMs: number) {
    return timeInterleaved({ ours: () => ourDetection(document), readability: () => isProbablyReaderable(document) }, samples, minSampleMs);
  },

  /** Extraction to sanitized HTML, text and metadata as the extension asks for it (the popup and the reader:
   *  no Markdown, which a copy or a save makes when asked), against Readability on a clone (HTML, text, metadata). */
  timeExtraction(samples: number) {
    return timeInterleaved(
      { ours: () => extract(document, { markdown: false }), readability: () => readabilityParse(document) },
      samples,
      0,
    );
  },

  /** Our extraction only (the scaling runs). */
  timeOurs(samples: number) {
    return timeInterleaved({ ours: () => extract(document, { markdown: false }) }, samples, 0).ours!;
  },

  /**
   * What the content script does on its first "yes", by part: the pristine copy of the page it keeps for
   * extraction (document.cloneNode), and cleanDocument in place (detection included), each sample undone
   * before the next. For comparison, a copy of the article root alone.
   */
  timeCleaning(samples: number) {
    const clean: number[] = [];
    const cloneDocument: number[] = [];
    const cloneRoot: number[] = [];
    let changed = 0;
    for (let s = 0; s <= samples; s++) {
      let t = performance.now();
      const result = cleanDocument(document);
      const took = performance.now() - t;
      changed = result.changed;
      result.undo();
      t = performance.now();
      document.cloneNode(true);
      const docTook = performance.now() - t;
      t = performance.now();
      result.root?.cloneNode(true);
      const rootTook = performance.now() - t;
      if (s === 0) continue; // warm-up
      clean.push(took);
      cloneDocument.push(docTook);
      cloneRoot.push(rootTook);
    }
    return { cleanMs: median(clean), cloneDocumentMs: median(cloneDocument), cloneRootMs: median(cloneRoot), changed };
  },

  /** One reading by each, for quality: text and a few facts. */
  readings() {
    const gate = quickCheck(document);
    const detection = detect(document);
    let ours: { text: string; title: string; kind: string } | { error: string };
    try {
      const a = extract(document);
      ours = { text: a.text, title: a.title, kind: a.kind };
    } catch (error) {
      ours = { error: String(error) };
    }
    const parsed = readabilityParse(document);
    return {
      quickCheck: gate,
      detection,
      readerable: isProbablyReaderable(document),
      ours,
      readability: parsed ? { text: parsed.textContent ?? '', title: parsed.title ?? '' } : null,
    };
  },
};

(globalThis as unknown as { __bench: typeof bench }).__bench = bench;
