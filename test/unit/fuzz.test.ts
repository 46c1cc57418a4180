// Fuzzing the core over mutated real pages (fast-check): the fixture pages and posts, cut, duplicated, swapped,
// truncated, nested deep and sprinkled with random tags, attributes, entities and XSS payloads. Properties:
//   detect never throws (nor hides an error); extract returns an article exactly when detect says so, else throws
//   NotAnArticleError; every article passes the output safety checks; cleanDocument twice equals once and its
//   undo restores the page exactly; a mutated post reads or fails with the one documented error.
// Runs are bounded (FUZZ_SCALE multiplies them; FUZZ_SEED and FUZZ_PATH replay a run); the counts are in the test names.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanDocument, detect, extract, extractPost, NotAnArticleError } from '../../src/core';
import { parseMarkdownPost } from '../../src/core/markdown-post';
import { splitFrontMatter } from '../../src/core/front-matter';
import { fixtureNames, fixtureText } from '../helpers/fixtures';
import { articleProblems } from '../security/safety';
import { XSS_VECTORS } from '../security/xss-vectors';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const RUNS = {
  extract: Math.round(100 * SCALE),
  clean: Math.round(60 * SCALE),
  posts: Math.round(200 * SCALE),
};
const URL = 'https://news.zfe.space/p/fuzz.html';
const quiet = new VirtualConsole();

const PAGES = [
  ...fixtureNames('rendered').map((f) => `rendered/${f}`),
  ...fixtureNames('next').map((f) => `next/${f}`),
  ...fixtureNames('listing').map((f) => `listing/${f}`),
].map((rel) => ({ rel, text: fixtureText(rel) }));
const POSTS = fixtureNames('posts', '.md').map((f) => ({ rel: `posts/${f}`, text: fixtureText(`posts/${f}`) }));

const BODY_PAYLOADS = XSS_VECTORS.filter((v) => v.where === 'body').map((v) => v.payload);
const TAGS = [
  '<div>',
  '</div>',
  '<p>',
  '</p>',
  '<span>',
  '</span>',
  '<table>',
  '<tr><td>',
  '</table>',
  '<li>',
  '<ul>',
  '<pre><code>',
  '</code></pre>',
  '<svg>',
  '</svg>',
  '<math>',
  '<mtext>',
  '</math>',
  '<style>',
  '</style>',
  '<script>',
  '</script>',
  '<!--',
  '-->',
  '<template>',
  '</template>',
  '<form>',
  '</form>',
  '<noscript>',
  '<textarea>',
  '<xmp>',
  '<iframe>',
  '<a href="https://cors.zfour.workers.dev/?http://x.ofweek.com/a.jpg">',
  '</a>',
  '<img src="https://cors.zfour.workers.dev/?http://img.example/a.jpg">',
  '<article id=post>',
  '</article>',
  '<h1 class=title>标题</h1>',
  '<base href="https://evil.example/">',
  '<frameset>',
  '<head>',
  '<body>',
  '</body>',
  '</html>',
  '<![CDATA[',
  ']]>',
  '<a class="s_tag" href="https://www.ithome.com/tag/x/">词</a>',
  '<span class="hrefStyle"><a href="https://x.ofweek.com/tag-1.HTM">词</a></span>',
  '<video src="https://cors.zfour.workers.dev/?http://v.example/a.mp4">',
];
const ATTRS = [
  'onerror="top.__pwned++"',
  'onload=top.__pwned++',
  'src=x',
  'href="javascript:top.__pwned++"',
  'style="x:expression(1)"',
  'srcset="data:image/png;base64,AAAA 1x, javascript:1 2x"',
  'data-original="https://cors.zfour.workers.dev/?http://a/b.jpg"',
  'class=lazyload',
  'class=headimg',
  'id=post',
  'hidden',
  'title="</p><img src=x onerror=top.__pwned++>"',
  'lang=zh',
  'xmlns="http://www.w3.org/2000/svg"',
];
const ENTITIES = [
  '&#0;',
  '&amp;',
  '&#x110000;',
  '&lt;',
  '&gt;',
  '&',
  '&#123;',
  '&#125;',
  '&nbsp;',
  '&#xD800;',
  '&quot;',
  '\u0000',
  '\uFEFF',
  '\r\n',
  '\u2028',
];

type Mutation =
  | { op: 'delete' | 'duplicate' | 'truncate'; a: number; b: number }
  | { op: 'swap'; a: number; b: number; c: number }
  | { op: 'tag' | 'attr' | 'entity' | 'payload'; a: number; pick: number }
  | { op: 'nest'; a: number; b: number; depth: number; pick: number };

