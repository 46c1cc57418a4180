#!/usr/bin/env node
// Renders the corpus posts with Hexo + hexo-theme-next, so the core's theme table can be checked
// against a second theme (the live site uses Volantis). Offline: only the HTML matters, NexT's
// CDN assets stay as <link>/<script> tags.
//
//   node scripts/render-next.mjs [--out DIR] [--posts DIR] [--seed FILE | --no-seed] [--lazyload] [--exturl] [--keep]
//
// --lazyload / --exturl turn on the two NexT options that rewrite the post body (off by default):
// lazyload moves every <img src> to data-src; exturl replaces external <a> with <span class="exturl" data-url=base64>.
//
// Writes OUT/<post>.html (001.html …, seed.html), OUT/listing/*.html (home, archives, a category,
// page 2: non-article pages of the same theme) and OUT/index.json.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The live site was built in UTC (its pages say datetime=…+00:00); pin it so output is reproducible.
process.env.TZ = 'UTC';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOL = join(ROOT, 'tools/next-render');
// The corpus beside the checkout (CI clones main with shared/ next to it), or CORPUS_DIR.
const CORPUS = resolve(process.env.CORPUS_DIR ?? join(ROOT, '..', 'shared', 'corpus'));
// Hexo takes `updated` from the file's mtime; pin it to the live snapshot's build time
// (2022-09-26T15:12:52Z, seen on the corpus pages) so "更新于" is reproducible. Posts dated
// `Invalid Date` still fall back to the copy's birthtime = the day this script runs, like the live site.
const BUILD_TIME = new Date('2022-09-26T15:12:52Z');

