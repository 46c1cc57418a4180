#!/usr/bin/env node
// Large article pages for the benchmark: a real corpus article whose body (its paragraphs, images, tag links)
// is repeated inside the real page skeleton (head, theme chrome, scripts), until the page reaches a size.
//
//   node bench/make-large-pages.mjs [--base FILE] [--out DIR]     writes large-1mb.html and large-5mb.html
//
// Also used by run.mjs for the scaling pages (the same article at 1×, 4×, 16× its body).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JSDOM, VirtualConsole } from 'jsdom';

/** The Volantis post body, as src/core/data/themes.ts finds it (root `article#post`, body rule). */
const BODY = 'article#post > div:not([class]):not([id])';

const parse = (html) => new JSDOM(html, { virtualConsole: new VirtualConsole() });

/**
 * The page cut around its post body: `before + body + after` is the page (re-serialized by jsdom). The
 * skeleton is serialized around a marker and the body text spliced in: jsdom takes minutes to clone and
 * serialize a 5 MB tree, string repetition takes milliseconds.
 */
export function splitPage(html) {
  const dom = parse(html);
  try {
    const doc = dom.window.document;
    const body = doc.querySelector(BODY);
    if (!body) throw new Error(`no post body (${BODY}) in the base page`);
    const inner = body.innerHTML;
    const marker = `pnr-bench-body-${Date.now()}`;
    body.replaceChildren(doc.createComment(marker));
    const [before, after] = ('<!doctype html>\n' + doc.documentElement.outerHTML).split(`<!--${marker}-->`);
    return { before, body: inner, after, bodyBytes: Buffer.byteLength(inner) };
  } finally {
    dom.window.close();
  }
}

/** The page with its post body repeated `factor` times (factor 1: the page re-serialized as is). */
export function repeatBody(parts, factor) {
  return parts.before + parts.body.repeat(factor) + parts.after;
}

/** The page grown to about `targetBytes` by repeating its body. */
export function pageOfSize(parts, targetBytes) {
  const skeletonBytes = Buffer.byteLength(parts.before) + Buffer.byteLength(parts.after);
  const factor = Math.max(1, Math.round((targetBytes - skeletonBytes) / parts.bodyBytes));
  return { html: repeatBody(parts, factor), factor };
}

export const LARGE_SIZES = { 'large-1mb.html': 1 << 20, 'large-5mb.html': 5 << 20 };

/** Write the large pages made from `baseFile` into `outDir`; returns [{ name, path, bytes, factor }]. */
export function writeLargePages(baseFile, outDir) {
  mkdirSync(outDir, { recursive: true });
  const parts = splitPage(readFileSync(baseFile, 'utf8'));
  return Object.entries(LARGE_SIZES).map(([name, target]) => {
    const page = pageOfSize(parts, target);
    const path = join(outDir, name);
    writeFileSync(path, page.html);
    return { name, path, bytes: Buffer.byteLength(page.html), factor: page.factor };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: '../shared/corpus/rendered/p/40e6.html' },
      out: { type: 'string' },
    },
  });
  const out = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'pnr-large-'));
  for (const page of writeLargePages(resolve(values.base), out)) {
    console.log(`${page.path}: ${(page.bytes / 1024 / 1024).toFixed(2)} MB (body ×${page.factor})`);
  }
}
