// Reading one CLI input: bytes → text with the right charset, or a clear reason why not.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'InputError';
  }
}

/** Inputs larger than this are refused rather than parsed (a DOM of it would take gigabytes). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** The charset a page declares in its first KiB (`<meta charset>` or http-equiv), else null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

export function decode(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new InputError(file, 'empty file');
  if (bytes.length > MAX_INPUT_BYTES) throw new InputError(file, `too large (${bytes.length} bytes; limit ${MAX_INPUT_BYTES})`);
  // Text never holds NUL bytes; UTF-16 text is not what this site serves.
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new InputError(file, 'binary file (contains NUL bytes), not HTML or Markdown');
  // Compressed or encrypted data may hold no NUL but is full of control bytes; text has a stray few at most.
  const controls = controlBytes(head);
  if (controls >= 8 && controls * 100 > head.length) throw new InputError(file, 'binary file (control bytes), not HTML or Markdown');
  let bom = 'utf-8';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = 'utf-8';
  const label = declaredCharset(bytes) ?? bom;
  let decoder: TextDecoder;
  try {
    // GBK and GB2312 pages decode as GB18030, their superset, as browsers do.
    decoder = new TextDecoder(/^(gbk|gb2312|gb_2312|x-gbk)$/.test(label) ? 'gb18030' : label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes).replace(/^\uFEFF/, '');
}

/** C0 control bytes other than tab, line feed, vertical tab, form feed, carriage return and escape. */
function controlBytes(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b < 0x20 && (b < 0x09 || b > 0x0d) && b !== 0x1b) n++;
  return n;
}

/**
 * All of a file descriptor, refusing it once it passes MAX_INPUT_BYTES: stdin, pipes and devices (/dev/zero)
 * report no size up front, and reading them whole first could take all the memory there is.
 */
function readBounded(fd: number, file: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, MAX_INPUT_BYTES + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EOF') break; // Windows: stdin closed
      throw e;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > MAX_INPUT_BYTES) throw new InputError(file, `too large (more than ${MAX_INPUT_BYTES} bytes)`);
  }
  return Buffer.concat(chunks, total);
}

function readFd(open: () => number, file: string, close: boolean): Buffer {
  const fd = open();
  try {
    return readBounded(fd, file);
  } finally {
    if (close) closeSync(fd);
  }
}

export function readInput(file: string): string {
  if (file === '-')
    return decode(
      readFd(() => 0, '<stdin>', false),
      '<stdin>',
    );
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(file, 'is a directory');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(e)})`);
  }
  if (size > MAX_INPUT_BYTES) throw new InputError(file, `too large (${size} bytes; limit ${MAX_INPUT_BYTES})`);
  try {
    return decode(
      readFd(() => openSync(file, 'r'), file, true),
      file,
    );
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
