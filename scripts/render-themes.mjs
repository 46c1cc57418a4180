#!/usr/bin/env node
// Renders the corpus posts with Hexo 8 and several themes from the npm registry, so the core's theme
// table can be checked against more than the live site's Volantis 4. Offline: only the HTML matters;
// theme CSS/JS stay as <link>/<script> tags (CDN or site-relative) and are not copied to the output.
//
//   node scripts/render-themes.mjs [--themes volantis6,next,...] [--out DIR] [--posts DIR]
//                                  [--seed FILE | --no-seed] [--jobs N] [--keep] [--list]
//
// For every theme OUT/<theme-id>/ gets one page per post exactly as Hexo wrote it (001.html …, seed.html),
// listing/*.html (non-article pages of the same theme: home, page-2, archives, category, tag, about, and
// categories/tags indexes when the theme makes them) and index.json:
//   { theme, package, version, versions, config, posts: { "001.md": "001.html", … }, skipped, listing: [{ file, kind, path }] }
//
// Each theme renders in its own child process and its own temporary Hexo site (fresh db.json), two at a
// time. The toolchain is tools/theme-render (own package-lock.json; `npm ci` runs when it is missing).
// The site gets, besides the posts, an about page (`layout: page`) and two small synthetic posts with
// tags (the corpus posts have none), dated 1969 so they sit at the end of every listing; they make the
// tag pages exist and are not written as posts.
//
// scripts/render-next.mjs calls renderTheme('next', { compat: true }) from here: no synthetic sources,
// the old listing set and index.json format, so build/next-corpus stays what it was.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

// The live site was built in UTC (its pages say datetime=…+00:00); pin it so output is reproducible.
process.env.TZ = 'UTC';

const SELF = fileURLToPath(import.meta.url);
export const ROOT = resolve(dirname(SELF), '..');
export const TOOL = join(ROOT, 'tools/theme-render');
// The corpus beside the checkout (CI clones main with shared/ next to it), or CORPUS_DIR.
export const CORPUS = resolve(process.env.CORPUS_DIR ?? join(ROOT, '..', 'shared', 'corpus'));
// Hexo takes `updated` from the file's mtime; pin it to the live snapshot's build time
// (2022-09-26T15:12:52Z, seen on the corpus pages) so "更新于" is reproducible. Posts dated
// `Invalid Date` still fall back to the copy's birthtime = the day this script runs, like the live site.
const BUILD_TIME = new Date('2022-09-26T15:12:52Z');
const LOG = 'render-themes';

// Site config shared by every theme: what the live site would have. permalink uses the file name
// (`:title` is the slug = source file name), so p/001.html ↔ 001.md.
const SITE_CONFIG = `
title: 小冰 RSSHub
subtitle: ''
description: ''
author: RSSHub
language: zh-CN
timezone: ''
url: https://news.zfe.space
permalink: p/:title.html
pretty_urls:
  trailing_index: true
  trailing_html: true
source_dir: source
public_dir: public
new_post_name: :title.md
render_drafts: false
post_asset_folder: false
relative_link: false
future: true
external_link:
  enable: true
  field: site
filename_case: 0
index_generator:
  path: ''
  per_page: 10
  order_by: -date
archive_generator:
  per_page: 10
  yearly: false
  monthly: false
category_generator:
  per_page: 10
tag_generator:
  per_page: 10
per_page: 10
pagination_dir: page
`;

// Plugins every theme gets (Hexo loads the site package.json's hexo-* dependencies; the rest of
// tools/theme-render is installed but not loaded unless a theme lists it).
const BASE_PLUGINS = [
  'hexo-generator-archive',
  'hexo-generator-category',
  'hexo-generator-index',
  'hexo-generator-tag',
  'hexo-renderer-marked',
];

