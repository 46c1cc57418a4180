export const PROXY: string;
/** A reviewed expectation (test/corpus-expected/…/*.json) with its review override applied; only what TypeScript reads is typed. */
export interface Expectation {
  title: string | null;
  categories: string[];
  published: string | null;
  images: { url: string }[];
  text: string;
  [field: string]: unknown;
}
export function loadExpectation(expectedDir: string, key: string): Expectation | null;
export function tokens(text: string): string[];
export function f1(a: string, b: string): number;
export function same(label: string, got: unknown, want: unknown, problems: string[]): void;
export function compareTopics(rec: unknown, exp: unknown, problems: string[]): void;
export function compareArticle(rec: unknown, exp: unknown, problems: string[], figures?: Record<string, number>): void;
