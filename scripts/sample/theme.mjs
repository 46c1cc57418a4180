// The stylesheets the sample pages link (hexo-theme-volantis 4.3.1 on news.zfe.space: /css/first.css,
// /css/style.css, /css/diy.css), answered from the local stand-in volantis-4.css: the real ones are not reachable
// offline. Used by `npm start` and the store screenshots.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const CSS = readFileSync(path.join(import.meta.dirname, 'volantis-4.css'));

/** Serve the theme's stylesheets at `origin` on `web` (a TestWeb). */
export function addVolantisTheme(web, origin) {
  const headers = { 'content-type': 'text/css; charset=utf-8' };
  web.addPage(`${origin}/css/style.css`, CSS, headers);
  // The critical and custom sheets: their rules are in the stand-in.
  for (const sheet of ['/css/first.css', '/css/diy.css']) web.addPage(origin + sheet, '', headers);
}
