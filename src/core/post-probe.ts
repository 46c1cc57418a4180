// Is this text a generated post's Markdown source? A look at its first ~2 KB, with no YAML parser: detection
// runs in the content script on every candidate page, and the `yaml` package is loaded only to read a post.

const PROBE_CHARS = 2048;

/** BOM gone, CRLF / CR line ends made LF. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Cheap check on the first ~2 KB: a `---` front matter block with `title:` and `categories:` or `date:`. */
export function looksLikeMarkdownPost(text: string): boolean {
  const head = normalizeText(text.slice(0, PROBE_CHARS));
  const open = /^\s*---[ \t]*\n/.exec(head);
  if (!open) return false;
  const rest = head.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
  const block = close ? rest.slice(0, close.index) : rest;
  return /^title[ \t]*:/m.test(block) && /^(?:categories|date)[ \t]*:/m.test(block);
}
