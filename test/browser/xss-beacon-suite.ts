// XSS in real browsers, with an execution beacon; and "no traffic of our own". Defined once, run by
// xss-beacon.test.ts (Chromium, every vector) and xss-beacon.firefox.test.ts (Firefox, a subset).
//
// The vectors of test/security/xss-vectors.ts are placed where they say (title, a category, the body, tag links,
// the cover) in hostile article pages built by test/helpers/page-builder.ts, many vectors to a page. Each
// vector's canary (`top.__pwned++`, in every encoding the vector uses) becomes a request to the beacon,
//   fetch(`https://beacon.test/hit/<vector id>/${this?.getRootNode?.()?.host?.localName}`)
// which names the vector and, for an inline handler, where its element lives: `proxied-news-reader` when it is in
// the reader's shadow root, `undefined` in the page's own document. A vector that loads something from the
// attacker's host (a script, a CSS url) loads it from the beacon host too. So nothing a vector does goes unseen:
// the fake web logs every request, and every request to the beacon counts as a hit of its vector.
//
// Measured, per page:
//   alone    the page in the same browser WITHOUT the extension (a plain launch): what the page runs by itself;
//   cleaned  the page with the extension, cleaned in place (auto-clean on, as installed);
//   reader   the same tab after reader mode was opened (content-script message), scrolled through;
//   popup    popup.html?tab=<id>, in a tab of its own whose requests go to a fake web of their own.
// Asserted: the vectors that hit with the extension are a subset of those that hit alone; no hit comes from the
// reader's shadow root or the popup; no script address (javascript:, vbscript:, a data: URL that is not a
// raster image) in any URL attribute of the reader's shadow root or the popup's DOM, nor any inline handler,
// script element or srcdoc there. Controls show each of those checks can fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../../src/shared/messages';
import { buildPage, DEFAULT_CATEGORIES, type TagLinkSpec } from '../helpers/page-builder';
import { CANARY, XSS_VECTORS, type Family, type XssVector } from '../security/xss-vectors';
import { articleMediaOf, expectNoOwnTraffic, ownTrafficProblems, trafficTable } from './extension-traffic';
import { fixture } from './expectations';
import { FakeWeb, interceptPage } from './fake-web';
import { genericPageHtml } from './generic-page';
import { ExtensionBrowser, sleep, until, type BrowserKind } from './harness';
import { PlainBrowser } from './plain-browser';

// ------------------------------------------------------------------ vectors → beacon payloads

export const BEACON_HOST = 'beacon.test';
/** Not the site's own host: the fake web answers every picture of news.zfe.space, so `<img src=x onerror>` would
 * never fail there. Here, in the `none` scenario, every picture fails and every error handler gets its event.
 * The extension recognises the site family by the page, on any host. */
const SITE = 'https://xss.zfe.test';
const SCENARIO = 'none' as const;

/** What a vector runs when it executes. No space, quote, `<`, `>` or `&`: it survives every spot a canary sits in
 * (unquoted attributes, single- and double-quoted ones, srcdoc, URLs). */
export function beaconJs(id: string): string {
  return 'fetch(`https://' + BEACON_HOST + '/hit/' + id + '/${this?.getRootNode?.()?.host?.localName}`)';
}

/** The canary as xss-vectors.ts encodes it in redirect parameters, and its other spellings there. */
const CANARY_URL_ENCODED = 'javascript%3Atop.__pwned%2B%2B';
const CANARY_ENTITY = '&#116;op.__pwned++';
const CANARY_PERCENT = '%74op.__pwned%2B%2B';
const CANARY_BASE64_SCRIPT = Buffer.from(`<script>${CANARY}</script>`).toString('base64');

