// The popup is built by a build of its own, after the extension's, into the same directory (assets/popup/). In the
// extension's build it shared its modules' chunks with the options page, the service worker and the content
// script's reader (i18n, settings, the appearance controls, the meta header…): 13 scripts and 2 style sheets to
// fetch before it could show anything, each a request the browser process answers from the extension's files,
// which a busy machine makes wait its turn. Built alone it loads `first-ask` (below), one script (and the small
// chunk of src/core/media.ts that copy and save share with it) and one style sheet: on the largest corpus article
// the popup was ready in 126 ms instead of 169 (medians of 16 alternating runs, load average ~12,
// bench/ab-popup.mjs). Copy and save still load on demand, as chunks of the popup's own: they duplicate the options
// page's, the price of one instance of each module inside the popup (+120 KB unpacked, +37 KB in the zip).
import path from 'node:path';
import preact from '@preact/preset-vite';
import { build, type Plugin, type ResolvedConfig } from 'vite';

export const POPUP_HTML = 'src/popup/index.html';
const FIRST_ASK = 'src/popup/first-ask.ts';

/**
 * The popup asks the page for its article before the rest of it loads: `first-ask.ts` is a chunk of its own
 * (`FIRST_ASK_CHUNK` below; the popup's other modules import it from there, one instance), loaded by a script of
 * its own placed first in the popup's HTML. The content script then prepares its answer while the popup's other
 * modules load and evaluate (on the largest article they took about as long as the answer). In `vite` dev it is
 * an import like the others.
 */
function popupFirstAsk(): Plugin {
  return {
    name: 'pnr-popup-first-ask',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.filename.endsWith(POPUP_HTML) || !ctx.bundle) return html;
        const chunk = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.moduleIds.some((id) => id.endsWith(FIRST_ASK)));
        if (!chunk) throw new Error(`${FIRST_ASK}: not in the bundle`);
        if (chunk.type !== 'chunk' || chunk.moduleIds.length !== 1) throw new Error(`${FIRST_ASK}: shares its chunk`);
        // `async`: it runs as soon as it is here, not after the page's other (deferred) module scripts.
        return html.replace('<script ', `<script type="module" async crossorigin src="/${chunk.fileName}"></script>\n    <script `);
      },
    },
  };
}

/** Chunks placed by hand (rolldown's automatic splitting does the rest). */
const FIRST_ASK_CHUNK = { name: 'first-ask', test: /src[\\/]popup[\\/]first-ask\.ts$/ };

/**
 * For the extension's build (list it after crx()): takes the popup out of crxjs's inputs, and once the extension is
 * written, builds the popup alone into the same directory (`assets/popup/`) with the same minification and target,
 * and names it in the manifest again. `vite` dev (serve) keeps crxjs's popup.
 */
export function popupBuild(mode: string): Plugin & {
  transformCrxManifest(manifest: { action?: { default_popup?: string } }): unknown;
  renderCrxManifest(manifest: { action?: { default_popup?: string } }): unknown;
} {
  let config: ResolvedConfig | null = null;
  let written = false;
  return {
    name: 'pnr-popup-build',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    // crxjs makes an input of every page the manifest names: not of this one.
    transformCrxManifest(manifest) {
      if (manifest.action?.default_popup !== POPUP_HTML) throw new Error(`manifest.json: action.default_popup is not ${POPUP_HTML}`);
      delete manifest.action.default_popup;
      return manifest;
    },
    renderCrxManifest(manifest) {
      manifest.action = { ...manifest.action, default_popup: POPUP_HTML };
      return manifest;
    },
    writeBundle() {
      written = true;
    },
    // Only after the extension's build was written (a failed one still closes its bundle).
    async closeBundle() {
      if (!written || !config) return;
      const { root, build: outer } = config;
      await build({
        configFile: false,
        root,
        mode,
        logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
        plugins: [preact(), popupFirstAsk()],
        build: {
          outDir: outer.outDir,
          emptyOutDir: false,
          minify: outer.minify,
          sourcemap: false,
          target: outer.target,
          // Its chunks listed as <link rel=modulepreload> in its HTML (no polyfill: both browsers know the link).
          modulePreload: { polyfill: false },
          copyPublicDir: false,
          rolldownOptions: {
            input: path.join(root, POPUP_HTML),
            output: {
              codeSplitting: { groups: [FIRST_ASK_CHUNK] },
              entryFileNames: 'assets/popup/[name]-[hash].js',
              chunkFileNames: 'assets/popup/[name]-[hash].js',
              assetFileNames: 'assets/popup/[name]-[hash][extname]',
            },
          },
        },
      });
    },
  };
}
