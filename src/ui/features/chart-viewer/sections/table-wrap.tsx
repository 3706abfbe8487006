import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A data table that scrolls sideways when it is wider than its column (a phone, or a long list
 * beside the documents). While it overflows it is a named group with a tab stop, so keyboard
 * users can scroll it (WCAG 2.1.1, axe `scrollable-region-focusable`); when it fits, it adds no
 * tab stop. A group, not a region: most tables sit in a section already named by the same heading,
 * and two landmarks of one name confuse landmark navigation.
 */
export function TableWrap({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    // The observer reports once on observe, then on every resize of the wrapper or the table.
    const observer = new ResizeObserver(() => setOverflows(element.scrollWidth > element.clientWidth + 1));
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);

  if (!overflows) {
    return (
      <div ref={ref} className="table-wrap">
        {children}
      </div>
    );
  }
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region needs a tab stop to scroll by keyboard.
    <div ref={ref} className="table-wrap" role="group" aria-label={label} aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