/** The vector's payload with every canary turned into the beacon, in the same encoding. */
export function armed(v: XssVector): string {
  const js = beaconJs(v.id);
  let p = v.payload;
  p = p.split(CANARY_URL_ENCODED).join(`javascript%3A${encodeURIComponent(js)}`);
  p = p.split(CANARY_ENTITY).join(`&#${js.charCodeAt(0)};${js.slice(1)}`);
  p = p.split(CANARY_PERCENT).join(`%${js.charCodeAt(0).toString(16)}${js.slice(1)}`);
  p = p.split(CANARY_BASE64_SCRIPT).join(Buffer.from(`<script>${js}</script>`).toString('base64'));
  p = p.split(CANARY).join(js);
  // The attacker's host: a script (served by the fake web, it runs the beacon) or anything else it would load.
  p = p.split('https://evil.example/x.js').join(`https://${BEACON_HOST}/script/${v.id}.js`);
  p = p.replace(/https:\/\/((?:[a-z0-9-]+\.)*)evil\.example\//g, `https://$1${BEACON_HOST}/load/${v.id}/`);
  return p;
}

const NOTHING_TO_RUN = new Set([
  'a-href-vbscript',
  'tag-ithome-vbscript',
  'cover-vbscript',
  'tag-cnbeta-file',
  'tag-ofweek-blob',
  'category-entity',
]);

/** A vector that can call the beacon at all (vbscript:, file:, blob: and plain entities cannot run anything). */
export const canCall = (v: XssVector): boolean => armed(v) !== v.payload;

// ------------------------------------------------------------------ pages

const BODY_BEFORE = '<p>正文开始，三星印度宣布与 Axis Bank 合作推出一款信用卡。</p>';
const BODY_AFTER = '<p>正文结束。</p>';
const CONTROL_TAG: TagLinkSpec = { style: 'ithome', text: '苹果', href: 'https://www.ithome.com/tag/apple/' };
/** Vectors that act on the whole document (its base URL, a refresh): a page each. */
const SOLO = new Set(['base-href', 'meta-refresh']);
const BODY_PER_PAGE = 16;

export interface BeaconPage {
  url: string;
  html: string;
  /** Vector ids on the page. */
  ids: string[];
  /** Body vectors, in order: each follows its marker paragraph `<p class=pnr-v data-v=id>`. */
  bodyIds: string[];
  /** The title as the page shows it (text). */
  title: string;
}

const marker = (id: string) => `<p class="pnr-v" data-v="${id}">vector ${id}</p>`;
/**
 * After each body vector: end tags for every raw-text element and foreign context a vector may leave open
 * (`<form><math><mtext></form><form><mglyph><style>` ends inside an HTML <style>, which would swallow the rest of
 * the page as text). The vector itself is parsed exactly as before — these come after it — and an end tag with
 * nothing to close is ignored. Whether each vector stood on its own is checked in the page (its marker).
 */
const RESET = '</style></xmp></textarea></title></noscript></noembed></noframes></iframe></template></svg></math>';

/** Many vectors to a page, each in its own place: at most one title, one category and one cover vector a page. */
export function buildBeaconPages(vectors: readonly XssVector[], name: string): BeaconPage[] {
  const by = (where: XssVector['where']) => vectors.filter((v) => v.where === where && !SOLO.has(v.id));
  const titles = by('title');
  const categories = by('categories');
  const covers = by('cover');
  const tags = by('tag-link');
  const bodies = by('body');
  const count = Math.max(titles.length, categories.length, covers.length, Math.ceil(bodies.length / BODY_PER_PAGE), 1);
  const pages: BeaconPage[] = [];
  for (let i = 0; i < count; i++) {
    const title = titles[i];
    const category = categories[i];
    const cover = covers[i];
    const pageTags = tags.filter((_, k) => k % count === i);
    const pageBodies = bodies.filter((_, k) => k % count === i);
    const titleText = title ? armed(title) : `XSS 信标测试 ${name} ${i + 1}`;
    const tagLinks: TagLinkSpec[] = [
      ...pageTags.map((v) => ({ style: v.tagStyle ?? 'ofweek', text: `芯片${v.id.length}`, href: armed(v) })),
      CONTROL_TAG,
    ];
    const html = buildPage({
      title: titleText,
      categories: category ? [DEFAULT_CATEGORIES[0]!, armed(category), DEFAULT_CATEGORIES[2]!] : DEFAULT_CATEGORIES,
      body: BODY_BEFORE + pageBodies.map((v) => marker(v.id) + armed(v) + RESET).join('') + BODY_AFTER,
      tagLinks,
      ...(cover ? { cover: armed(cover) } : {}),
    });
    const ids = [title, category, cover, ...pageTags, ...pageBodies].filter((v): v is XssVector => v !== undefined).map((v) => v.id);
    pages.push({ url: `${SITE}/${name}/${i + 1}.html`, html, ids, bodyIds: pageBodies.map((v) => v.id), title: titleText });
  }
  for (const v of vectors.filter((x) => SOLO.has(x.id))) {
    const titleText = `XSS 信标测试 ${name} ${v.id}`;
    pages.push({
      url: `${SITE}/${name}/${v.id}.html`,
      html: buildPage({ title: titleText, body: BODY_BEFORE + marker(v.id) + armed(v) + BODY_AFTER, tagLinks: [CONTROL_TAG] }),
      ids: [v.id],
      bodyIds: [v.id],
      title: titleText,
    });
  }
  return pages;
}

/** Serve the pages, and a beacon script for each vector that loads one. */
function serve(web: FakeWeb, pages: BeaconPage[], vectors: readonly XssVector[]): void {
  web.scenario = SCENARIO;
  for (const p of pages) web.addPage(p.url, p.html);
  for (const v of vectors) {
    web.addPage(`https://${BEACON_HOST}/script/${v.id}.js`, `fetch('https://${BEACON_HOST}/hit/${v.id}/script')`, {
      'content-type': 'text/javascript',
    });
  }
}

// ------------------------------------------------------------------ hits

export interface Hit {
  id: string;
  /** `exec`: the beacon call ran; `load`: something was loaded from the attacker's host. */
  what: 'exec' | 'load' | 'script';
  /** For `exec`: where the handler's element lives (`proxied-news-reader`: the reader's shadow root). */
  where: string;
  url: string;
}

export function hitsOf(log: FakeWeb['log']): Hit[] {
  const out: Hit[] = [];
  for (const entry of log) {
    let u: URL;
    try {
      u = new URL(entry.url);
    } catch {
      continue;
    }
    if (u.hostname !== BEACON_HOST && !u.hostname.endsWith(`.${BEACON_HOST}`)) continue;
    const [, kind, id = '?', rest = ''] = u.pathname.split('/');
    if (kind === 'hit') out.push({ id, what: 'exec', where: decodeURIComponent(rest), url: entry.url });
    else if (kind === 'script') out.push({ id: id.replace(/\.js$/, ''), what: 'script', where: 'page', url: entry.url });
    else out.push({ id, what: 'load', where: 'page', url: entry.url });
  }
  return out;
}

const READER_HOST = 'proxied-news-reader';

/** Wait until the beacon has been quiet for `quietMs` (at least `minMs` in all, at most `maxMs`). */
async function settle(web: FakeWeb, minMs = 1200, quietMs = 600, maxMs = 6000): Promise<void> {
  const start = Date.now();
  let count = hitsOf(web.log).length;
  let quietSince = Date.now();
  while (Date.now() - start < maxMs) {
    await sleep(150);
    const now = hitsOf(web.log).length;
    if (now !== count) {
      count = now;
      quietSince = Date.now();
    }
    if (Date.now() - start >= minMs && Date.now() - quietSince >= quietMs) return;
  }
}

/**
 * Scroll `which` through, top to bottom, in at most 30 steps (lazy pictures load, scroll handlers run): the page,
 * the reader's scroller or the popup's preview. Runs in the browser: self-contained.
 */
export async function scrollThrough(which: string): Promise<void> {
  const el =
    which === 'page'
      ? document.scrollingElement
      : which === 'reader'
        ? document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=reader-scroller]')
        : document.querySelector('[data-testid=preview]');
  if (!el) return;
  const step = Math.max(el.clientHeight / 2, el.scrollHeight / 30, 100);
  for (let y = 0; y <= el.scrollHeight; y += step) {
    el.scrollTop = y;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (which === 'page') el.scrollTop = 0;
}

/** What a visitor does on the page: move the pointer over it and scroll through it, top to bottom and back. */
async function visit(page: Page): Promise<void> {
  for (const [x, y] of [
    [40, 40],
    [400, 300],
    [700, 500],
  ] as const)
    await page.mouse.move(x, y).catch(() => undefined);
  await page.evaluate(scrollThrough, 'page').catch(() => undefined);
}

// ------------------------------------------------------------------ DOM checks (run in the browser)

/**
 * Script addresses, inline handlers, script elements and srcdoc under `scope`: `reader` (the reader's shadow
 * root), `document`, or `sample:<html>` (parsed inert by DOMParser: the control). Each problem as a line.
 * Runs in the browser: self-contained.
 */
export function domProblems(scope: string): string[] {
  let root: ParentNode | null;
  if (scope === 'reader') root = document.querySelector('proxied-news-reader')?.shadowRoot ?? null;
  else if (scope.startsWith('sample:')) root = new DOMParser().parseFromString(scope.slice(7), 'text/html');
  else root = document;
  if (!root) return [`no ${scope} to check`];
  const URL_ATTRS = [
    'href',
    'src',
    'srcset',
    'action',
    'formaction',
    'xlink:href',
    'poster',
    'data',
    'background',
    'cite',
    'ping',
    'lowsrc',
    'dynsrc',
    'longdesc',
    'codebase',
    'manifest',
    'icon',
    'imagesrcset',
  ];
  const scriptish = (value: string): boolean => {
    // As a URL parser reads it: leading C0 controls and spaces trimmed, tab/CR/LF dropped anywhere.
    const v = value
      .replace(/^[\u0000-\u0020]+/, '')
      .replace(/[\t\n\r]/g, '')
      .toLowerCase();
    if (/^(?:[a-z]*script|mocha):/.test(v)) return true;
    return v.startsWith('data:') && !/^data:image\/(?:png|jpe?g|gif|webp|avif|bmp|x-icon)[;,]/.test(v);
  };
  const out: string[] = [];
  const visit = (node: ParentNode): void => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      const tag = el.localName;
      // The popup's own module script is the only script allowed, and only in the popup's document.
      const ownScript =
        scope === 'document' &&
        el.hasAttribute('src') &&
        new URL(el.getAttribute('src')!, location.href).origin === location.origin &&
        location.protocol.endsWith('-extension:');
      if (tag === 'script' && !ownScript) out.push(`<script> element ${(el.getAttribute('src') ?? el.textContent ?? '').slice(0, 80)}`);
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) out.push(`<${tag} ${name}="${attr.value.slice(0, 80)}">`);
        if (name === 'srcdoc') out.push(`<${tag} srcdoc>`);
        const isUrl = URL_ATTRS.includes(name) || name.endsWith(':href');
        if (!isUrl) {
          if (name === 'style' && /url\(\s*['"]?\s*(?:[a-z]*script|data:(?!image\/))/i.test(attr.value))
            out.push(`<${tag} style="${attr.value.slice(0, 80)}">`);
          continue;
        }
        const values = name.endsWith('srcset') ? attr.value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [attr.value];
        for (const value of values) if (scriptish(value)) out.push(`<${tag} ${name}="${value.slice(0, 80)}">`);
      }
      const shadow = (el as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
      if (shadow) visit(shadow);
    }
  };
  visit(root);
  return out;
}

// ------------------------------------------------------------------ the suite

export interface PageResult {
  page: BeaconPage;
  alone: Hit[];
  cleaned: Hit[];
  reader: Hit[];
  popup: Hit[];
  readerDom: string[];
  popupDom: string[];
  /** Markers of body vectors found in the live page (alone): a vector that swallowed the next one shows. */
  markers: string[];
  popupTitle: string | null;
  readerText: string;
  state: PageState | null;
}

const union = (hits: Hit[]) => new Set(hits.map((h) => h.id));

function familyTable(vectors: readonly XssVector[], results: PageResult[]): string {
  const ids = (pick: (r: PageResult) => Hit[]) => new Set(results.flatMap((r) => pick(r).map((h) => h.id)));
  const alone = ids((r) => r.alone);
  const cleaned = ids((r) => r.cleaned);
  const reader = ids((r) => r.reader);
  const readerCtx = ids((r) => [...r.cleaned, ...r.reader].filter((h) => h.where === READER_HOST));
  const popup = ids((r) => r.popup);
  const families = [...new Set(vectors.map((v) => v.family))];
  const rows: Array<Array<string | number>> = families.map((f) => {
    const vs = vectors.filter((v) => v.family === f);
    const n = (set: Set<string>) => vs.filter((v) => set.has(v.id)).length;
    return [f, vs.length, vs.filter(canCall).length, n(alone), n(cleaned), n(reader), n(readerCtx), n(popup)];
  });
  const total = (i: number) => rows.reduce((s, r) => s + Number(r[i]), 0);
  rows.push(['all', total(1), total(2), total(3), total(4), total(5), total(6), total(7)]);
  const head = ['family', 'tried', 'armed', 'alone', 'cleaned', 'reader tab', 'in reader', 'popup'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Array<string | number>) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(width[i]!) : String(c).padStart(width[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

export interface BeaconSuiteOptions {
  kind: BrowserKind;
  vectors: readonly XssVector[];
  /** Vectors that must hit when the page is alone in this browser: proof the beacon works at all. */
  mustFireAlone: string[];
}

export function xssBeaconSuite({ kind, vectors, mustFireAlone }: BeaconSuiteOptions): void {
  const pages = buildBeaconPages(vectors, kind);
  const results = new Map<string, PageResult>();
  const result = (p: BeaconPage): PageResult => {
    let r = results.get(p.url);
    if (!r) {
      r = {
        page: p,
        alone: [],
        cleaned: [],
        reader: [],
        popup: [],
        readerDom: [],
        popupDom: [],
        markers: [],
        popupTitle: null,
        readerText: '',
        state: null,
      };
      results.set(p.url, r);
    }
    return r;
  };
  const timings: Record<string, number> = {};
  let ext: ExtensionBrowser;
  /** Every article the extension read during the run: its pictures are the only ones it may fetch. */
  const articles: PageState[] = [];

  describe(`XSS beacon in real ${kind}: ${vectors.length} vectors on ${pages.length} pages`, () => {
    it('every vector is armed or cannot run anything; one page per slot', () => {
      for (const v of vectors) expect(armed(v), v.id).not.toContain('__pwned');
      // Those that cannot call the beacon are the ones that hold no script a browser runs (vbscript: is dead,
      // file: and blob: URLs and plain entities run nothing): their check is the DOM check below.
      const unarmed = vectors.filter((v) => !canCall(v)).map((v) => v.id);
      expect(unarmed.filter((id) => !NOTHING_TO_RUN.has(id))).toEqual([]);
      const placed = pages.flatMap((p) => p.ids);
      expect(placed.sort()).toEqual(vectors.map((v) => v.id).sort());
    });

    /** The page alone, in a plain browser of its own: its own fake web and log, nothing shared with the extension's. */
    const runAlone = async (): Promise<void> => {
      const t0 = Date.now();
      const plain = await PlainBrowser.launch(kind);
      try {
        serve(plain.web, pages, vectors);
        for (const p of pages) {
          const mark = plain.web.log.length;
          const page = await plain.newPage();
          try {
            await page.goto(p.url, { waitUntil: 'load', timeout: 20_000 }).catch(() => undefined);
            await settle(plain.web);
            await visit(page);
            await settle(plain.web, 600);
            result(p).markers = await page
              .evaluate(() => Array.from(document.querySelectorAll('p.pnr-v')).map((el) => el.getAttribute('data-v') ?? ''))
              .catch(() => []);
          } finally {
            await page.close().catch(() => undefined);
          }
          result(p).alone = hitsOf(plain.web.since(mark));
        }
      } finally {
        await plain.close();
      }
      timings.alone = Date.now() - t0;
    };
    let aloneRun: Promise<void> | undefined;

    describe('with the extension', () => {
      // A build of its own: another test file rebuilding dist/ cannot change the files under this browser.
      const buildDir = mkdtempSync(path.join(tmpdir(), `pnr-xss-beacon-${kind}-`));

      beforeAll(async () => {
        // The page alone runs meanwhile, in its own browser: both mostly wait (settling beacons, scrolling), and
        // nothing of one reaches the other. Its results are asserted below, before anything compares with them.
        aloneRun = runAlone();
        aloneRun.catch(() => undefined); // awaited (and failed on) by its test
        const t0 = Date.now();
        ext = await ExtensionBrowser.launch(kind, buildDir);
        serve(ext.web, pages, vectors);
        timings.launch = Date.now() - t0;
      }, 120_000);

      afterAll(async () => {
        await ext?.close();
        rmSync(buildDir, { recursive: true, force: true });
      });

      it('cleaned in place, then reader mode, then the popup: each page', async () => {
        const t0 = Date.now();
        for (const p of pages) {
          const r = result(p);
          const mark = ext.web.log.length;
          ext.web.scenario = SCENARIO;
          const page = await ext.newPage();
          try {
            await page.goto(p.url, { waitUntil: 'load', timeout: 20_000 }).catch(() => undefined);
            await until(
              `${p.url} to be cleaned`,
              () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'),
              15_000,
            );
            await settle(ext.web);
            await visit(page);
            await settle(ext.web, 600);
            r.cleaned = hitsOf(ext.web.since(mark));

            const tab = await ext.tabIdOf(page);
            r.state = await ext.state(tab);
            if (r.state.article) articles.push(r.state);
            const readerMark = ext.web.log.length;
            expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
            r.readerText = await until('the reader body', () =>
              page.evaluate(
                () =>
                  document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=reader-body]')?.textContent ??
                  undefined,
              ),
            );
            // Read it through: lazy pictures load (and fail), the pointer passes over everything.
            for (const [x, y] of [
              [300, 200],
              [500, 400],
              [200, 600],
            ] as const)
              await page.mouse.move(x, y);
            await page.evaluate(scrollThrough, 'reader');
            await settle(ext.web);
            r.reader = hitsOf(ext.web.since(readerMark));
            r.readerDom = await page.evaluate(domProblems, 'reader');

            r.popup = [];
            const popupWeb = new FakeWeb();
            popupWeb.scenario = SCENARIO;
            const popup = await ext.browser.newPage();
            const popupMark = ext.traffic.mark;
            try {
              if (kind === 'chromium') {
                await ext.traffic.follow(popup.target());
                await interceptPage(popup, popupWeb);
                await popup.goto(`${ext.origin}/src/popup/index.html?tab=${tab}`, { waitUntil: 'load' });
              } else {
                // Firefox: the popup's requests reach the proxy with the page's; the BiDi events of its tab tell
                // them apart (the traffic recorder's channel 1).
                ext.traffic.followTab(popup);
                popup.goto(`${ext.origin}/src/popup/index.html?tab=${tab}`).catch(() => undefined);
              }
              r.popupTitle = await until('the popup title', () =>
                popup.evaluate(() => document.querySelector('[data-testid=title]')?.textContent ?? undefined),
              );
              await popup.evaluate(scrollThrough, 'preview');
              await popup.evaluate(scrollThrough, 'page');
              await settle(kind === 'chromium' ? popupWeb : ext.web);
              r.popupDom = await popup.evaluate(domProblems, 'document');
              if (kind === 'chromium') {
                r.popup = hitsOf(popupWeb.log);
              } else {
                r.popup = hitsOf(
                  ext.traffic
                    .since(popupMark)
                    .filter((e) => e.context === 'extension-page')
                    .map((e) => ({ url: e.url, kind: 'other' as const, ok: true })),
                );
              }
            } finally {
              await popup.close().catch(() => undefined);
            }
            await ext.sendToTab(tab, { type: 'pnr:set-reader', on: false }).catch(() => undefined);
          } finally {
            await page.close().catch(() => undefined);
          }
        }
        timings.extension = Date.now() - t0;
      }, 240_000);

      it('the page alone (no extension): what the vectors run by themselves', async () => {
        await aloneRun;
        const fired = union([...results.values()].flatMap((r) => r.alone));
        // Each body vector stood on its own: its marker paragraph is there (a vector that swallowed the next one
        // into a raw-text element would hide it, in both runs alike, and prove nothing about it).
        const lost = pages.flatMap((p) =>
          p.bodyIds.filter((id) => !results.get(p.url)!.markers.includes(id)).map((id) => `${p.url}: ${id}`),
        );
        expect(lost).toEqual([]);
        // The beacon works: these run in a real browser on their own.
        expect(mustFireAlone.filter((id) => !fired.has(id))).toEqual([]);
      }, 240_000);

      it('nothing runs with the extension that did not run alone; nothing at all from the reader or the popup', () => {
        const all = [...results.values()];
        const alone = union(all.flatMap((r) => r.alone));
        const withExt = union(all.flatMap((r) => [...r.cleaned, ...r.reader, ...r.popup]));
        const extra = [...withExt].filter((id) => !alone.has(id));
        const inReader = all.flatMap((r) => [...r.cleaned, ...r.reader].filter((h) => h.where === READER_HOST).map((h) => h.url));
        const fromPopup = all.flatMap((r) => r.popup.map((h) => h.url));
        // The reader tab: anything that hit after the reader opened was already the page's own (a late event).
        const readerNew = all.flatMap((r) => r.reader.filter((h) => !union(r.alone).has(h.id)).map((h) => h.url));

        console.log(`\nXSS beacon, ${kind}: ${vectors.length} vectors (${vectors.filter(canCall).length} armed) on ${pages.length} pages`);
        console.log(familyTable(vectors, all));
        const count = (pick: (r: PageResult) => Hit[]) => all.reduce((s, r) => s + pick(r).length, 0);
        console.log(
          `hits (requests): alone ${count((r) => r.alone)}, cleaned ${count((r) => r.cleaned)}, reader tab ${count((r) => r.reader)}, ` +
            `in the reader's shadow root ${inReader.length}, popup ${fromPopup.length}`,
        );
        console.log(`fired alone: ${[...alone].sort().join(' ')}`);
        console.log(`fired with the extension: ${[...withExt].sort().join(' ')}`);
        console.log(`time: alone ${timings.alone} ms, extension launch ${timings.launch} ms, extension runs ${timings.extension} ms`);

        expect(extra).toEqual([]);
        expect(inReader).toEqual([]);
        expect(readerNew).toEqual([]);
        expect(fromPopup).toEqual([]);
      });

      it('no script address, handler, script or srcdoc in the reader shadow root or the popup DOM', () => {
        const problems = [...results.values()].flatMap((r) => [
          ...r.readerDom.map((p) => `reader ${r.page.url}: ${p}`),
          ...r.popupDom.map((p) => `popup ${r.page.url}: ${p}`),
        ]);
        expect(problems).toEqual([]);
      });

      it('every page was read: reader and popup show the article, text fields verbatim as text', () => {
        for (const r of results.values()) {
          expect(r.state?.article, r.page.url).toBeTruthy();
          expect(r.readerText, r.page.url).toContain('正文开始');
          expect(r.popupTitle?.trim(), r.page.url).toBe(r.page.title);
          const title = vectors.find((v) => v.where === 'title' && r.page.ids.includes(v.id));
          if (title) expect(r.state?.article?.title).toBe(armed(title));
        }
      });

      // Before the controls below, which make such requests on purpose.
      it('no traffic of our own across all these runs: only own files and the articles’ pictures', () => {
        const problems = ownTrafficProblems(ext.traffic.log, { origin: ext.traffic.ownOrigins, articleMedia: articleMediaOf(articles) });
        console.log(trafficTable(ext.traffic.log, ext.traffic.ownOrigins));
        expect(problems).toEqual([]);
      });

      it('controls: a handler in the reader shadow root is caught and placed; a popup request is caught; the DOM check flags script addresses', async () => {
        const p = pages[0]!;
        const page = await ext.newPage();
        try {
          ext.web.scenario = SCENARIO;
          await page.goto(p.url, { waitUntil: 'load' });
          await until('cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'), 15_000);
          const tab = await ext.tabIdOf(page);
          await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true });
          await until('the reader', () =>
            page.evaluate(() =>
              Boolean(document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=reader-body]')),
            ),
          );
          const mark = ext.web.log.length;
          // What a live handler that got through the sanitizer would do, in the reader body.
          await page.evaluate((js: string) => {
            const body = document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-testid=reader-body]')!;
            const img = document.createElement('img');
            img.setAttribute('onerror', js);
            img.src = 'https://nowhere.example/missing.png';
            body.append(img);
          }, beaconJs('control-reader'));
          const hits = await until('the control hit', async () => {
            const h = hitsOf(ext.web.since(mark));
            return h.length > 0 && h;
          });
          expect(hits.map((h) => [h.id, h.where])).toEqual([['control-reader', READER_HOST]]);
          expect(await page.evaluate(domProblems, 'reader')).toEqual([expect.stringContaining('<img onerror=')]);
        } finally {
          await page.close();
        }

        const popupWeb = new FakeWeb();
        const popup = await ext.openExtensionPage('src/popup/index.html?tab=0');
        try {
          if (kind === 'chromium') await interceptPage(popup, popupWeb);
          const mark = ext.traffic.mark;
          await popup.evaluate((url: string) => fetch(url).catch(() => undefined), `https://${BEACON_HOST}/hit/control-popup/popup`);
          await sleep(500);
          const seen =
            kind === 'chromium'
              ? hitsOf(popupWeb.log)
              : hitsOf(ext.traffic.since(mark).map((e) => ({ url: e.url, kind: 'other' as const, ok: true })));
          expect(seen.map((h) => h.id)).toContain('control-popup');
          // The DOM check on a sample: four script addresses (one per attribute kind) and a harmless picture.
          const sample = [
            '<a href=" jav&#x09;ascript:alert(1)">a</a>',
            '<img srcset="https://a.example/x.png 1x, javascript:alert(2) 2x">',
            '<form action="data:text/html,<script>alert(3)</script>"></form>',
            '<svg><a xlink:href="javascript:alert(4)"><text>t</text></a></svg>',
            '<img src="data:image/png;base64,iVBORw0KGgo=">',
          ].join('');
          expect(await popup.evaluate(domProblems, `sample:${sample}`)).toHaveLength(4);
        } finally {
          await popup.close();
        }
      });
    });
  });
}

