// The popup's non-article states: one heading, one sentence, no dead buttons.
import type { ComponentChildren } from 'preact';

export interface NoticeProps {
  testId: string;
  tone: 'info' | 'error';
  heading: string;
  children?: ComponentChildren;
}

export function Notice({ testId, tone, heading, children }: NoticeProps) {
  return (
    <section class={`notice notice-${tone}`} data-testid={testId} role={tone === 'error' ? 'alert' : undefined}>
      <h1 class="notice-heading">{heading}</h1>
      {children}
    </section>
  );
}
