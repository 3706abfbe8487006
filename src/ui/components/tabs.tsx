import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  id: string;
  label: ReactNode;
}

interface TabsProps {
  /** Accessible name of the tab list. */
  label: string;
  items: readonly TabItem[];
  selectedId: string;
  onSelect: (id: string) => void;
  /** Prefix for the tab and panel element ids; unique on the page. */
  idPrefix: string;
  /** A vertical list (a chart's section index) moves with Up/Down, a horizontal one with Left/Right. */
  orientation?: 'horizontal' | 'vertical';
  children: ReactNode;
}

/**
 * Tabs after the WAI-ARIA Authoring Practices pattern with automatic activation: one tab stop
 * (roving tabindex), the arrow keys of the list's orientation move between tabs and wrap,
 * Home/End jump to the ends. Only the selected panel is rendered, so only the selected tab names
 * it in aria-controls.
 */
export function Tabs({ label, items, selectedId, onSelect, idPrefix, orientation = 'horizontal', children }: TabsProps) {
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const selectedIndex = Math.max(
    0,
    items.findIndex((t) => t.id === selectedId),
  );

  const focusTab = (index: number) => {
    const item = items[(index + items.length) % items.length];
    if (!item) return;
    onSelect(item.id);
    tabRefs.current.get(item.id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const [previous, next] = orientation === 'vertical' ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight'];
    const keys: Record<string, number> = {
      [next]: selectedIndex + 1,
      [previous]: selectedIndex - 1,
      Home: 0,
      End: items.length - 1,
    };
    const target = keys[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusTab(target);
  };

  return (
    <div className={`tabs tabs--${orientation}`}>
      <div role="tablist" aria-label={label} aria-orientation={orientation} className="tabs__list">
        {items.map((item, index) => {
          const selected = index === selectedIndex;
          return (
            <button
              key={item.id}
              ref={(el) => {
                if (el) tabRefs.current.set(item.id, el);
                else tabRefs.current.delete(item.id);
              }}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${item.id}`}
              aria-selected={selected}
              aria-controls={selected ? `${idPrefix}-panel-${item.id}` : undefined}
              tabIndex={selected ? 0 : -1}
              className="tabs__tab"
              onClick={() => onSelect(item.id)}
              onKeyDown={onKeyDown}
            >
              {item.label}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel-${items[selectedIndex]?.id ?? ''}`}
        aria-labelledby={`${idPrefix}-tab-${items[selectedIndex]?.id ?? ''}`}
        tabIndex={0}
        className="tabs__panel"
      >
        {children}
      </div>
    </div>
  );
}
