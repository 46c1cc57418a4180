// What a stress test reads from inside Chromium, through a CDP session of its own on the tab: the page's
// worlds (the page's main world and the content script's isolated world, told apart by
// Runtime.executionContextCreated), event listeners (DOMDebugger.getEventListeners), live instances of a
// class in one world (Runtime.queryObjects), memory after a forced GC, and every exception and console
// message with the world it came from.
//
// Every remote object is taken in an object group and released at once: a handle kept here would keep an
// old article alive and make a leak of our own.
import type { CDPSession, Page, Protocol } from 'puppeteer-core';

export type World = 'page' | 'extension';

export interface Listener {
  type: string;
  capture: boolean;
  /** Which world's script added it (the content script's, the page's), from the handler's script. */
  world: World | 'unknown';
}

export interface MemoryFigures {
  /** V8 heap of the renderer (one isolate: the page's world and the content script's share it), bytes. */
  jsHeapUsed: number;
  /** Blink's (Oilpan) heap: DOM nodes, documents, style, bytes. */
  embedderHeapUsed: number;
  /** Performance.getMetrics JSHeapUsedSize, bytes (the same isolate, counted by the performance agent). */
  metricJsHeapUsed: number;
  /** Memory.getDOMCounters: live documents, nodes and JS event listeners of the renderer. */
  documents: number;
  nodes: number;
  jsEventListeners: number;
  /** Live JS objects of each world (Runtime.queryObjects on that world's Object.prototype). */
  pageObjects: number;
  extensionObjects: number;
}

export interface ConsoleEntry {
  ours: boolean;
  level: string;
  text: string;
  /** Exceptions (uncaught, in any world) rather than console calls or browser log entries. */
  exception: boolean;
}

const GROUP = 'pnr-stress-probe';
/** Prefix of everything the content script logs (src/content/log.ts). */
const LOG_PREFIX = '[proxied-news-reader]';

export class ChromiumProbe {
  private readonly contexts = new Map<number, Protocol.Runtime.ExecutionContextDescription>();
  /** scriptId → world, learnt from Debugger.scriptParsed (see `learnScripts`). */
  private readonly scripts = new Map<string, World>();
  readonly console: ConsoleEntry[] = [];

  private constructor(
    readonly cdp: CDPSession,
    /** chrome-extension://<id> */
    readonly origin: string,
  ) {}

