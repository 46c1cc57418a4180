/** Encode `width`×`height` RGBA pixels (row-major, 4 bytes each) as a PNG. */
export function encodePng(width: number, height: number, pixels: Buffer): Buffer;
/** The extension icon at `size`×`size` pixels, as PNG. */
export function png(size: number): Buffer;
/** A PNG of one colour. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer;
