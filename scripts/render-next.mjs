#!/usr/bin/env node
// Renders the corpus posts with Hexo + hexo-theme-next into build/next-corpus, the NexT pages that
// scripts/test-corpus.mjs checks. A thin wrapper over scripts/render-themes.mjs (same toolchain,
// tools/theme-render) that keeps this script's historic output: no synthetic sources, listing pages
// home / page-2 / archives / category, and its index.json format. `render-themes.mjs --themes next`
// writes the same theme, plus tag and about pages, to build/theme-corpus/next.
//
//   node scripts/render-next.mjs [--out DIR] [--posts DIR] [--seed FILE | --no-seed] [--lazyload] [--exturl] [--keep]
//
// --lazyload / --exturl turn on the two NexT options that rewrite the post body (off by default):
// lazyload moves every <img src> to data-src; exturl replaces external <a> with <span class="exturl" data-url=base64>.
//
// Writes OUT/<post>.html (001.html …, seed.html), OUT/listing/*.html (home, archives, a category,
// page 2: non-article pages of the same theme) and OUT/index.json.
import { join, relative, resolve } from 'node:path';
import { CORPUS, ROOT, ensureToolchain, renderTheme } from './render-themes.mjs';

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
      console.log(
        'usage: node scripts/render-next.mjs [--out DIR] [--posts DIR] [--seed FILE | --no-seed] [--lazyload] [--exturl] [--keep]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureToolchain('render-next');
  const options = { lazyload: opts.lazyload, exturl: opts.exturl };
  const r = await renderTheme('next', {
    out: opts.out,
    posts: opts.posts,
    seed: opts.seed,
    keep: opts.keep,
    compat: true,
    generator: 'scripts/render-next.mjs',
    options,
    config: `lazyload: ${opts.lazyload}\nexturl: ${opts.exturl}\n`,
  });
  const v = r.versions;
  console.log(`render-next: hexo ${v.hexo}, hexo-theme-next ${v['hexo-theme-next']}, hexo-renderer-marked ${v['hexo-renderer-marked']}`);
  console.log(
    `render-next: ${r.inputs} posts in, ${Object.keys(r.posts).length} rendered, ${Object.keys(r.skipped).length} skipped, ${r.listing.length} listing pages, ${r.secs.toFixed(1)}s → ${relative(process.cwd(), opts.out) || '.'}`,
  );
  for (const [k, why] of Object.entries(r.skipped)) console.log(`  skipped ${k}: ${why}`);
  if (r.problems.length) {
    console.log(`render-next: Hexo logged ${r.problems.length} warning/error message(s):`);
    for (const p of r.problems.slice(0, 20)) console.log(`  ${p.split('\n')[0]}`);
  }
}

main().catch((err) => {
  console.error(`render-next: ${err.stack || err}`);
  process.exit(1);
});
