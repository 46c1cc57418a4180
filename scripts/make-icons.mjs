#!/usr/bin/env node
// Draws the extension icon (a page with text lines on a rounded teal square, the top-right corner
// "unwrapped" as a fold) at 16, 32, 48 and 128 px into icons/, as PNG, with no dependency: the shape is
// sampled 4×4 per pixel for anti-aliasing and written with zlib (deflate, CRC-32) plus hand-made PNG chunks.
import { mkdirSync, writeFileSync } from 'node:fs';
// zlib.crc32: Node >= 20.15 (package.json asks for 20.19).
import { crc32, deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const OUT = new URL('../icons/', import.meta.url);

const TEAL = [14, 116, 144];
const PAPER = [255, 255, 255];
const FOLD = [186, 230, 253];
const INK = [15, 23, 42];

// The design on a unit square (0..1). Returns [r, g, b] or null (transparent).
function paint(x, y) {
  const r = 0.2; // corner radius of the background square
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  // The page: 0.24..0.76 wide, 0.16..0.84 high, top-right corner folded.
  const [l, t, rt, b, fold] = [0.24, 0.16, 0.76, 0.84, 0.17];
  if (x >= l && x <= rt && y >= t && y <= b) {
    const dx = rt - x;
    const dy = y - t;
    if (dx + dy < fold) return TEAL; // cut corner
    if (dx < fold && dy < fold) return FOLD; // the fold
    // Text lines: a title line, then body lines, the last one short.
    const lines = [
      [0.3, 0.34, 0.62],
      [0.46, 0.7, 0.7],
      [0.58, 0.7, 0.7],
      [0.7, 0.55, 0.7],
    ];
    for (const [ly, right, left] of lines) {
      const half = ly === 0.3 ? 0.045 : 0.03;
      if (Math.abs(y - ly) <= half && x >= l + 0.08 && x <= (ly === 0.3 ? left : right)) return INK;
    }
    return PAPER;
  }
  return TEAL;
}

function rgba(size) {
  const data = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
      const i = (py * size + px) * 4;
      // Colour averaged over covered samples (no dark fringes), alpha = coverage.
      data[i] = a ? Math.round(r / a) : 0;
      data[i + 1] = a ? Math.round(g / a) : 0;
      data[i + 2] = a ? Math.round(b / a) : 0;
      data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return data;
}

function chunk(type, body) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** Encode `width`×`height` RGBA pixels (row-major, 4 bytes each) as a PNG. */
export function encodePng(width, height, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  // Each scanline starts with filter type 0 (none).
  const stride = width * 4;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The icon at `size`×`size` pixels, as PNG. */
export function png(size) {
  return encodePng(size, size, rgba(size));
}

/** A PNG of one colour, e.g. a stand-in picture for a test or demo server. */
export function solidPng(width, height, [r, g, b]) {
  const pixels = Buffer.alloc(width * height * 4);
  for (let i = 0; i < pixels.length; i += 4) {
    pixels[i] = r;
    pixels[i + 1] = g;
    pixels[i + 2] = b;
    pixels[i + 3] = 255;
  }
  return encodePng(width, height, pixels);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(OUT, { recursive: true });
  for (const size of SIZES) {
    const file = new URL(`icon-${size}.png`, OUT);
    writeFileSync(file, png(size));
    console.log(`wrote ${file.pathname}`);
  }
}
