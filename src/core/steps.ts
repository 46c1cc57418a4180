// Long DOM work as a generator that pauses (`yield`) between small steps. The core stays free of timers and
// extension APIs: Node, tests and the popup run the steps straight through (`runSteps`), while the content
// script drives them in time slices so a large article never blocks the page's main thread for long.

export type Steps<T> = Generator<void, T, void>;

/** Run every step at once and return the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
