export class ReleaseError extends Error {}
export function parseVersion(version: string): [number, number, number];
export function manifestVersion(pkgVersion: string): string;
export function bumpVersion(current: string, spec: string | undefined): string;
export function setPackageVersion(text: string, version: string): string;
export function setLockVersion(text: string, version: string): string;
export function rewriteChangelog(text: string, version: string, date: string): string;
export function changelogSection(text: string, version: string): string;
export function today(now?: Date): string;
export type ReleaseFile = 'package.json' | 'package-lock.json' | 'CHANGELOG.md';
export function planRelease(
  spec: string | undefined,
  inputs: Record<ReleaseFile, string>,
  date: string,
): { from: string; version: string; files: Record<ReleaseFile, string> };
