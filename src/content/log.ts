// Nothing the extension does may throw into the page: failures are logged quietly with our prefix.
export const LOG_PREFIX = '[proxied-news-reader]';

export function debug(...args: unknown[]): void {
  console.debug(LOG_PREFIX, ...args);
}

/** Run `fn`, logging instead of throwing; returns `fallback` on failure. */
export function safely<T>(what: string, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (error) {
    debug(what, error);
    return fallback;
  }
}

/** Wrap an event handler so an exception in it never reaches the page's error handlers. */
export function guarded<A extends unknown[]>(what: string, fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => safely(what, () => fn(...args), undefined);
}
