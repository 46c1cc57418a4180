// The outline panel: the article's headings as nested lists of buttons (an in-page jump, not a link: a #fragment
// would change the page's address). The section in view is marked aria-current and kept in sight in the list.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { along, scrollDelta } from '../block-focus';
import type { OutlineView } from '../hooks/use-outline';
import type { OutlineNode } from '../outline';
import { PanelFrame } from '../tool-button';

export function OutlinePanel({ outline }: { outline: OutlineView }) {
  const list = useRef<HTMLElement>(null);

  useEffect(() => {
    const nav = list.current;
    const item = nav?.querySelector('[aria-current]');
    if (!nav || !item) return;
    // Scrolled by hand, within the list: scrollIntoView would move the article too.
    nav.scrollTop += scrollDelta(along(item.getBoundingClientRect(), 'y'), along(nav.getBoundingClientRect(), 'y'), 'nearest');
  }, [outline.current]);

  const items = (nodes: OutlineNode[]) => (
    <ol class="pnr-outline-list">
      {nodes.map((node) => (
        <li key={node.index}>
          <button
            type="button"
            class="pnr-outline-entry"
            data-outline-index={node.index}
            data-kind={node.entry.kind}
            aria-current={outline.current === node.index ? 'location' : undefined}
            onClick={() => outline.jump(node.index)}
          >
            {/* Page text, shown as text (never as HTML). */}
            {node.entry.text}
          </button>
          {node.children.length > 0 && items(node.children)}
        </li>
      ))}
    </ol>
  );

  return (
    <PanelFrame panel="outline" label={t('outline_title')}>
      <nav class="pnr-outline" aria-label={t('outline_title')} ref={list} data-testid="outline">
        {items(outline.tree)}
      </nav>
    </PanelFrame>
  );
}
