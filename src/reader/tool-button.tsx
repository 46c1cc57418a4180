// A toolbar button; one that opens a panel says so (aria-expanded, aria-controls) and is marked while open.
import type { JSX } from 'preact';

/** The reader's disclosure panels: one open at a time. */
export type Panel =
  | 'appearance'
  | 'listen'
  | 'convert'
  | 'highlights'
  | 'save'
  // Outline and keyboard shortcuts (issue 11 items 1 and 3).
  | 'outline'
  | 'keys';

export function ToolButton(props: {
  panel?: Panel;
  open?: Panel | null;
  onClick: () => void;
  icon: JSX.Element;
  label: string;
  title?: string;
  action: string;
  disabled?: boolean;
  /** Something runs behind this button (reading aloud): marked even with its panel closed. */
  active?: boolean;
  /** The reader's key for it (keymap.ts), told to assistive tech. */
  keyshortcuts?: string;
}) {
  const expanded = props.panel ? props.open === props.panel : undefined;
  return (
    <button
      type="button"
      class={`pnr-tool${expanded ? ' pnr-tool-open' : ''}${props.active ? ' pnr-tool-active' : ''}`}
      data-action={props.action}
      data-panel={props.panel}
      aria-expanded={expanded}
      aria-controls={props.panel ? `pnr-panel-${props.panel}` : undefined}
      aria-keyshortcuts={props.keyshortcuts}
      title={props.title ?? props.label}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.icon}
      <span class="pnr-tool-text">{props.label}</span>
    </button>
  );
}

/** A panel's frame: the region its button controls. */
export function PanelFrame(props: { panel: Panel; label: string; row?: boolean; children: preact.ComponentChildren }) {
  return (
    <div
      class={`pnr-panel${props.row ? ' pnr-panel-row' : ''}`}
      id={`pnr-panel-${props.panel}`}
      role="group"
      aria-label={props.label}
      data-testid={`panel-${props.panel}`}
    >
      {props.children}
    </div>
  );
}
