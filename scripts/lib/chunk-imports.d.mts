/** ESTree as rolldown's parser gives it; only what is read. */
export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}
export function isNode(v: unknown): v is Node;
export function children(node: Node): Node[];
export function specifierOf(node: unknown): string | null;
export function chunkImports(file: string, code: string): { static: string[]; dynamic: string[] };