function parseArgs(argv) {
  const opts = {
    out: join(ROOT, 'build/next-corpus'),
    posts: join(CORPUS, 'posts'),
    seed: join(CORPUS, 'seed/midea-china-mobile-5g.md'),
    keep: false,
    lazyload: false,
    exturl: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a value`);
      return resolve(v);
    };
    if (a === '--out') opts.out = value();
    else if (a === '--posts') opts.posts = value();
    else if (a === '--seed') opts.seed = value();
    else if (a === '--no-seed') opts.seed = null;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--lazyload') opts.lazyload = true;
    else if (a === '--exturl') opts.exturl = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/render-next.mjs [--out DIR] [--posts DIR] [--seed FILE | --no-seed] [--lazyload] [--exturl] [--keep]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return opts;
}

function ensureToolchain() {
  if (existsSync(join(TOOL, 'node_modules/hexo/package.json')) &&
      existsSync(join(TOOL, 'node_modules/hexo-theme-next/package.json'))) return;
  console.log('render-next: tools/next-render/node_modules is missing; running `npm ci --prefix tools/next-render` (needs the npm registry once)…');
  const r = spawnSync('npm', ['ci', '--prefix', TOOL, '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) {
    console.error('render-next: `npm ci --prefix tools/next-render` failed; install it by hand and re-run.');
    process.exit(1);
  }
}

// Site config: what the live site would have, minus plugins NexT does not need.
// permalink uses the file name (`:title` is the slug = source file name), so p/001.html ↔ 001.md.
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
theme: next
`;

// Theme config (_config.next.yml): defaults, plus the post chrome a NexT site commonly turns on
// (copyright block, reward button) so the rendered pages carry everything a reader must strip.
const THEME_CONFIG = `
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
`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureToolchain();
  const require = createRequire(join(TOOL, 'package.json'));
  const Hexo = require('hexo');
  const { parse: parseFrontMatter } = require('hexo-front-matter');
  const versions = {
    hexo: require('hexo/package.json').version,
    'hexo-theme-next': require('hexo-theme-next/package.json').version,
    'hexo-renderer-marked': require('hexo-renderer-marked/package.json').version,
  };

  // Inputs: posts/NNN.md (slug NNN) and the seed (slug "seed").
  const inputs = [];
  for (const f of (await readdir(opts.posts)).filter((n) => n.endsWith('.md')).sort()) {
    inputs.push({ key: f, file: join(opts.posts, f), slug: f.slice(0, -3) });
  }
  if (opts.seed) {
    if (inputs.some((i) => i.slug === 'seed')) throw new Error('a post is named seed.md; it would clash with the seed (use --no-seed)');
    inputs.push({ key: `seed/${basename(opts.seed)}`, file: opts.seed, slug: 'seed' });
  }

  // OUT is wiped and rewritten; refuse if it holds anything this script would not have written.
  if (existsSync(opts.out)) {
    const foreign = (await readdir(opts.out)).filter((n) => !/(\.html|^index\.json|^listing)$/.test(n));
    if (foreign.length) throw new Error(`refusing to clear ${opts.out}: it holds files this script did not write (${foreign.slice(0, 3).join(', ')})`);
  }

  const site = await mkdtemp(join(tmpdir(), 'next-render-'));
  const t0 = Date.now();
  const skipped = {};
  try {
    await writeFile(join(site, '_config.yml'), SITE_CONFIG);
    await writeFile(join(site, '_config.next.yml'), `${THEME_CONFIG}lazyload: ${opts.lazyload}\nexturl: ${opts.exturl}\n`);
    // Hexo finds plugins from the site's package.json and the theme in node_modules/hexo-theme-next.
    const pkg = JSON.parse(await readFile(join(TOOL, 'package.json'), 'utf8'));
    await writeFile(join(site, 'package.json'), JSON.stringify({ name: 'next-site', private: true, hexo: { version: versions.hexo }, dependencies: pkg.dependencies }, null, 2));
    await symlink(join(TOOL, 'node_modules'), join(site, 'node_modules'), 'dir');
    const postsDir = join(site, 'source/_posts');
    await mkdir(postsDir, { recursive: true });

    // Copy posts unchanged; a post whose front matter Hexo's own parser rejects is skipped and recorded.
    const copied = [];
    for (const inp of inputs) {
      const text = await readFile(inp.file, 'utf8');
      try {
        const fm = parseFrontMatter(text);
        if (!fm || typeof fm !== 'object') throw new Error('no front matter');
      } catch (err) {
        skipped[inp.key] = `front matter: ${String(err.message || err).split('\n')[0]}`;
        continue;
      }
      await writeFile(join(postsDir, `${inp.slug}.md`), text);
      await utimes(join(postsDir, `${inp.slug}.md`), BUILD_TIME, BUILD_TIME);
      copied.push(inp);
    }

    // A post that breaks rendering (e.g. a stray `{%` read as a Nunjucks tag) aborts the whole
    // generate; drop that post, record it and start again.
    const problems = [];
    for (let attempt = 0; ; attempt++) {
      const hexo = new Hexo(site, { silent: true });
      for (const level of ['warn', 'error', 'fatal']) {
        hexo.log[level] = (...args) => problems.push(`${level}: ${args.map((a) => (a && a.err ? a.err.message : String(a))).join(' ')}`);
      }
      await hexo.init();
      try {
        await hexo.call('generate', {});
        await hexo.exit();
        break;
      } catch (err) {
        await hexo.exit(err).catch(() => {});
        const msg = String(err && err.message || err);
        const m = /_posts[\\/]([^\s\]]+?)\.md/.exec(msg);
        const bad = m && copied.find((c) => c.slug === m[1]);
        if (!bad || attempt >= 20) throw err;
        skipped[bad.key] = `render: ${msg.split('\n')[0].replace(/^.*?\.md\s*/, '')}`;
        copied.splice(copied.indexOf(bad), 1);
        await rm(join(postsDir, `${bad.slug}.md`));
        await rm(join(site, 'db.json'), { force: true });
      }
    }

    // Collect the outputs.
    await rm(opts.out, { recursive: true, force: true });
    await mkdir(join(opts.out, 'listing'), { recursive: true });
    const pub = join(site, 'public');
    const posts = {};
    for (const inp of copied) {
      const page = join(pub, 'p', `${inp.slug}.html`);
      if (!existsSync(page)) {
        skipped[inp.key] = 'not generated (Hexo failed to process it; see warnings)';
        continue;
      }
      await cp(page, join(opts.out, `${inp.slug}.html`));
      posts[inp.key] = `${inp.slug}.html`;
    }
    const listing = {};
    const firstCategory = await findFirst(join(pub, 'categories'), 'index.html');
    for (const [name, from] of [
      ['home', 'index.html'],
      ['page-2', 'page/2/index.html'],
      ['archives', 'archives/index.html'],
      ['category', firstCategory && relative(pub, firstCategory)],
    ]) {
      if (from && existsSync(join(pub, from))) {
        await cp(join(pub, from), join(opts.out, 'listing', `${name}.html`));
        listing[`listing/${name}.html`] = `/${from.split('\\').join('/')}`;
      }
    }
    const options = { lazyload: opts.lazyload, exturl: opts.exturl };
    await writeFile(join(opts.out, 'index.json'), JSON.stringify({ generator: 'scripts/render-next.mjs', versions, options, posts, skipped, listing }, null, 2) + '\n');

    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`render-next: hexo ${versions.hexo}, hexo-theme-next ${versions['hexo-theme-next']}, hexo-renderer-marked ${versions['hexo-renderer-marked']}`);
    console.log(`render-next: ${inputs.length} posts in, ${Object.keys(posts).length} rendered, ${Object.keys(skipped).length} skipped, ${Object.keys(listing).length} listing pages, ${secs}s → ${relative(process.cwd(), opts.out) || '.'}`);
    for (const [k, why] of Object.entries(skipped)) console.log(`  skipped ${k}: ${why}`);
    const shown = [...new Set(problems)];
    if (shown.length) {
      console.log(`render-next: Hexo logged ${shown.length} warning/error message(s):`);
      for (const p of shown.slice(0, 20)) console.log(`  ${p.split("\n")[0]}`);
    }
    if (opts.keep) console.log(`render-next: site kept at ${site}`);
  } finally {
    if (!opts.keep) await rm(site, { recursive: true, force: true });
  }
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

main().catch((err) => {
  console.error(`render-next: ${err.stack || err}`);
  process.exit(1);
});
