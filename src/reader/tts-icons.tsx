// Read aloud's skip icons, drawn like the toolbar's (icons.tsx): decorative, each button has a text name.
const svg = {
  class: 'pnr-icon',
  viewBox: '0 0 24 24',
  width: '18',
  height: '18',
  'aria-hidden': 'true',
  focusable: 'false',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': '1.8',
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
} as const;

export const IconPrevious = () => (
  <svg {...svg}>
    <path d="M6 5v14M18 5.5 9 12l9 6.5z" />
  </svg>
);

export const IconNext = () => (
  <svg {...svg}>
    <path d="M18 5v14M6 5.5 15 12l-9 6.5z" />
  </svg>
);