// A fraction in [0, 1), uniform: fast-check's own bias (towards 0 and the bounds) would pile every mutation up at
// the start of the article.
const pos = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncate' as const), a: pos, b: pos }),
  fc.record({ op: fc.constant('swap' as const), a: pos, b: pos, c: pos }),
  fc.record({ op: fc.constantFrom('tag' as const, 'attr' as const, 'entity' as const, 'payload' as const), a: pos, pick: fc.nat() }),
  fc.record({
    op: fc.constant('nest' as const),
    a: pos,
    b: pos,
    // Mostly shallow; now and then as deep as a broken feed gets (400 levels cost a second of parsing).
    depth: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 30 }), weight: 5 }, { arbitrary: fc.integer({ min: 31, max: 400 }), weight: 1 }),
    pick: fc.nat(),
  }),
);

/** Where most mutations land: the article (or the post body), where the core reads; the rest anywhere. */
function focus(text: string): [number, number] {
  const start = Math.max(0, text.search(/<article\b|\n---\s*\n/));
  const end = text.lastIndexOf('</article>');
  return [start, end > start ? end + 10 : text.length];
}

function at(text: string, [lo, hi]: [number, number], f: number): number {
  // Positions in the first 85% of [0, 1) fall in the focus range.
  return f < 0.85 ? lo + Math.floor((f / 0.85) * (hi - lo)) : Math.floor(((f - 0.85) / 0.15) * text.length);
}

function mutate(text: string, mutations: Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const range = focus(t);
    const a = at(t, range, m.a);
    switch (m.op) {
      case 'delete': {
        const b = Math.min(t.length, a + Math.floor(m.b * 2000));
        t = t.slice(0, a) + t.slice(b);
        break;
      }
      case 'duplicate': {
        const b = Math.min(t.length, a + Math.floor(m.b * 2000));
        t = t.slice(0, b) + t.slice(a, b) + t.slice(b);
        break;
      }
      case 'truncate':
        t = t.slice(0, Math.max(a, range[0] + Math.floor(m.b * (range[1] - range[0]))));
        break;
      case 'swap': {
        const [x, y] = [a, at(t, range, m.b)].sort((p, q) => p - q) as [number, number];
        const len = Math.min(Math.floor(m.c * 1500), y - x);
        t = t.slice(0, x) + t.slice(y, y + len) + t.slice(x + len, y) + t.slice(x, x + len) + t.slice(y + len);
        break;
      }
      case 'tag':
        t = t.slice(0, a) + TAGS[m.pick % TAGS.length] + t.slice(a);
        break;
      case 'payload':
        t = t.slice(0, a) + BODY_PAYLOADS[m.pick % BODY_PAYLOADS.length] + t.slice(a);
        break;
      case 'entity':
        t = t.slice(0, a) + ENTITIES[m.pick % ENTITIES.length] + t.slice(a);
        break;
      case 'attr': {
        // Into the next start tag at or after a.
        const open = t.slice(a).search(/<[a-zA-Z][\w-]*/);
        if (open < 0) break;
        const name = /^<[a-zA-Z][\w-]*/.exec(t.slice(a + open))![0];
        const at2 = a + open + name.length;
        t = t.slice(0, at2) + ' ' + ATTRS[m.pick % ATTRS.length] + t.slice(at2);
        break;
      }
      case 'nest': {
        const b = Math.min(t.length, a + Math.floor(m.b * 3000));
        const tag = ['div', 'span', 'b', 'p', 'blockquote', 'li', 'table'][m.pick % 7]!;
        t = t.slice(0, a) + `<${tag}>`.repeat(m.depth) + t.slice(a, b) + `</${tag}>`.repeat(m.depth) + t.slice(b);
        break;
      }
    }
  }
  return t;
}

function load(html: string) {
  const dom = new JSDOM(html, { url: URL, contentType: 'text/html', virtualConsole: quiet });
  return { dom, doc: dom.window.document, win: dom.window as unknown as Window };
}

const counts = { articles: 0, notArticles: 0, cleaned: 0, posts: 0, noFrontMatter: 0 };
// jsdom frees a closed window only after a turn of the event loop (its load event waits on process.nextTick): a
// synchronous run of hundreds of pages would hold every one of them.
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
// FUZZ_SEED with FUZZ_PATH (both printed by a failure) replays one failing case.
const params = (numRuns: number) => ({
  numRuns,
  seed: SEED,
  endOnFailure: true,
  ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
});

afterAll(() => {
  console.log(
    `fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays): extract ${RUNS.extract} runs (${counts.articles} articles, ${counts.notArticles} not), ` +
      `clean ${RUNS.clean} runs (${counts.cleaned} cleaned an article), posts ${RUNS.posts} runs (${counts.noFrontMatter} without front matter)`,
  );
});

