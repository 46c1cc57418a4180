// A worker of `proxied-news extract --jobs N`: inputs in, results out, in the order they came, each rendered here
// (JSON and all) so the main thread only prints. One jsdom window serves all of the worker's inputs
// (src/node/extract-text.ts); each message is its own turn of the event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { runJob } from './job';
import type { Options } from './result';
import type { Task, TaskResult } from './pool';

const opts = workerData as Options;
const port = parentPort!;
port.on('message', (task: Task) => {
  const result: TaskResult = { index: task.index, ...runJob(task.file, opts, task.text) };
  port.postMessage(result);
});
