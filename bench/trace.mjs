// Reading a Chromium trace (page.tracing, categories below): the main-thread tasks of one page, which of them
// ran the extension's code, and where the extension's JavaScript time went (the V8 sampling profiler's chunks).

export const TRACE_CATEGORIES = [
  // `RunTask` here is DevTools' "Task": one main-thread task, what the Long Tasks API measures.
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  // The sampling profiler's samples ride in the trace as ProfileChunk events: they tell extension code from page code.
  'disabled-by-default-v8.cpu_profiler',
];

const EXTENSION_URL = /^chrome-extension:\/\//;
const TASK = 'RunTask';
/** Busy but uninteresting events, dropped while parsing (a 5 MB page's trace holds millions). */
const NOISE = new Set(['EpollEvent', 'SimpleWatcher::OnHandleReady', 'Receive mojo message', 'Closed mojo endpoint', 'ThreadPool_RunTask']);

/**
 * The events of a trace file, parsed one object at a time: a large page's trace outgrows the longest string
 * V8 can make, so the buffer is never decoded whole.
 */
export function parseTraceEvents(buf) {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const start = bytes.indexOf('"traceEvents"');
  if (start < 0) throw new Error('trace: no traceEvents');
  const events = [];
  let i = bytes.indexOf(0x5b /* [ */, start) + 1;
  let depth = 0;
  let inString = false;
  let objStart = -1;
  for (; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */) {
      if (depth === 0) objStart = i;
      depth++;
    } else if (c === 0x7d /* } */) {
      depth--;
      if (depth === 0) {
        const e = JSON.parse(bytes.toString('utf8', objStart, i + 1));
        if (!NOISE.has(e.name)) events.push(e);
      }
    } else if (c === 0x5d /* ] */ && depth === 0) break;
  }
  return events;
}

/**
 * The page's renderer main thread: `thread` ({ pid, tid }, from an earlier trace of the same page) when given;
 * else found by the navigation that committed `pageUrl` (a traced load), or, in a trace started on a page already
 * loaded (an action on it), by the frame that `TracingStartedInBrowser` lists for `pageUrl` and that process's
 * `CrRendererMain` thread. `since`: the commit, or the start of the trace.
 */
function mainThreadOf(events, pageUrl, thread) {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  if (thread) return { ...thread, since: started?.ts ?? events.reduce((min, e) => (e.ts > 0 && e.ts < min ? e.ts : min), Infinity) };
  const commit =
    events.find((e) => e.name === 'CommitLoad' && e.args?.data?.url === pageUrl) ??
    events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl);
  if (commit) return { pid: commit.pid, tid: commit.tid, since: commit.ts };
  const frame = started?.args?.data?.frames?.find((f) => f.url === pageUrl && !f.parent);
  const main =
    frame && events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === frame.processId && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`trace: no CommitLoad/ParseHTML for ${pageUrl}, nor a frame of it in TracingStartedInBrowser`);
  return { pid: main.pid, tid: main.tid, since: started.ts };
}