// The themes. `pkg` is the dependency in tools/theme-render/package.json (its node_modules name), `npm`
// the registry package when `pkg` is an npm alias of it, `name` is what `theme:` says (Hexo 8 finds
// node_modules/hexo-theme-<name>), `config` goes to _config.<name>.yml (merged over the theme's own _config.yml).
export const THEMES = {
  // The live site's theme family (it ran Volantis 4.3.1). Default config plus what the fork had:
  // pjax (on by default in 6.x), lazyload (on by default), the copyright box, the site author
  // "RSSHub" on every post (the live pages say RSSHub, not the feed), share links (default).
  volantis6: {
    pkg: 'hexo-theme-volantis',
    name: 'volantis',
    plugins: ['hexo-renderer-ejs', 'hexo-renderer-stylus', 'hexo-generator-json-content'],
    config: `
debug: false
plugins:
  pjax:
    enable: true
  lazyload:
    enable: true
article:
  body:
    footer_widget:
      copyright:
        enable: true
    meta_library:
      author:
        name: RSSHub
        url: /
search:
  enable: true
  service: hexo
cover:
  title: 小冰 RSSHub
`,
  },
  // The same family one major version back (Volantis 5.8.0, the last 5.x on npm), beside 6.x: npm can't
  // install two versions under one name, so tools/theme-render has it under the alias
  // `hexo-theme-volantis5` (`npm:hexo-theme-volantis@5.8.0`), `theme: volantis5` loads it and its config
  // goes to _config.volantis5.yml. Same settings as volantis6 (every key exists in 5.8.0's _config.yml;
  // pjax and lazyload are on by default there too).
  volantis5: {
    pkg: 'hexo-theme-volantis5',
    npm: 'hexo-theme-volantis',
    name: 'volantis5',
    plugins: ['hexo-renderer-ejs', 'hexo-renderer-stylus', 'hexo-generator-json-content'],
    config: `
debug: false
plugins:
  pjax:
    enable: true
  lazyload:
    enable: true
article:
  body:
    footer_widget:
      copyright:
        enable: true
    meta_library:
      author:
        name: RSSHub
        url: /
search:
  enable: true
  service: hexo
cover:
  title: 小冰 RSSHub
`,
  },
  // NexT, Muse scheme, as scripts/render-next.mjs always rendered it: copyright block, reward button.
  next: {
    pkg: 'hexo-theme-next',
    name: 'next',
    plugins: [],
    config: `
scheme: Muse
creative_commons:
  license: by-nc-sa
  size: small
  sidebar: false
  post: true
  language: deed.zh
reward_settings:
  enable: true
  animation: false
reward:
  wechatpay: /images/wechatpay.png
  alipay: /images/alipay.png
post_navigation: left
`,
  },
  // Hexo's default theme, untouched.
  landscape: {
    pkg: 'hexo-theme-landscape',
    name: 'landscape',
    plugins: ['hexo-renderer-ejs', 'hexo-renderer-stylus'],
    config: '',
  },
  // Fluid: default config (copyright box, TOC, prev/next, lazyload are on by default), the site's
  // title in the navbar, and the post author (front matter `author` = the feed) shown in the banner.
  fluid: {
    pkg: 'hexo-theme-fluid',
    name: 'fluid',
    plugins: ['hexo-renderer-ejs', 'hexo-renderer-stylus'],
    config: `
navbar:
  blog_title: 小冰 RSSHub
post:
  meta:
    author:
      enable: true
`,
  },
  // Butterfly: default config (copyright, related posts, share.js, TOC on) plus what its users commonly
  // turn on: pjax, lazyload, the reward (打赏) button.
  butterfly: {
    pkg: 'hexo-theme-butterfly',
    name: 'butterfly',
    plugins: ['hexo-renderer-pug', 'hexo-renderer-stylus'],
    config: `
pjax:
  enable: true
lazyload:
  enable: true
  field: site
reward:
  enable: true
  text: 打赏
  QR_code:
    - img: /img/wechat.jpg
      text: wechat
    - img: /img/alipay.jpg
      text: alipay
`,
  },
  // Redefine: default config (swup single-page navigation, lazyload, copyright, TOC on by default),
  // the site's own title/author instead of the theme's demo `info`, no comment system (needs a server).
  redefine: {
    pkg: 'hexo-theme-redefine',
    name: 'redefine',
    plugins: ['hexo-renderer-ejs', 'hexo-renderer-stylus'],
    config: `
info:
  title: 小冰 RSSHub
  subtitle: ''
  author: RSSHub
  url: https://news.zfe.space
home_banner:
  title: 小冰 RSSHub
comment:
  enable: false
`,
  },
};