  static async attach(page: Page, origin: string): Promise<ChromiumProbe> {
    const cdp = await page.createCDPSession();
    const probe = new ChromiumProbe(cdp, origin);
    cdp.on('Runtime.executionContextCreated', (e) => probe.contexts.set(e.context.id, e.context));
    cdp.on('Runtime.executionContextDestroyed', (e) => probe.contexts.delete(e.executionContextId));
    cdp.on('Runtime.executionContextsCleared', () => probe.contexts.clear());
    cdp.on('Runtime.exceptionThrown', (e) => {
      const d = e.exceptionDetails;
      const urls = [d.url ?? '', ...(d.stackTrace?.callFrames.map((f) => f.url) ?? [])];
      const text = `${d.text} ${d.exception?.description ?? ''}`.trim();
      probe.console.push({ ours: probe.isOurs(d.executionContextId, urls, text), level: 'error', text, exception: true });
    });
    cdp.on('Runtime.consoleAPICalled', (e) => {
      const text = e.args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? a.type))).join(' ');
      const urls = e.stackTrace?.callFrames.map((f) => f.url) ?? [];
      probe.console.push({ ours: probe.isOurs(e.executionContextId, urls, text), level: e.type, text, exception: false });
    });
    cdp.on('Log.entryAdded', ({ entry }) => {
      const urls = [entry.url ?? '', ...(entry.stackTrace?.callFrames.map((f) => f.url) ?? [])];
      probe.console.push({ ours: probe.isOurs(undefined, urls, entry.text), level: entry.level, text: entry.text, exception: false });
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Log.enable');
    await cdp.send('Performance.enable');
    return probe;
  }

  private isOurs(contextId: number | undefined, urls: string[], text: string): boolean {
    if (contextId !== undefined && this.contexts.get(contextId)?.origin === this.origin) return true;
    return urls.some((u) => u.startsWith(this.origin)) || text.includes(LOG_PREFIX) || text.includes(this.origin);
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }

  private async mainFrameId(): Promise<string> {
    const { frameTree } = await this.cdp.send('Page.getFrameTree');
    return frameTree.frame.id;
  }

  /** The execution context of `world` in the tab's main frame (waits for it to exist). */
  async context(world: World): Promise<number> {
    const frame = await this.mainFrameId();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = [...this.contexts.values()].filter((c) => {
        const aux = c.auxData as { frameId?: string; isDefault?: boolean } | undefined;
        if (aux?.frameId !== frame) return false;
        return world === 'page' ? aux.isDefault === true : c.origin === this.origin;
      });
      const last = found[found.length - 1];
      if (last) return last.id;
      if (Date.now() > deadline) throw new Error(`no ${world} world in the tab (contexts: ${JSON.stringify([...this.contexts.values()])})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async objectId(world: World, expression: string): Promise<string | null> {
    const { result, exceptionDetails } = await this.cdp.send('Runtime.evaluate', {
      expression,
      contextId: await this.context(world),
      objectGroup: GROUP,
    });
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.objectId ?? null;
  }

  private release(): Promise<unknown> {
    return this.cdp.send('Runtime.releaseObjectGroup', { objectGroup: GROUP });
  }

  /** Which world each script belongs to: a short Debugger session (left enabled, the debugger would keep
   * every evaluated script alive and grow the heap by itself). Call after the scripts of interest loaded. */
  async learnScripts(): Promise<void> {
    const extension = await this.context('extension').catch(() => -1);
    const onParsed = (e: Protocol.Debugger.ScriptParsedEvent) => {
      this.scripts.set(e.scriptId, e.executionContextId === extension || e.url.startsWith(this.origin) ? 'extension' : 'page');
    };
    this.cdp.on('Debugger.scriptParsed', onParsed);
    try {
      await this.cdp.send('Debugger.enable');
      await this.cdp.send('Debugger.disable');
    } finally {
      this.cdp.off('Debugger.scriptParsed', onParsed);
    }
  }

  /**
   * Event listeners on what `expression` evaluates to in `world`, and (depth -1, piercing shadow roots) on
   * every node under it. For nodes, Chromium reports the listeners of every world; for `window` only those
   * of the world asked about (each world has its own window object). Null when the expression is null.
   */
  async listeners(world: World, expression: string): Promise<Listener[] | null> {
    try {
      const id = await this.objectId(world, expression);
      if (!id) return null;
      const { listeners } = await this.cdp.send('DOMDebugger.getEventListeners', { objectId: id, depth: -1, pierce: true });
      return listeners.map((l) => ({ type: l.type, capture: l.useCapture, world: this.scripts.get(l.scriptId) ?? 'unknown' }));
    } finally {
      await this.release();
    }
  }

  /** Live instances of the global class `name` of `world` (Runtime.queryObjects runs a GC first). */
  async instances(world: World, name: string): Promise<number> {
    return this.countByPrototype(world, `${name}.prototype`);
  }

  private async countByPrototype(world: World, prototype: string): Promise<number> {
    try {
      const proto = await this.objectId(world, prototype);
      if (!proto) throw new Error(`${prototype} is not an object`);
      const { objects } = await this.cdp.send('Runtime.queryObjects', { prototypeObjectId: proto, objectGroup: GROUP });
      const { result } = await this.cdp.send('Runtime.callFunctionOn', {
        objectId: objects.objectId!,
        functionDeclaration: 'function () { return this.length; }',
        returnByValue: true,
      });
      return result.value as number;
    } finally {
      await this.release();
    }
  }

  /** Memory after two forced full GCs. */
  async memory(): Promise<MemoryFigures> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    await this.cdp.send('HeapProfiler.collectGarbage');
    const heap = (await this.cdp.send('Runtime.getHeapUsage')) as Protocol.Runtime.GetHeapUsageResponse & { embedderHeapUsedSize?: number };
    const dom = await this.cdp.send('Memory.getDOMCounters');
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return {
      jsHeapUsed: heap.usedSize,
      embedderHeapUsed: heap.embedderHeapUsedSize ?? NaN,
      metricJsHeapUsed: metric('JSHeapUsedSize'),
      documents: dom.documents,
      nodes: dom.nodes,
      jsEventListeners: dom.jsEventListeners,
      pageObjects: await this.countByPrototype('page', 'Object.prototype'),
      extensionObjects: await this.countByPrototype('extension', 'Object.prototype'),
    };
  }

  /**
   * Memory that stays: `samples` readings `spacingMs` apart, each field's smallest. Garbage that something
   * still holds for a moment (a message on its way, a storage write) is gone in one of them; a leak is in all.
   */
  async settledMemory(samples = 3, spacingMs = 1500): Promise<MemoryFigures> {
    const taken: MemoryFigures[] = [];
    for (let i = 0; i < samples; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, spacingMs));
      taken.push(await this.memory());
    }
    const min = (key: keyof MemoryFigures) => Math.min(...taken.map((m) => m[key]));
    return {
      jsHeapUsed: min('jsHeapUsed'),
      embedderHeapUsed: min('embedderHeapUsed'),
      metricJsHeapUsed: min('metricJsHeapUsed'),
      documents: min('documents'),
      nodes: min('nodes'),
      jsEventListeners: min('jsEventListeners'),
      pageObjects: min('pageObjects'),
      extensionObjects: min('extensionObjects'),
    };
  }

  /** Evaluate `expression` in `world` and return its value (JSON-serializable). */
  async value<T>(world: World, expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.cdp.send('Runtime.evaluate', {
      expression,
      contextId: await this.context(world),
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }
}

/** `listeners` as sorted "type/capture/world" lines, to compare sets regardless of node order. */
export function signature(listeners: Listener[] | null): string[] {
  return (listeners ?? []).map((l) => `${l.type}${l.capture ? ' (capture)' : ''} [${l.world}]`).sort();
}

export const MiB = 1024 * 1024;
export const mib = (bytes: number): string => (bytes / MiB).toFixed(2);
