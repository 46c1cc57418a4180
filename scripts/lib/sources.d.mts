export interface BuildEnvironment {
  node: string;
  npm: string;
  os: string;
}
export function trackedFiles(root: string): Array<{ name: string; executable: boolean }>;
export function uncommitted(root: string): string[];
export function buildEnvironment(): BuildEnvironment;
export function fillBuildEnvironment(template: string, env: BuildEnvironment): string;
export function sourcesZip(root: string, env: BuildEnvironment): { archive: Uint8Array; files: string[] };
