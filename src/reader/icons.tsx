// Small line icons for the reader toolbar, drawn with currentColor. Decorative: every button that
// shows one also has a text name.
import type { JSX } from 'preact';

function Svg({ children }: { children: JSX.Element | JSX.Element[] }) {
  return (
    <svg
      class="pnr-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {children}
    </svg>
  );
}

export const IconType = () => (
  <Svg>
    <path d="M3 19 8 5l5 14M4.8 14h6.4" />
    <path d="M15.5 11.5c.6-1 1.6-1.5 2.8-1.5 1.9 0 2.7 1 2.7 2.8V19M21 15.5c-3.6 0-5.6.7-5.6 2 0 1 .8 1.6 2 1.6 2 0 3.6-1.4 3.6-3.6" />
  </Svg>
);

export const IconSpeaker = () => (
  <Svg>
    <path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" />
    <path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11" />
  </Svg>
);

export const IconConvert = () => (
  <Svg>
    <path d="M4 8h12l-3-3M20 16H8l3 3" />
  </Svg>
);

export const IconSave = () => (
  <Svg>
    <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5M5 19h14" />
  </Svg>
);

export const IconCopy = () => (
  <Svg>
    <rect x="8.5" y="8.5" width="11" height="11" rx="2" />
    <path d="M15.5 5.5V5a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 5v8A1.5 1.5 0 0 0 6 14.5h.5" />
  </Svg>
);

export const IconPrint = () => (
  <Svg>
    <path d="M7 9V4h10v5M7 17H5a1.5 1.5 0 0 1-1.5-1.5v-5A1.5 1.5 0 0 1 5 9h14a1.5 1.5 0 0 1 1.5 1.5v5A1.5 1.5 0 0 1 19 17h-2" />
    <path d="M7 14h10v6H7z" />
  </Svg>
);

export const IconPlay = () => (
  <Svg>
    <path d="M8 5.5v13l10-6.5z" />
  </Svg>
);

export const IconPause = () => (
  <Svg>
    <path d="M8.5 5.5v13M15.5 5.5v13" />
  </Svg>
);

export const IconStop = () => (
  <Svg>
    <rect x="6.5" y="6.5" width="11" height="11" rx="1.5" />
  </Svg>
);

// ---- Outline and keyboard shortcuts (issue 11).

/** A list with indented lines: the outline. */
export const IconOutline = () => (
  <Svg>
    <path d="M4 6h.01M8 6h12M8 12h.01M12 12h8M8 18h.01M12 18h8" />
  </Svg>
);

/** A keyboard: the shortcuts list. */
export const IconKeyboard = () => (
  <Svg>
    <rect x="2.5" y="6" width="19" height="12" rx="2" />
    <path d="M6.5 10h.01M10 10h.01M14 10h.01M17.5 10h.01M8 14.5h8" />
  </Svg>
);

// ---- Highlights (issue 12).

export const IconHighlight = () => (
  <Svg>
    <path d="m9 15 6.5-10.5 3.5 2.2L12.5 17.2z" />
    <path d="M9 15 8 19l3.6-1.6M4 21h16" />
  </Svg>
);
