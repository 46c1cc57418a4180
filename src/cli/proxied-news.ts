// proxied-news extract [--format json|text|markdown|html] [--url URL] FILE... | -
// Exit codes: 0 every input was read (articles or not); 1 some input could not be read or parsed (each named
// on stderr, the others still processed); 2 usage error.
import { readInput, InputError } from '../node/read-input';
import { extractText, type CliRecord } from '../node/extract-text';

const FORMATS = ['json', 'text', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `usage: proxied-news extract [--format json|text|markdown|html] [--url URL] FILE... | -

Reads proxied-news article pages (HTML) or raw posts (Markdown with front matter) and prints:
  json      one JSON object per line per input (default)
  text      the clean body text        markdown  the body as Markdown        html  the sanitized body HTML
Exit codes: 0 all inputs read; 1 some input unreadable (named on stderr; the rest still processed); 2 usage.`;

function render(rec: CliRecord, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rec);
    case 'text':
      return rec.text;
    case 'markdown':
      return rec.markdown;
    case 'html':
      return rec.html;
  }
}

export function main(argv: string[], out = process.stdout, err = process.stderr): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    out.write(USAGE + '\n');
    return 0;
  }
  if (command !== 'extract') {
    err.write((command ? `unknown command: ${command}\n` : '') + USAGE + '\n');
    return 2;
  }
  let format: Format = 'json';
  let url: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(9) : rest[++i];
      if (!FORMATS.includes(value as Format)) {
        err.write(`--format must be one of ${FORMATS.join(', ')}\n`);
        return 2;
      }
      format = value as Format;
    } else if (arg === '--url' || arg.startsWith('--url=')) {
      url = arg.includes('=') ? arg.slice(6) : rest[++i];
    } else if (arg === '--help' || arg === '-h') {
      out.write(USAGE + '\n');
      return 0;
    } else if (arg.startsWith('--')) {
      err.write(`unknown option: ${arg}\n${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    err.write(`no input files\n${USAGE}\n`);
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const rec = extractText(readInput(file), file, url);
      if (format !== 'json' && !rec.detected) err.write(`${file}: not a proxied-news article (${rec.kind})\n`);
      else out.write(render(rec, format) + '\n');
    } catch (e) {
      failed++;
      err.write(e instanceof InputError ? `${e.message}\n` : `${file}: ${(e as Error).message ?? String(e)}\n`);
    }
  }
  return failed ? 1 : 0;
}
