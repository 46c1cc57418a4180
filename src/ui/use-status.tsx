// The one status line of the popup, the reader and the options page: what an action did, in words.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type StatusTone = 'ok' | 'error' | 'info';

export interface Status {
  text: string;
  /** `ok` fades; `error` and `info` (a save's progress, its count of pictures) stay until the next status. */
  tone: StatusTone;
}

export const STATUS_MS = 2500;

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface StatusHook {
  status: Status | null;
  /** Shows a status; a confirmation fades after `STATUS_MS`, an error or a note stays. */
  flash: (next: Status) => void;
  clear: () => void;
}

export function useStatus(fadeMs = STATUS_MS): StatusHook {
  const [status, setStatus] = useState<Status | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flash = useCallback(
    (next: Status) => {
      clearTimeout(timer.current);
      setStatus(next);
      if (next.tone === 'ok') timer.current = setTimeout(() => setStatus(null), fadeMs);
    },
    [fadeMs],
  );
  const clear = useCallback(() => {
    clearTimeout(timer.current);
    setStatus(null);
  }, []);
  // No timer outlives the component (it would set state on an unmounted one).
  useEffect(() => () => clearTimeout(timer.current), []);
  return { status, flash, clear };
}

/** The live region: always in the document (a region added with its text is not announced), `base-<tone>` styled. */
export function StatusLine(props: { status: Status | null; base: string; testId: string; assertive?: boolean }) {
  const { status, base } = props;
  return (
    <p
      class={`${base}${status ? ` ${base}-${status.tone}` : ''}`}
      data-testid={props.testId}
      role={props.assertive && status?.tone === 'error' ? 'alert' : 'status'}
      aria-live={props.assertive && status?.tone === 'error' ? undefined : 'polite'}
      aria-atomic="true"
    >
      {status?.text ?? ''}
    </p>
  );
}