describe('mutated pages', () => {
  it(`detect never throws; extract returns exactly for detected articles, and safe output (${RUNS.extract} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(PAGES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (i, ms) => {
        const { dom, doc, win } = load(mutate(PAGES[i]!.text, ms));
        try {
          const d = detect(doc);
          expect(d.signals.filter((s) => s.startsWith('error:'))).toEqual([]);
          let article = null;
          try {
            article = extract(doc, { url: URL, win });
          } catch (e) {
            expect(e).toBeInstanceOf(NotAnArticleError);
          }
          expect(article !== null).toBe(d.detected);
          if (article) {
            counts.articles++;
            const problems = articleProblems(article);
            if (problems.length && process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, article.html);
            expect(problems).toEqual([]);
          } else counts.notArticles++;
        } finally {
          dom.window.close();
          await turn();
        }
      }),
      params(RUNS.extract),
    );
  }, 120_000);

  it(`cleanDocument twice equals once, and undo restores the page exactly (${RUNS.clean} runs)`, async () => {
    const articles = PAGES.filter((p) => !p.rel.startsWith('listing/'));
    await fc.assert(
      fc.asyncProperty(fc.nat(articles.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (i, ms) => {
        const { dom, doc } = load(mutate(articles[i]!.text, ms));
        try {
          const original = doc.documentElement.outerHTML;
          const first = cleanDocument(doc);
          const once = doc.documentElement.outerHTML;
          const second = cleanDocument(doc);
          expect(doc.documentElement.outerHTML).toBe(once);
          expect(second.topics).toEqual([]);
          if (first.root) counts.cleaned++;
          second.undo();
          first.undo();
          expect(doc.documentElement.outerHTML).toBe(original);
        } finally {
          dom.window.close();
          await turn();
        }
      }),
      params(RUNS.clean),
    );
  }, 120_000);
});

const YAML_JUNK = [
  'title: [',
  'categories: {a: b}',
  'date: 99999-99-99',
  ': :',
  '\ttitle: tab',
  'x: &a [1, 2]',
  'y: *a',
  'z: *missing',
  'title: !!js/function "function(){}"',
  '<<: *a',
  'categories:\n - [nested, list]\n - {k: v}',
  `title: "${'长'.repeat(5000)}"`,
  'date: Invalid Date',
  'date: 1970-01-01',
  'headimg: javascript:top.__pwned++',
  'thumbnail: ["a", "b"]',
  'author:',
  "title: 'It's'",
  'comments: maybe',
  '---',
  '...',
  '\uFEFF---',
  'categories: null',
  'title: null',
  'date: [2022]',
  'headimg: "https://cors.zfour.workers.dev/?javascript:top.__pwned++"',
  '%YAML 1.2',
  '? complex key\n: value',
];
const lineMutation = fc.record({ op: fc.constantFrom('drop', 'dup', 'junk', 'swap'), a: pos, b: pos, pick: fc.nat() });

function mutatePost(text: string, lines: { op: string; a: number; b: number; pick: number }[], ms: Mutation[]): string {
  // Line edits go to the front matter (where a line means most), string mutations to the body; the fence lines
  // themselves are fair game for both.
  const close = /\n---[ \t]*\n/.exec(text.slice(4));
  const cut = close ? 4 + close.index + close[0].length : Math.min(text.length, 600);
  const ls = text.slice(0, cut).split('\n');
  for (const m of lines) {
    // The fences (the first two and last two lines) only now and then: without them there is nothing to read.
    const anywhere = m.b < 0.05;
    const line = (f: number) => (anywhere ? Math.floor(f * ls.length) : 2 + Math.floor(f * Math.max(0, ls.length - 4)));
    const i = line(m.a);
    if (m.op === 'drop') ls.splice(i, 1);
    else if (m.op === 'dup') ls.splice(i, 0, ls[i] ?? '');
    else if (m.op === 'junk') ls.splice(i, 0, YAML_JUNK[m.pick % YAML_JUNK.length]!);
    else {
      const j = line(m.b);
      [ls[i], ls[j]] = [ls[j] ?? '', ls[i] ?? ''];
    }
  }
  return ls.join('\n') + mutate(text.slice(cut), ms);
}

describe('mutated Markdown posts', () => {
  it(`parseMarkdownPost / extractPost read any post, or throw the one documented error (${RUNS.posts} runs)`, async () => {
    const { doc, win } = load('<!doctype html><title></title>');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(POSTS.length - 1),
        fc.array(lineMutation, { maxLength: 5 }),
        fc.array(mutation, { maxLength: 3 }),
        async (i, lines, ms) => {
          await turn();
          const text = mutatePost(POSTS[i]!.text, lines, ms);
          counts.posts++;
          if (splitFrontMatter(text) === null) {
            counts.noFrontMatter++;
            expect(() => parseMarkdownPost(text)).toThrow(/^Not a Markdown post: /);
            expect(() => extractPost(text, doc, { url: URL, win })).toThrow(/^Not a Markdown post: /);
            return;
          }
          const post = parseMarkdownPost(text);
          expect(typeof post.meta.title).toBe('string');
          expect(post.meta.categories.every((c) => typeof c === 'string')).toBe(true);
          const article = extractPost(text, doc, { url: URL, win });
          expect(article.title).toBe(post.meta.title);
          expect(articleProblems(article)).toEqual([]);
        },
      ),
      params(RUNS.posts),
    );
  }, 120_000);
});