// Extra sources: an about page and two tagged synthetic posts (same categories as the seed, dated 1969
// so they are the oldest posts and stay off home, page 2 and the first archives page).
const SYNTHETIC_POSTS = [
  { slug: 'zz-tag-sample-1', title: '标签样例一', tags: ['RSSHub', '样例'] },
  { slug: 'zz-tag-sample-2', title: '标签样例二', tags: ['RSSHub'] },
];
function syntheticPost({ title, tags }, i) {
  return `---
title: '${title}'
categories:
 - 新媒体
 - 高科技行业门户
 - 新闻
tags:
${tags.map((t) => ` - ${t}`).join('\n')}
author: RSSHub
comments: false
date: 1969-12-31 0${i}:00:00
---

<div>
<p>这是一篇带标签的样例文章，由 scripts/render-themes.mjs 生成，只为让主题生成标签页。</p>
<p>A synthetic post with tags, so that the theme writes its tag pages.</p>
</div>
`;
}
const ABOUT_PAGE = `---
title: 关于
layout: page
date: 2022-09-26 15:12:52
comments: false
---

小冰 RSSHub：用 RSSHub 把各类新闻源聚合成博客文章。

This page exists so that every theme renders one \`layout: page\` page.
`;

function usage() {
  return `usage: node scripts/render-themes.mjs [--themes ${Object.keys(THEMES).join(',')}] [--out DIR] [--posts DIR] [--seed FILE | --no-seed] [--jobs N] [--keep] [--list]`;
}

const usageError = (msg) => Object.assign(new Error(msg), { usage: true });

function parseArgs(argv) {
  const opts = {
    themes: Object.keys(THEMES),
    out: join(ROOT, 'build/theme-corpus'),
    posts: join(CORPUS, 'posts'),
    seed: join(CORPUS, 'seed/midea-china-mobile-5g.md'),
    jobs: Math.max(1, Math.min(2, availableParallelism())),
    keep: false,
    worker: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v) throw usageError(`${a} needs a value`);
      return v;
    };
    if (a === '--themes')
      opts.themes = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a === '--out') opts.out = resolve(value());
    else if (a === '--posts') opts.posts = resolve(value());
    else if (a === '--seed') opts.seed = resolve(value());
    else if (a === '--no-seed') opts.seed = null;
    else if (a === '--jobs') opts.jobs = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (a === '--keep') opts.keep = true;
    else if (a === '--worker')
      opts.worker = value(); // internal: render one theme in this process
    else if (a === '--list') {
      for (const [id, t] of Object.entries(THEMES)) console.log(`${id}\t${t.npm ? `${t.pkg} (${t.npm})` : t.pkg}`);
      process.exit(0);
    } else if (a === '-h' || a === '--help') {
      console.log(usage());
      process.exit(0);
    } else throw usageError(`unknown argument: ${a}\n${usage()}`);
  }
  const unknown = opts.themes.filter((t) => !THEMES[t]);
  if (unknown.length) throw usageError(`unknown theme(s): ${unknown.join(', ')} (known: ${Object.keys(THEMES).join(', ')})`);
  if (!opts.themes.length) throw usageError('--themes is empty');
  return opts;
}

