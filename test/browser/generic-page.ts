// Pages that are not proxied-news articles, for the any-page reader (Readability): an ordinary blog post
// with site chrome around it, and a page with nothing to read. Written here, so no corpus page is needed.

export const GENERIC_TITLE = 'How Lighthouses Learned to Speak';
export const GENERIC_BYLINE = 'Ada Keeper';

const PARAGRAPHS = [
  'For most of their history lighthouses said one thing only: here is the coast. A fire on a tower, later a lamp behind glass, told a sailor where the land began, and nothing more than that.',
  'The first change came with rotation. Once a lens could turn at a steady speed, a light could flash, and a flash can be counted. Sailors learned that one light flashed twice every ten seconds while its neighbour flashed three times.',
  'Each station received its own character, printed in the lists that every navigator carried. A glance at a stopwatch and a page of the list was enough to name the headland in the dark.',
  'Colour came next. A red sector over a reef and a white one over the safe channel let a single lantern say where to steer as well as where the rock was. Keepers polished the coloured glass every morning.',
  'Fog was the old enemy, because a light that cannot be seen says nothing at all. Bells, guns and finally great diaphone horns gave the stations a voice that carried through the thickest weather.',
  'Radio beacons followed in the twentieth century, sending a letter in Morse code that a ship could take a bearing on from far beyond the horizon. The light had become a signal among many others.',
  'Today satellite positioning does most of the work, yet the towers still shine. Their characters are still printed in the lists, and a sailor whose screen goes dark can still count the flashes and know the coast.',
  'The keepers are gone from almost every station, replaced by automatic lamps and solar panels. What remains is the language they tended, spoken in light across the water every night of the year.',
];

/** A long English article in ordinary markup (no Hexo, no theme), with navigation, a sidebar and a footer. */
export function genericPageHtml(): string {
  const body = PARAGRAPHS.map((p, i) => `<p>${p}${i === 2 ? ' See <a href="/lists/characters">the list of characters</a>.' : ''}</p>`).join(
    '\n',
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${GENERIC_TITLE} | Harbour Notes</title>
<meta name="author" content="${GENERIC_BYLINE}">
<style>body { font-family: serif; margin: 0 auto; max-width: 40em; background: #fff; }</style>
</head>
<body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/archive">Archive</a></nav></header>
<main>
<article class="post">
<h1>${GENERIC_TITLE}</h1>
<p class="byline">By <span class="author">${GENERIC_BYLINE}</span></p>
${body}
<figure><img src="/img/lighthouse.png" alt="A lighthouse at dusk" width="24" height="24"><figcaption>A lighthouse at dusk.</figcaption></figure>
${body}
</article>
</main>
<aside class="sidebar"><h2>Elsewhere</h2><ul><li><a href="/a">Tides</a></li><li><a href="/b">Buoys</a></li></ul></aside>
<footer class="site-footer"><p>© Harbour Notes</p></footer>
</body>
</html>`;
}

/** A page with no text worth reading: Readability finds nothing. */
export function emptyPageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body><form><label>Name <input name="n"></label><button>Go</button></form></body>
</html>`;
}
