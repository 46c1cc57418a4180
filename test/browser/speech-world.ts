// A fake speech engine in the content script's world (Chromium, through CDP), for the read aloud tests: headless
// Chromium has speechSynthesis but no voices (every utterance fails with "synthesis-failed"). The reader's code
// looks for the engine in the content script's isolated world, found through CDP (Runtime.executionContextCreated
// names it after the extension); the page's own world would not do: its `window` is not the content script's.
import type { CDPSession, Page, Protocol } from 'puppeteer-core';
import { until, type ExtensionBrowser } from './harness';

export interface ContentWorld {
  /** Evaluate `fn(...args)` in the content script's isolated world of the page's main frame. */
  run<R>(fn: (...args: never[]) => R, ...args: unknown[]): Promise<R>;
  detach(): Promise<void>;
}

/** CDP types auxData as any; Chromium puts the world's type and frame there. */
const aux = (c: Protocol.Runtime.ExecutionContextDescription) => c.auxData as { type?: string; frameId?: string } | undefined;

export async function contentScriptWorld(ext: ExtensionBrowser, page: Page): Promise<ContentWorld> {
  const cdp: CDPSession = await page.createCDPSession();
  const contexts: Protocol.Runtime.ExecutionContextDescription[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const context = await until('the content script world', async () =>
    contexts.find((c) => c.origin === ext.origin && aux(c)?.type === 'isolated' && aux(c)?.frameId === frameTree.frame.id),
  );
  return {
    async run(fn, ...args) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        contextId: context.id,
        expression: `(${fn.toString()})(...${JSON.stringify(args)})`,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails)
        throw new Error(`in the content script world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as never;
    },
    detach: () => cdp.detach().catch(() => undefined),
  };
}

export interface Spoken {
  text: string;
  lang: string;
  voice: string | null;
}

export interface FakeSpeechState {
  calls: string[];
  spoken: Spoken[];
  /** The rate of each utterance spoken, in order. */
  rates: number[];
  queued: number;
  maxQueued: number;
}

/**
 * A speech engine for the content script's world, shaped like Chrome's: `speechSynthesis` with three voices
 * (English the default, as on an English desktop) and `SpeechSynthesisUtterance`. It records every call; the test
 * ends the utterance being spoken (`end`), as the real engine does when it has said it. `cancel` fires
 * "interrupted" on what it cancelled, later, as Chrome does. Runs in the browser (source sent, not the closure).
 */
export function installFakeSpeech(): string {
  interface Utterance {
    text: string;
    lang: string;
    voice: { name: string } | null;
    rate: number;
    onend: ((event: unknown) => void) | null;
    onerror: ((event: { error?: string }) => void) | null;
  }
  const calls: string[] = [];
  const spoken: Array<{ text: string; lang: string; voice: string | null }> = [];
  const rates: number[] = [];
  let queue: Utterance[] = [];
  const cancelled: Utterance[] = [];
  let maxQueued = 0;
  const voices = [
    { name: 'Fake English (United States)', lang: 'en-US', default: true, localService: true, voiceURI: 'fake-en-US' },
    { name: 'Fake 普通话（中国大陆）', lang: 'zh-CN', default: false, localService: true, voiceURI: 'fake-zh-CN' },
    { name: 'Fake 國語（臺灣）', lang: 'zh-TW', default: false, localService: true, voiceURI: 'fake-zh-TW' },
  ];
  class FakeUtterance implements Utterance {
    lang = '';
    voice: { name: string } | null = null;
    rate = 1;
    onend: Utterance['onend'] = null;
    onerror: Utterance['onerror'] = null;
    constructor(public text: string) {}
  }
  const synth = {
    speak(u: Utterance) {
      calls.push('speak');
      spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null });
      rates.push(u.rate);
      queue.push(u);
      maxQueued = Math.max(maxQueued, queue.length);
    },
    cancel() {
      calls.push('cancel');
      const gone = queue;
      queue = [];
      cancelled.push(...gone);
      setTimeout(() => {
        for (const u of gone) u.onerror?.({ error: 'interrupted' });
      }, 0);
    },
    pause() {
      calls.push('pause');
    },
    resume() {
      calls.push('resume');
    },
    getVoices() {
      return voices;
    },
  };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, get: () => synth });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, writable: true, value: FakeUtterance });
  (globalThis as unknown as { __pnrSpeech: unknown }).__pnrSpeech = {
    state: () => ({ calls: [...calls], spoken: [...spoken], rates: [...rates], queued: queue.length, maxQueued }),
    /** The engine has said the utterance it was speaking. */
    end: () => {
      const u = queue.shift();
      u?.onend?.({ type: 'end' });
      return u !== undefined;
    },
    /** A late `end` of utterances already cancelled (engines do send them). */
    endCancelled: () => {
      for (const u of cancelled.splice(0)) u.onend?.({ type: 'end' });
    },
  };
  return `${typeof speechSynthesis}:${speechSynthesis.getVoices().length}`;
}

export interface FakeSpeech {
  state(): Promise<FakeSpeechState>;
  end(): Promise<boolean>;
  endCancelled(): Promise<void>;
}

type SpeechHandle = { state(): FakeSpeechState; end(): boolean; endCancelled(): void };

/** The fake engine's controls, called in the content script's world (each function's source is sent). */
export function fakeSpeech(world: ContentWorld): FakeSpeech {
  return {
    state: () => world.run(() => (globalThis as unknown as { __pnrSpeech: SpeechHandle }).__pnrSpeech.state()),
    end: () => world.run(() => (globalThis as unknown as { __pnrSpeech: SpeechHandle }).__pnrSpeech.end()),
    endCancelled: () => world.run(() => (globalThis as unknown as { __pnrSpeech: SpeechHandle }).__pnrSpeech.endCancelled()),
  };
}
