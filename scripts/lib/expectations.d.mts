export const PROXY: string;
export function loadExpectation(expectedDir: string, key: string): Record<string, any> | null;
export function tokens(text: string): string[];
export function f1(a: string, b: string): number;
export function same(label: string, got: unknown, want: unknown, problems: string[]): void;
export function compareTopics(rec: unknown, exp: unknown, problems: string[]): void;
export function compareArticle(rec: unknown, exp: unknown, problems: string[], figures?: Record<string, number>): void;
