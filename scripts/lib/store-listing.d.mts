export const LISTING_LOCALES: string[];
export const SHORT_MAX: number;
export const DESCRIPTION_MAX: number;
export const SECTIONS: string[];
export interface Listing {
  sections: Record<string, string>;
  permissions: Array<{ keys: string[]; reason: string }>;
}
export function charCount(text: string): number;
export function parseListing(markdown: string): Listing;
export function permissionsOf(manifest: Record<string, unknown>): string[];
export function listingProblems(listing: Listing, required: string[]): string[];
export function pngSize(buf: Buffer): { width: number; height: number } | null;
export const SCREENSHOT: { dir: string; width: number; height: number };
export const PROMO_TILE: { file: string; width: number; height: number };
export function storeImageProblems(pngs: Record<string, Buffer>): string[];
