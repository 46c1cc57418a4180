import type { IncomingHttpHeaders } from 'node:http';
import type { Page } from 'puppeteer-core';

export const SITE_HOST: string;
export const PROXY_HOST: string;

/** Which picture sources answer: see `TestWeb.scenario`. */
export type Scenario = 'original' | 'proxy-only' | 'http-only' | 'none' | 'all';

export type ResourceKind = 'document' | 'image' | 'media' | 'other';

export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
  headers?: Record<string, string>;
}

/** `fail` is a network error (connection refused), which is what a dead host looks like to the page. */
export type Decision = Answer | 'fail';

export interface LogEntry {
  url: string;
  kind: ResourceKind;
  ok: boolean;
}

export class TestWeb {
  constructor(options?: { picture?: (url: URL, kind: ResourceKind) => Answer });
  scenario: Scenario;
  readonly log: LogEntry[];
  onProxyRequest: ((url: string, headers: IncomingHttpHeaders, kind: ResourceKind) => void) | null;
  /** http://127.0.0.1:<port> once `listen` has run. */
  readonly origin: string | null;
  addPage(url: string, body: string | Buffer | (() => string | Buffer), headers?: Record<string, string>): void;
  decide(rawUrl: string, kind: ResourceKind): Decision;
  since(mark: number): LogEntry[];
  tlsReachable(host: string): boolean;
  isLocal(url: string): boolean;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function interceptPage(page: Page, web: TestWeb, options?: { via?: 'puppeteer' | 'fetch' }): Promise<void>;

export interface ProxyServer {
  port: number;
  close(): Promise<void>;
}

export function startProxy(web: TestWeb): Promise<ProxyServer>;

/** A generated picture keyed by URL (demos, screenshots). */
export function placeholderPicture(url: URL): Answer;