// ------------------------------------------------------------------ "no traffic of our own"

/**
 * "No traffic of our own", in a browser of its own: the popup, the options page (opened by the harness and by
 * runtime.openOptionsPage), reader mode by the content-script message, the command and the menu handlers, the
 * any-page reader (Readability) and its popup — then only the extension's files and the articles' pictures may
 * have been asked for. Controls: a fetch from the service worker / background page, from an extension page and
 * (Chromium) from the content script's world are each caught and fail the rule.
 */
export function ownTrafficSuite(kind: BrowserKind): void {
  describe(`no traffic of our own (${kind})`, () => {
    let ext: ExtensionBrowser;
    const ARTICLE = 'https://news.zfe.space/p/pmcaff-largest-page.html';
    const GENERIC = 'https://harbour.example/2024/lighthouses.html';
    const states: PageState[] = [];
    const buildDir = mkdtempSync(path.join(tmpdir(), `pnr-traffic-${kind}-`));

    beforeAll(async () => {
      ext = await ExtensionBrowser.launch(kind, buildDir);
      ext.web.addPage(ARTICLE, fixture('rendered/pmcaff-largest-page.html'));
      ext.web.addPage(GENERIC, genericPageHtml());
    }, 120_000);

    afterAll(async () => {
      await ext?.close();
      rmSync(buildDir, { recursive: true, force: true });
    });

    it('popup, options, reader (message, command, menu), any-page reader: own files and article pictures only', async () => {
      const mark = ext.traffic.mark;
      // `none`: every picture fails, so the fallback chains run (the content script and the reader switch
      // addresses): the most a page can make the extension ask for.
      const page = await ext.open(`${ARTICLE}?own=1`, 'none');
      try {
        await until('cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'), 15_000);
        const tab = await ext.tabIdOf(page);
        states.push(await ext.state(tab));
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
        // In front again (the harness's extension tab hid it): a hidden tab's timers wait a second each, and the
        // scroll through the reader below is a timer a step.
        await page.bringToFront();
        await until('the reader', () =>
          page.evaluate(() =>
            Boolean(document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=reader-body]')),
          ),
        );
        await page.evaluate(scrollThrough, 'reader');
        await sleep(800);
        expect(await ext.background('onCommand', 'toggle-reader', { id: tab })).toEqual({ reader: false });
        expect(await ext.background('onMenuClick', { menuItemId: 'pnr-toggle-reader', editable: false }, { id: tab })).toEqual({
          reader: true,
        });
        expect(await ext.background('onCommand', 'toggle-reader', { id: tab })).toEqual({ reader: false });

        const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
        await until('the popup title', () => popup.evaluate(() => document.querySelector('[data-testid=title]')?.textContent ?? undefined));
        await popup.evaluate(scrollThrough, 'preview');
        await popup.evaluate(scrollThrough, 'page');
        await sleep(800);
        await popup.click('[data-action=copy-markdown]').catch(() => undefined);
        await popup.close();
      } finally {
        await page.close();
      }

      const options = await ext.openExtensionPage('src/options/index.html');
      await until('the options page', () => options.evaluate(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0));
      await sleep(500);
      await options.close();
      await ext.inExtension(async () => {
        type Api = { runtime: { openOptionsPage(): Promise<void> } };
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        await (g.browser ?? g.chrome)!.runtime.openOptionsPage();
      });
      await sleep(1000);
      for (const p of await ext.browser.pages()) {
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(`${ext.origin}/src/options/`)) await p.close();
      }

      const generic = await ext.open(`${GENERIC}?own=1`, 'original');
      try {
        const tab = await ext.tabIdOf(generic);
        const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
        await until('the generic popup', () => popup.evaluate(() => document.querySelector('[data-testid=generic]') !== null));
        states.push(await ext.sendToTab<PageState>(tab, { type: 'pnr:get-generic' }));
        await popup.close();
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
        await sleep(800);
      } finally {
        await generic.close();
      }

      const traffic = ext.traffic.since(mark);
      console.log(trafficTable(traffic, ext.traffic.ownOrigins));
      // The recorder saw the extension's pages at work, so an empty problem list means something.
      expect(traffic.filter((r) => r.context === 'extension-page').length).toBeGreaterThan(0);
      expect(ownTrafficProblems(traffic, { origin: ext.traffic.ownOrigins, articleMedia: articleMediaOf(states) })).toEqual([]);
    }, 120_000);

    it('control: a request from the background is caught and fails the rule', async () => {
      const mark = ext.traffic.mark;
      await ext.inExtension(async () => {
        const g = globalThis as unknown as { browser?: { runtime: { getBackgroundPage?(): Promise<typeof globalThis> } } };
        // Chromium: this is the service worker itself; Firefox: an extension page, which reaches its background page.
        const getPage = g.browser?.runtime.getBackgroundPage;
        const bg = typeof getPage === 'function' ? await getPage() : globalThis;
        await bg.fetch('https://analytics.example/collect?v=1').catch(() => undefined);
      });
      const caught = await until('the recorder to see it', async () => {
        const seen = ext.traffic.since(mark).filter((r) => r.url.startsWith('https://analytics.example/'));
        return seen.length > 0 && seen;
      });
      expect(caught[0]!.context).toBe(kind === 'chromium' ? 'service-worker' : 'extension');
      expect(ownTrafficProblems(caught, { origin: ext.traffic.ownOrigins, articleMedia: () => true })).toHaveLength(caught.length);
      // And the afterAll hook other suites can use fails on it, even with its lenient default.
      expect(() => expectNoOwnTraffic(ext)).toThrow(/analytics\.example\/collect/);
    });

    it('control: a request from an extension page, even for a picture that is not the article’s, fails the rule', async () => {
      const page = await ext.openExtensionPage('src/popup/index.html?tab=0');
      try {
        const mark = ext.traffic.mark;
        await page.evaluate(() => {
          void fetch('https://fonts.example/font.woff2').catch(() => undefined);
          new Image().src = 'https://tracker.example/pixel.gif';
        });
        const caught = await until('the recorder to see both', async () => {
          const seen = ext.traffic.since(mark).filter((r) => /fonts\.example|tracker\.example/.test(r.url));
          return new Set(seen.map((r) => new URL(r.url).host)).size === 2 && seen;
        });
        const problems = ownTrafficProblems(caught, { origin: ext.traffic.ownOrigins, articleMedia: articleMediaOf(states) });
        expect(problems.length).toBe(caught.length);
      } finally {
        await page.close();
      }
    });

    if (kind === 'chromium') {
      it('control: extension code on a request’s initiator stack in a tab is the content script’s', async () => {
        const page = await ext.open(`${ARTICLE}?own=control`, 'original');
        try {
          await until('cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'), 15_000);
          const mark = ext.traffic.mark;
          // The content script's isolated world, and code that names itself as an extension file (as the content
          // script's chunks are): a fetch from there is what an analytics call in the content script would be.
          const cdp = await page.createCDPSession();
          const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
          cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as never));
          await cdp.send('Runtime.enable');
          const world = await until('the content script world', async () =>
            contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith(ext.origin)),
          );
          await cdp.send('Runtime.evaluate', {
            contextId: world.id,
            expression: `fetch('https://analytics.example/cs').catch(() => 0)\n//# sourceURL=${ext.origin}/assets/control.js`,
          });
          const own = await until('the recorder to see it', async () => {
            const seen = ext.traffic.since(mark).filter((r) => r.url === 'https://analytics.example/cs');
            return seen.length > 0 && seen;
          });
          expect(own[0]!.context).toBe('content-script');
          expect(ownTrafficProblems(own, { origin: ext.traffic.ownOrigins, articleMedia: () => true })).toHaveLength(own.length);
          // And the page's own fetch (its code, not ours) is not counted.
          const pageMark = ext.traffic.mark;
          await page.evaluate(() => fetch('https://analytics.example/page').catch(() => 0));
          await sleep(300);
          expect(ext.traffic.since(pageMark).filter((r) => r.url.includes('analytics.example'))).toEqual([]);
          await cdp.detach();
        } finally {
          await page.close();
        }
      });
    }
  });
}

export const FIREFOX_SUBSET = [
  'img-onerror',
  'svg-onload',
  'details-ontoggle',
  'a-href-javascript',
  'img-srcset-javascript',
  'form-action',
  'svg-xlink-href',
  'a-href-tab-entity',
  'a-href-percent',
  'noscript-title',
  'math-mtext-mglyph-style',
  'p-title-attr-breakout',
  'script-inline',
  'script-src',
  'iframe-srcdoc',
  'object-data-html',
  'css-style-element-exfil',
  'zhihu-javascript',
  'lazy-data-original-javascript',
  'md-image-alt-breakout',
  'title-img-onerror',
  'category-img',
  'tag-ofweek-javascript',
  'cover-attr-breakout',
];

export function vectorsById(ids: readonly string[]): XssVector[] {
  return ids.map((id) => {
    const v = XSS_VECTORS.find((x) => x.id === id);
    if (!v) throw new Error(`no XSS vector ${id}`);
    return v;
  });
}

export type { Family };