export function ensureToolchain(log = LOG) {
  const need = ['hexo', ...Object.values(THEMES).map((t) => t.pkg)];
  if (need.every((p) => existsSync(join(TOOL, 'node_modules', p, 'package.json')))) return;
  console.log(
    `${log}: tools/theme-render/node_modules is missing or incomplete; running \`npm ci --prefix tools/theme-render\` (needs the npm registry once)…`,
  );
  const r = spawnSync('npm', ['ci', '--prefix', TOOL, '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) {
    console.error(`${log}: \`npm ci --prefix tools/theme-render\` failed; install it by hand and re-run.`);
    process.exit(1);
  }
}

// Inputs: posts/NNN.md (slug NNN) and the seed (slug "seed").
async function readInputs(postsDir, seed) {
  const inputs = [];
  for (const f of (await readdir(postsDir)).filter((n) => n.endsWith('.md')).sort()) {
    inputs.push({ key: f, file: join(postsDir, f), slug: f.slice(0, -3) });
  }
  if (seed) {
    if (inputs.some((i) => i.slug === 'seed')) throw new Error('a post is named seed.md; it would clash with the seed (use --no-seed)');
    inputs.push({ key: `seed/${basename(seed)}`, file: seed, slug: 'seed' });
  }
  const clash = inputs.find((i) => SYNTHETIC_POSTS.some((s) => s.slug === i.slug));
  if (clash) throw new Error(`a post is named ${clash.slug}.md, the name of a synthetic tag post`);
  return inputs;
}

// OUT is wiped and rewritten; refuse if it holds anything this script would not have written.
async function checkOut(out) {
  if (!existsSync(out)) return;
  const foreign = (await readdir(out)).filter((n) => !/(\.html|^index\.json|^listing)$/.test(n));
  if (foreign.length)
    throw new Error(`refusing to clear ${out}: it holds files this script did not write (${foreign.slice(0, 3).join(', ')})`);
}

/**
 * Renders the posts with one theme into `out`.
 * opts: { out, posts, seed, keep, compat, config (extra theme YAML appended), generator }
 * Returns { id, posts, listing, skipped, problems, secs, versions }.
 */
export async function renderTheme(id, opts) {
  const theme = THEMES[id];
  if (!theme) throw new Error(`unknown theme ${id}`);
  const require = createRequire(join(TOOL, 'package.json'));
  const Hexo = require('hexo');
  const { parse: parseFrontMatter } = require('hexo-front-matter');
  const plugins = [...BASE_PLUGINS, ...theme.plugins];
  const versions = { hexo: require('hexo/package.json').version, [theme.pkg]: require(`${theme.pkg}/package.json`).version };
  for (const p of plugins) versions[p] = require(`${p}/package.json`).version;

  const inputs = await readInputs(opts.posts, opts.seed);
  await checkOut(opts.out);

  const site = await mkdtemp(join(tmpdir(), `theme-render-${id}-`));
  const t0 = Date.now();
  const skipped = {};
  const problems = [];
  const renderFailures = new Map(); // public path → cause, from Hexo's "Render HTML failed" errors
  blockNetwork(problems);
  try {
    await writeFile(join(site, '_config.yml'), `${SITE_CONFIG}theme: ${theme.name}\n`);
    await writeFile(join(site, `_config.${theme.name}.yml`), `${theme.config}\n${opts.config ?? ''}\n`);
    // Hexo loads the plugins named in the site's package.json from the site's node_modules and finds
    // the theme in node_modules/hexo-theme-<name>.
    const pkg = JSON.parse(await readFile(join(TOOL, 'package.json'), 'utf8'));
    const deps = Object.fromEntries(plugins.map((p) => [p, pkg.dependencies[p] ?? require(`${p}/package.json`).version]));
    deps[theme.pkg] = pkg.dependencies[theme.pkg];
    await writeFile(
      join(site, 'package.json'),
      JSON.stringify({ name: `${id}-site`, private: true, hexo: { version: versions.hexo }, dependencies: deps }, null, 2),
    );
    await symlink(join(TOOL, 'node_modules'), join(site, 'node_modules'), 'dir');
    const postsDir = join(site, 'source/_posts');
    await mkdir(postsDir, { recursive: true });
    const pin = (f) => utimes(f, BUILD_TIME, BUILD_TIME);

    // Copy posts unchanged; a post whose front matter Hexo's own parser rejects is skipped and recorded.
    const copied = [];
    for (const inp of inputs) {
      const text = await readFile(inp.file, 'utf8');
      let fm;
      try {
        fm = parseFrontMatter(text);
        if (!fm || typeof fm !== 'object') throw new Error('no front matter');
      } catch (err) {
        skipped[inp.key] = `front matter: ${String(err.message || err).split('\n')[0]}`;
        continue;
      }
      await writeFile(join(postsDir, `${inp.slug}.md`), text);
      await pin(join(postsDir, `${inp.slug}.md`));
      inp.categories = [].concat(fm.categories ?? []).every((c) => typeof c === 'string') ? [].concat(fm.categories ?? []) : [];
      copied.push(inp);
      // Hexo dates such a post by the file's birthtime (a few ms apart, or equal); space the copies
      // out so those posts sort in file order and prev/next links come out the same on every run.
      if (undated(fm)) await sleep(10);
    }
    if (!opts.compat) {
      for (const [i, s] of SYNTHETIC_POSTS.entries()) {
        await writeFile(join(postsDir, `${s.slug}.md`), syntheticPost(s, i));
        await pin(join(postsDir, `${s.slug}.md`));
      }
      await mkdir(join(site, 'source/about'), { recursive: true });
      await writeFile(join(site, 'source/about/index.md'), ABOUT_PAGE);
      await pin(join(site, 'source/about/index.md'));
    }

    // A post that breaks rendering (e.g. a stray `{%` read as a Nunjucks tag) aborts the whole
    // generate; drop that post, record it and start again.
    for (let attempt = 0; ; attempt++) {
      const hexo = new Hexo(site, { silent: true });
      for (const level of ['warn', 'error', 'fatal']) {
        hexo.log[level] = (...args) => {
          // Hexo logs `({ err }, 'Render HTML failed: %s', path)`: keep the message and the error's last line (its cause).
          const err = args[0] && args[0].err ? args.shift().err : args.find((a) => a instanceof Error);
          const text = format(...args.filter((a) => a !== err));
          const cause = err
            ? String(err.message || err)
                .trim()
                .split('\n')
                .pop()
            : '';
          problems.push(`${level}: ${text || 'generate failed'}${cause ? ` (${cause})` : ''}`);
          const failed = /Render HTML failed: (\S+)/.exec(text);
          if (failed) renderFailures.set(failed[1], cause || 'layout threw');
        };
      }
      await hexo.init();
      try {
        await hexo.call('generate', {});
        await hexo.exit();
        break;
      } catch (err) {
        await hexo.exit(err).catch(() => {});
        const msg = String((err && err.message) || err);
        const m = /_posts[\\/]([^\s\]]+?)\.md/.exec(msg);
        const bad = m && copied.find((c) => c.slug === m[1]);
        if (!bad || attempt >= 20) throw err;
        skipped[bad.key] = `render: ${msg.split('\n')[0].replace(/^.*?\.md\s*/, '')}`;
        copied.splice(copied.indexOf(bad), 1);
        await rm(join(postsDir, `${bad.slug}.md`));
        await rm(join(site, 'db.json'), { force: true });
      }
    }

    // Collect the outputs (OUT is only cleared once the theme has rendered at least one post).
    const pub = join(site, 'public');
    const posts = {};
    for (const inp of copied) {
      const page = join(pub, 'p', `${inp.slug}.html`);
      // A layout that throws leaves an empty file behind (Hexo logs the error and goes on).
      const failure = renderFailures.get(`p/${inp.slug}.html`);
      if (failure || !existsSync(page) || !(await stat(page)).size) {
        skipped[inp.key] = failure ? `theme layout threw: ${failure}` : 'not generated (Hexo failed to process it; see warnings)';
        continue;
      }
      // Without a usable layout Hexo writes the bare post body; that is not a theme's page.
      if (!/<\/html>\s*$/i.test(await readFile(page, 'utf8'))) {
        skipped[inp.key] = 'not a whole HTML page (no theme layout applied; see warnings)';
        continue;
      }
      posts[inp.key] = `${inp.slug}.html`;
    }
    if (!Object.keys(posts).length) {
      const why = [...new Set(Object.values(skipped))].slice(0, 3).join('; ');
      const logged = [...new Set(problems)]
        .slice(0, 5)
        .map((p) => `\n  ${p.split('\n')[0].slice(0, 300)}`)
        .join('');
      throw new Error(`theme ${id}: no post page was rendered (${why || 'no posts'})${logged}`);
    }
    await rm(opts.out, { recursive: true, force: true });
    await mkdir(join(opts.out, 'listing'), { recursive: true });
    for (const page of Object.values(posts)) await cp(join(pub, 'p', page), join(opts.out, page));
    // render-next's choice: the first deepest category (a one-post 番剧 page on the corpus); the theme
    // corpus takes the three-level category with the most posts, a typical paginated category page.
    const biggest = opts.compat ? null : biggestCategory(copied, require('hexo-util').slugize);
    const firstCategory =
      biggest && existsSync(join(pub, biggest)) ? join(pub, biggest) : await findFirst(join(pub, 'categories'), 'index.html');
    const wanted = [
      ['home', 'index.html'],
      ['page-2', 'page/2/index.html'],
      ['archives', 'archives/index.html'],
      ['category', firstCategory && relative(pub, firstCategory)],
    ];
    if (!opts.compat) {
      wanted.push(
        ['tag', existsSync(join(pub, 'tags/RSSHub/index.html')) ? 'tags/RSSHub/index.html' : null],
        ['categories', 'categories/index.html'],
        ['tags', 'tags/index.html'],
        ['about', 'about/index.html'],
      );
    }
    const listing = [];
    for (const [kind, from] of wanted) {
      if (from && existsSync(join(pub, from)) && (await stat(join(pub, from))).size && !renderFailures.has(from.split('\\').join('/'))) {
        await cp(join(pub, from), join(opts.out, 'listing', `${kind}.html`));
        listing.push({ file: `listing/${kind}.html`, kind, path: `/${from.split('\\').join('/')}` });
      }
    }
    const secs = (Date.now() - t0) / 1000;
    if (opts.compat) {
      // The format scripts/render-next.mjs always wrote (scripts/test-corpus.mjs reads `posts`).
      await writeFile(
        join(opts.out, 'index.json'),
        JSON.stringify(
          {
            generator: opts.generator ?? 'scripts/render-next.mjs',
            versions: { hexo: versions.hexo, [theme.pkg]: versions[theme.pkg], 'hexo-renderer-marked': versions['hexo-renderer-marked'] },
            options: opts.options ?? {},
            posts,
            skipped,
            listing: Object.fromEntries(listing.map((l) => [l.file, l.path])),
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      await writeFile(
        join(opts.out, 'index.json'),
        JSON.stringify(
          {
            generator: 'scripts/render-themes.mjs',
            theme: id,
            package: theme.npm ?? theme.pkg,
            version: versions[theme.pkg],
            versions,
            config: theme.config.trim() ? theme.config.trim().split('\n') : [],
            posts,
            skipped,
            synthetic: SYNTHETIC_POSTS.map((s) => `/p/${s.slug}.html`).concat('/about/index.html'),
            listing,
          },
          null,
          2,
        ) + '\n',
      );
    }
    if (opts.keep) console.log(`${LOG}: ${id}: site kept at ${site}`);
    return { id, inputs: inputs.length, posts, listing, skipped, problems: [...new Set(problems)], secs, versions };
  } finally {
    if (!opts.keep) await rm(site, { recursive: true, force: true });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// `date: Invalid Date` (17 corpus posts) or none: Hexo falls back to the file's birthtime.
function undated(fm) {
  const d = fm.date;
  return d == null || (d instanceof Date ? Number.isNaN(d.getTime()) : Number.isNaN(new Date(String(d)).getTime()));
}

// Offline and reproducible: themes that phone home (Redefine checks its latest version on `ready`)
// get an immediate DNS failure instead of a request, with or without a network.
let networkBlocked = false;
export function blockNetwork(problems) {
  if (networkBlocked) return;
  networkBlocked = true;
  const lookup = (host, _o, cb) => {
    problems.push(`blocked: a theme script tried to reach ${host} (render-themes renders offline)`);
    cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (network blocked by render-themes)`), { code: 'ENOTFOUND' }));
  };
  http.globalAgent = new http.Agent({ lookup });
  https.globalAgent = new https.Agent({ lookup });
  globalThis.fetch = async (url) => {
    problems.push(`blocked: a theme script tried to fetch ${url} (render-themes renders offline)`);
    throw new TypeError(`fetch failed (network blocked by render-themes): ${url}`);
  };
}

// The category chain (front matter `categories: [a, b, c]`) most posts share, as Hexo's output path.
function biggestCategory(posts, slugize) {
  const counts = new Map();
  for (const p of posts) {
    if (!p.categories.length) continue;
    const path = `categories/${p.categories.map((c) => slugize(c, { transform: 0 })).join('/')}/index.html`;
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? best[0] : null;
}

// Depth-first: the first file named `name` below dir (deepest category page = full three-level path).
async function findFirst(dir, name) {
  if (!existsSync(dir)) return null;
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.isDirectory() && e.name !== 'page') {
      const deeper = await findFirst(join(dir, e.name), name);
      if (deeper) return deeper;
    }
  }
  return entries.some((e) => e.isFile() && e.name === name) ? join(dir, name) : null;
}

export function describe(r, outLabel) {
  const lines = [];
  const v = r.versions;
  const pkg = THEMES[r.id].pkg;
  lines.push(
    `${r.id} (${THEMES[r.id].npm ?? pkg} ${v[pkg]}, hexo ${v.hexo}): ${r.inputs} posts in, ${Object.keys(r.posts).length} rendered, ` +
      `${Object.keys(r.skipped).length} skipped, ${r.listing.length} listing pages, ${r.secs.toFixed(1)}s → ${outLabel}`,
  );
  for (const [k, why] of Object.entries(r.skipped)) lines.push(`  skipped ${k}: ${why}`);
  if (r.problems.length) {
    lines.push(`  Hexo logged ${r.problems.length} warning/error message(s):`);
    for (const p of r.problems.slice(0, 10)) lines.push(`    ${p.split('\n')[0].slice(0, 200)}`);
  }
  return lines.join('\n');
}

// Worker: one theme, in this process; prints its summary, then one machine-readable line.
async function worker(id, opts) {
  const out = join(opts.out, id);
  const r = await renderTheme(id, { out, posts: opts.posts, seed: opts.seed, keep: opts.keep });
  console.log(describe(r, relative(process.cwd(), out) || '.'));
  console.log(
    `@@result ${JSON.stringify({ id, posts: Object.keys(r.posts).length, listing: r.listing.length, skipped: Object.keys(r.skipped).length, secs: r.secs })}`,
  );
}

function runWorker(id, opts) {
  return new Promise((done) => {
    const args = [
      SELF,
      '--worker',
      id,
      '--out',
      opts.out,
      '--posts',
      opts.posts,
      ...(opts.seed ? ['--seed', opts.seed] : ['--no-seed']),
      ...(opts.keep ? ['--keep'] : []),
    ];
    const child = spawn(process.execPath, args, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => {
      const m = /^@@result (.*)$/m.exec(stdout);
      const text = stdout.replace(/^@@result .*\n?/m, '').trimEnd();
      done({ id, code: code ?? 1, signal, text, stderr: stderr.trimEnd(), result: m ? JSON.parse(m[1]) : null });
    });
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.worker) {
    await worker(opts.worker, opts);
    return;
  }
  ensureToolchain();
  // Check the inputs once here so a bad --posts fails before any theme starts.
  await readInputs(opts.posts, opts.seed);
  await mkdir(opts.out, { recursive: true });
  const t0 = Date.now();
  const queue = [...opts.themes];
  const results = [];
  const jobs = Math.min(opts.jobs, queue.length);
  console.log(`${LOG}: ${queue.length} theme(s), ${jobs} at a time → ${relative(process.cwd(), opts.out) || '.'}`);
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (queue.length) {
        const id = queue.shift();
        const r = await runWorker(id, opts);
        results.push(r);
        if (r.code === 0 && r.result) {
          console.log(`${LOG}: ${r.text}`);
          if (r.stderr)
            console.log(
              r.stderr
                .split('\n')
                .map((l) => `  [${id} stderr] ${l}`)
                .join('\n'),
            );
        } else {
          console.error(`${LOG}: FAILED ${id} (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}):`);
          if (r.text)
            console.error(
              r.text
                .split('\n')
                .map((l) => `  ${l}`)
                .join('\n'),
            );
          if (r.stderr)
            console.error(
              r.stderr
                .split('\n')
                .slice(0, 40)
                .map((l) => `  ${l}`)
                .join('\n'),
            );
        }
      }
    }),
  );
  const failed = results.filter((r) => r.code !== 0 || !r.result);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    `${LOG}: ${results.length - failed.length} of ${results.length} theme(s) rendered in ${secs}s` +
      (failed.length ? `; FAILED: ${failed.map((r) => r.id).join(', ')}` : ''),
  );
  if (failed.length) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  main().catch((err) => {
    console.error(`${LOG}: ${err.usage || err.code === 'ENOENT' ? err.message : err.stack || err}`);
    process.exit(1);
  });
}
