// @vitest-environment jsdom
// The one status line of the popup, the reader and the options page: a confirmation fades, an error or a note
// stays until the next status, and no timer outlives the component.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STATUS_MS, StatusLine, useStatus, type StatusHook } from '../../src/ui/use-status';

let hook: StatusHook;
function Probe(props: { assertive?: boolean; children?: unknown }) {
  hook = useStatus();
  return h(StatusLine, { status: hook.status, base: 'note', testId: 'line', assertive: props.assertive });
}

const root = document.createElement('div');
const line = () => root.querySelector<HTMLElement>('[data-testid="line"]')!;

afterEach(() => {
  render(null, root);
  vi.useRealTimers();
});

describe('useStatus', () => {
  it('fades a confirmation after STATUS_MS, keeps errors and notes', () => {
    vi.useFakeTimers();
    void act(() => render(h(Probe, { assertive: false }), root));
    void act(() => hook.flash({ text: 'Copied', tone: 'ok' }));
    expect(line().textContent).toBe('Copied');
    expect(line().className).toBe('note note-ok');
    void act(() => void vi.advanceTimersByTime(STATUS_MS + 1));
    expect(line().textContent).toBe('');
    void act(() => hook.flash({ text: 'Failed', tone: 'error' }));
    void act(() => void vi.advanceTimersByTime(STATUS_MS * 4));
    expect(line().textContent).toBe('Failed');
    void act(() => hook.flash({ text: '3 of 9 pictures', tone: 'info' }));
    void act(() => void vi.advanceTimersByTime(STATUS_MS * 4));
    expect(line().textContent).toBe('3 of 9 pictures');
  });

  it('a new status cancels the fading of the one before', () => {
    vi.useFakeTimers();
    void act(() => render(h(Probe, { assertive: false }), root));
    void act(() => hook.flash({ text: 'Copied', tone: 'ok' }));
    void act(() => void vi.advanceTimersByTime(STATUS_MS - 100));
    void act(() => hook.flash({ text: 'Saved', tone: 'ok' }));
    void act(() => void vi.advanceTimersByTime(200));
    expect(line().textContent).toBe('Saved');
  });

  it('leaves no timer behind when unmounted', () => {
    vi.useFakeTimers();
    void act(() => render(h(Probe, { assertive: false }), root));
    void act(() => hook.flash({ text: 'Copied', tone: 'ok' }));
    void act(() => render(null, root));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is a polite live region, an alert for errors when asked', () => {
    void act(() => render(h(Probe, { assertive: true }), root));
    expect(line().getAttribute('role')).toBe('status');
    void act(() => hook.flash({ text: 'Bad file', tone: 'error' }));
    expect(line().getAttribute('role')).toBe('alert');
  });

  it('is the one status hook of the popup, the reader and the options page', () => {
    for (const file of ['src/popup/Popup.tsx', 'src/reader/Reader.tsx', 'src/options/Options.tsx']) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).toMatch(/useStatus\(\)/);
      // No status type or fading timer of its own.
      expect(source, file).not.toMatch(/interface Status\b|STATUS_MS|useState<Status/);
    }
  });
});
