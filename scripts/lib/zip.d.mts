export const FIXED_MTIME: Date;
export interface ZipInput {
  name: string;
  data: Uint8Array;
  executable?: boolean;
}
export function zipFiles(files: ZipInput[]): Uint8Array;
export function unzipFiles(archive: Uint8Array): Record<string, Uint8Array>;
export function listFiles(dir: string, skip?: Set<string>, prefix?: string): string[];
export function dirEntries(dir: string, skip?: Set<string>): ZipInput[];
export const BUILD_BOOKKEEPING: Set<string>;
export function extensionZip(dist: string): Uint8Array;
