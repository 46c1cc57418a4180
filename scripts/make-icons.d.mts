/** A PNG (RGBA) of the extension icon at `size`×`size` pixels. */
export function png(size: number): Buffer;
