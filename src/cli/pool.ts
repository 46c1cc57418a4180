// `proxied-news extract --jobs N`: the inputs shared out to N worker threads, each with its own jsdom, and the
// results printed in the order the inputs were given. A worker holds at most DEPTH inputs at a time (one being
// read, one waiting, so it never idles on a round trip); results that arrive ahead of their turn wait, and no
// input is handed out more than `lookahead` places ahead of the next one to print, so a slow page bounds the
// memory the others take. A worker that dies (out of memory on a huge page) fails the input it was reading,
// named like any other failure; the inputs queued behind it go to a fresh worker.
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { failure, type JobResult, type Options } from './result';

export interface Task {
  index: number;
  file: string;
  /** The input's text when the main thread read it (stdin). */
  text?: string;
}

export interface TaskResult extends JobResult {
  index: number;
}

/** An input to hand out, or its result already known (stdin that could not be read). */
export type Input = { file: string; text?: string } | { result: JobResult };

const DEPTH = 2;
/**
 * Each worker's young generation, in MB (V8's default: 48, semi-spaces of 16). Reading a page makes several
 * documents that live a few tens of milliseconds; with small semi-spaces they outlive two scavenges, are copied
 * twice and fill the old generation with garbage. Semi-spaces of 48 MB roughly halve the collector's time for
 * about 60 MB more per worker. The old generation keeps V8's limit, as in the single-threaded mode: a huge page
 * takes what it needs.
 */
const YOUNG_MB = 144;
/**
 * The semi-spaces a worker's young generation starts with, in MB (V8 starts them at 4 MB and grows them as
 * objects survive). Loading jsdom and reading the first pages keep nearly everything they allocate, and with
 * small semi-spaces each object was copied through several scavenges: starting at 16 MB takes a quarter of the
 * scavenges and about half of a worker's collector time off, for about 15 MB more at its peak. V8 reads the flag
 * when it makes a heap, so it is set here, before the first worker, and holds for every isolate made later
 * (the main thread's heap is made already).
 */
export const START_SEMI_SPACE_MB = 16;
let startSizeSet = false;

/** The options of each worker; the first call sets the start size above. */
export function workerOptions(opts: Options): ConstructorParameters<typeof Worker>[1] {
  if (!startSizeSet) {
    setFlagsFromString(`--min-semi-space-size=${START_SEMI_SPACE_MB}`);
    startSizeSet = true;
  }
  return { workerData: opts, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } };
}

interface Slot {
  worker: Worker;
  queued: Task[];
  error?: Error;
  /** Whether it ever answered: a worker that dies before its first answer may never have started. */
  answered: boolean;
}

/** A worker that could not start for want of file descriptors (a low `ulimit -n`): the inputs are not at fault. */
const NO_START = /EMFILE|ENFILE|Worker initialization failure/;
/** Starts in a row that fail so before the inputs left are failed with one clear message. */
const MAX_START_FAILURES = 3;

export interface Pool {
  /** Settles when every result has been emitted, or once stopped. */
  done: Promise<void>;
  /** Stop now: workers terminated, nothing more emitted. */
  stop(): void;
}

/**
 * `emit` gets the results in input order; when it returns a promise (the output is full), no further result is
 * emitted until that settles.
 */
export function runPool(inputs: Input[], jobs: number, opts: Options, emit: (r: JobResult) => Promise<void> | void): Pool {
  const workerUrl = new URL('./worker.js', import.meta.url); // build/cli/worker.js, beside this bundle
  const lookahead = Math.max(16, jobs * 8);
  const results = new Map<number, JobResult>();
  const retry: Task[] = [];
  const slots = new Set<Slot>();
  let next = 0; // the next input to hand out
  let printed = 0; // the next input to print
  let waiting = false; // emit asked to wait
  let startFailures = 0; // workers in a row that died before answering, for want of file descriptors
  let stopped = false;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));

  function finish(): void {
    if (stopped) return;
    stopped = true;
    for (const slot of slots) void slot.worker.terminate();
    slots.clear();
    settle();
  }

  function spawn(): Slot {
    const slot: Slot = {
      worker: new Worker(workerUrl, workerOptions(opts)),
      queued: [],
      answered: false,
    };
    slot.worker.on('message', (r: TaskResult) => {
      slot.answered = true;
      startFailures = 0;
      const task = slot.queued.shift();
      if (!task || task.index !== r.index) throw new Error(`worker answered input ${r.index} out of turn`);
      const { index, ...result } = r;
      results.set(index, result);
      flush();
      for (const s of slots) feed(s);
    });
    slot.worker.on('error', (e) => (slot.error = e));
    slot.worker.on('exit', () => {
      if (stopped || !slots.delete(slot)) return;
      if (!slot.answered && NO_START.test(String(slot.error?.message ?? slot.error))) {
        // It never started: its inputs go back. Fewer workers carry on; with none left, one more try, and after
        // MAX_START_FAILURES the inputs left fail with one message that says what to do.
        retry.unshift(...slot.queued);
        if (++startFailures >= MAX_START_FAILURES && slots.size === 0) {
          const why = new Error(
            `cannot start a worker thread (${slot.error?.message ?? 'EMFILE'}): raise the open-file limit (ulimit -n) and run again`,
          );
          for (let task = take(); task; task = take()) results.set(task.index, failure(task.file, why));
          flush();
          return;
        }
        if (slots.size === 0) feed(add());
        else for (const s of slots) feed(s);
        return;
      }
      // Only a crash ends a worker before we do: its first input is the one it was reading.
      const [reading, ...behind] = slot.queued;
      if (reading) results.set(reading.index, failure(reading.file, slot.error ?? new Error('worker exited')));
      retry.unshift(...behind);
      flush();
      if (!stopped && (retry.length || next < inputs.length)) feed(add());
    });
    return slot;
  }

  function add(): Slot {
    const slot = spawn();
    slots.add(slot);
    return slot;
  }

  /** The next task to hand out, or null; inputs whose result is known go straight to `results`. */
  function take(): Task | null {
    if (retry.length) return retry.shift()!;
    while (next < inputs.length && next - printed < lookahead) {
      const index = next++;
      const input = inputs[index]!;
      if ('result' in input) {
        results.set(index, input.result);
        flush();
        if (stopped) return null;
        continue;
      }
      return { index, ...input };
    }
    return null;
  }

  function feed(slot: Slot): void {
    while (!stopped && slot.queued.length < DEPTH) {
      const task = take();
      if (!task) return;
      slot.queued.push(task);
      slot.worker.postMessage(task);
    }
  }

  function flush(): void {
    while (!stopped && !waiting && results.has(printed)) {
      const result = results.get(printed)!;
      results.delete(printed);
      printed++;
      const wait = emit(result);
      if (wait) {
        waiting = true;
        void wait.then(() => {
          waiting = false;
          flush();
          for (const slot of slots) feed(slot);
        });
      }
    }
    if (printed === inputs.length) finish();
  }

  for (let i = 0; i < jobs && !stopped; i++) feed(add());
  // No worker at all when every result is known already (stdin that could not be read).
  if (jobs <= 0) while (take());
  flush();
  return { done, stop: finish };
}