/** Samples of the V8 CPU profile(s) of one thread, as { ts, stack: [callFrame, …] } leaf first, by time. */
function cpuSamples(events, pid, tid) {
  // A profile's chunks come from a sampler thread of the same process; the Profile event names the thread.
  const profiles = new Map();
  for (const e of events) {
    if (e.pid !== pid || e.cat !== 'disabled-by-default-v8.cpu_profiler') continue;
    if (e.name === 'Profile') {
      profiles.set(e.id, { tid: e.tid, start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
    } else if (e.name === 'ProfileChunk' && profiles.has(e.id)) {
      const p = profiles.get(e.id);
      const data = e.args.data;
      for (const node of data.cpuProfile?.nodes ?? []) p.nodes.set(node.id, node);
      for (const s of data.cpuProfile?.samples ?? []) p.samples.push(s);
      for (const d of data.timeDeltas ?? []) p.deltas.push(d);
    }
  }
  const out = [];
  for (const p of profiles.values()) {
    if (p.tid !== tid) continue;
    const stacks = new Map();
    const stackOf = (id) => {
      if (stacks.has(id)) return stacks.get(id);
      const stack = [];
      for (let n = p.nodes.get(id); n; n = n.parent === undefined ? undefined : p.nodes.get(n.parent)) stack.push(n.callFrame);
      stacks.set(id, stack);
      return stack;
    };
    let ts = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      ts += p.deltas[i] ?? 0;
      const stack = stackOf(p.samples[i]);
      out.push({
        ts,
        stack,
        ext: stack.some((f) => EXTENSION_URL.test(f.url ?? '')),
        idle: /^\((idle|program|root)\)$/.test(stack[0]?.functionName ?? ''),
      });
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

const frameName = (f) =>
  `${f.functionName || '(anonymous)'}${EXTENSION_URL.test(f.url ?? '') ? ` ${f.url.replace(/^chrome-extension:\/\/[^/]+\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;

/** Where one task's time went, from the samples inside it: the functions with the most self time, and the
 *  extension's functions with the most time including their callees (what to split when the task is too long). */
function taskProfile(samples, [start, end]) {
  const self = new Map();
  const total = new Map();
  let prev = start;
  for (const s of samples) {
    if (s.ts < start) continue;
    if (s.ts > end) break;
    const gap = (s.ts - prev) / 1000;
    prev = s.ts;
    if (s.idle) continue;
    const top = frameName(s.stack[0]);
    self.set(top, (self.get(top) ?? 0) + gap);
    const seen = new Set();
    for (const f of s.stack) {
      if (!EXTENSION_URL.test(f.url ?? '')) continue;
      const name = frameName(f);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + gap);
    }
  }
  const top = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([fn, ms]) => `${fn} ${ms.toFixed(1)}`);
  return { self: top(self), total: top(total) };
}

/** Where the main thread's time went between two trace times (µs): the extension's tasks, the page's and the
 *  browser's (parsing, style, layout, paint), and nothing (the thread waited: a fetch, a timer, idle time); and
 *  when the extension's first task began (the content script's injection). */
function timeBetween(rows, from, to) {
  let ext = 0;
  let other = 0;
  let extTasks = 0;
  let firstExt = null;
  for (const row of rows) {
    const [start, end] = row.span;
    const ms = (Math.min(end, to) - Math.max(start, from)) / 1000;
    if (ms <= 0) continue;
    if (row.extension) {
      ext += ms;
      extTasks++;
      firstExt ??= (start - from) / 1000;
    } else other += ms;
  }
  const total = (to - from) / 1000;
  const r = (x) => Math.round(x);
  return {
    totalMs: r(total),
    extensionMs: r(ext),
    extensionTasks: extTasks,
    otherTasksMs: r(other),
    waitingMs: r(total - ext - other),
    firstExtensionTaskMs: firstExt === null ? null : r(firstExt),
  };
}

/** An event that runs extension code: its script's URL, or the isolated world named after the extension. */
const isExtensionEvent = (e, worldName) => {
  const a = e.args ?? {};
  return EXTENSION_URL.test(a.data?.url ?? a.fileName ?? '') || (worldName !== undefined && a.worldName === worldName);
};

/**
 * The page's main-thread tasks after its navigation committed. Each: start (ms from commit), duration (ms),
 * whether it ran extension code (an extension script/module event, or a profiler sample inside extension
 * code) and for how long (ms, from the samples). Plus the extension's hottest functions by self time, and the
 * thread read ({ pid, tid }: pass it as `thread` to read the same page's thread in a later trace).
 */
export function analyzeTrace(events, pageUrl, { worldName, thread, afterDclMs } = {}) {
  const { pid, tid, since } = mainThreadOf(events, pageUrl, thread);
  const onThread = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= since - 1000)
    // Parents before their children when they start together.
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const samples = cpuSamples(events, pid, tid);
  const rows = [];
  let si = 0;
  let prevSample = samples[0]?.ts ?? 0;
  // Tasks do not nest: walk the thread's events once, each inner event belonging to the task open around it.
  let task = null;
  const close = () => {
    if (!task) return;
    const end = task.ev.ts + task.ev.dur;
    for (; si < samples.length && samples[si].ts < end; si++) {
      const s = samples[si];
      const gap = (s.ts - prevSample) / 1000;
      prevSample = s.ts;
      if (s.ts < task.ev.ts || s.idle || !s.ext) continue;
      task.extMs += gap;
    }
    rows.push({
      // The task's place in the trace (µs), for its profile below; not written out.
      span: [task.ev.ts, end],
      startMs: +((task.ev.ts - since) / 1000).toFixed(1),
      durationMs: task.ev.dur / 1000,
      // The thread's own time in the task: less than its duration when the machine made it wait for a core.
      threadMs: Number.isFinite(task.ev.tdur) ? +(task.ev.tdur / 1000).toFixed(1) : null,
      extension: task.extEvent || task.extMs > 0,
      extensionJsMs: +task.extMs.toFixed(2),
      top: task.top,
    });
    task = null;
  };
  for (const e of onThread) {
    if (e.name === TASK) {
      close();
      task = { ev: e, extEvent: false, extMs: 0, top: [] };
      continue;
    }
    if (!task || e.ts >= task.ev.ts + task.ev.dur) {
      close();
      continue;
    }
    if (isExtensionEvent(e, worldName)) task.extEvent = true;
    if (e.dur >= 1000 && task.top.length < 4 && !/GC|Scaveng|RunTask/.test(e.name)) task.top.push(`${e.name} ${(e.dur / 1000).toFixed(1)}`);
  }
  close();
  // Self time of extension samples, by function.
  const self = new Map();
  prevSample = samples[0]?.ts ?? 0;
  for (const s of samples) {
    const gap = (s.ts - prevSample) / 1000;
    prevSample = s.ts;
    if (!s.ext || s.idle) continue;
    const f = s.stack[0];
    const where = EXTENSION_URL.test(f.url ?? '')
      ? ` ${f.url.replace(/^chrome-extension:\/\/[^/]+\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}`
      : '';
    const key = `${f.functionName || '(anonymous)'}${where}`;
    self.set(key, (self.get(key) ?? 0) + gap);
  }
  const longest = (list) => list.reduce((best, t) => (t.durationMs > (best?.durationMs ?? -1) ? t : best), null);
  const ext = rows.filter((t) => t.extension);
  const longestExtension = longest(ext);
  if (longestExtension) longestExtension.profile = taskProfile(samples, longestExtension.span);
  const dcl = events.find((e) => e.pid === pid && e.tid === tid && e.name === 'MarkDOMContent');
  const toCleaned = dcl && Number.isFinite(afterDclMs) ? timeBetween(rows, dcl.ts, dcl.ts + afterDclMs * 1000) : null;
  if (toCleaned) {
    // What the other tasks did meanwhile, by event name (nested events overlap: a rough split, not a sum).
    const to = dcl.ts + afterDclMs * 1000;
    const byName = new Map();
    for (const e of onThread) {
      if (e.name === TASK || e.ts < dcl.ts || e.ts >= to || e.dur < 100 || isExtensionEvent(e, worldName)) continue;
      byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
    }
    toCleaned.pageEvents = [...byName.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, ms]) => `${name} ${Math.round(ms)}`);
  }
  for (const row of rows) delete row.span;
  return {
    toCleaned,
    thread: { pid, tid },
    tasks: rows.length,
    longest: longest(rows),
    longestExtension,
    extensionTasks: ext.length,
    extensionJsMs: +ext.reduce((s, t) => s + t.extensionJsMs, 0).toFixed(2),
    over50: rows.filter((t) => t.durationMs > 50).map((t) => ({ ...t, durationMs: +t.durationMs.toFixed(1) })),
    extensionHotspots: [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([fn, ms]) => ({ fn, ms: +ms.toFixed(2) })),
  };
}
