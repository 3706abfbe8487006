import { useState, type ReactNode } from 'react';

/**
 * Long lists in pages: the first `pageSize` items, then "Show N more" and "Show all". A chart
 * imported from a long Synthea history can hold thousands of lab results and vital signs;
 * rendering them all at once makes opening a section take seconds. Plain buttons rather than
 * virtual scrolling keep table semantics, find-in-page and printing intact for what is shown.
 */
export function useShowMore<T>(items: readonly T[], pageSize: number, noun: string): { shown: readonly T[]; more: ReactNode } {
  const [limit, setLimit] = useState(pageSize);
  const [source, setSource] = useState(items);
  // Another chart (or filter) starts again from the first page; adjusting state while rendering, as React recommends.
  if (source !== items) {
    setSource(items);
    setLimit(pageSize);
  }
  if (items.length <= limit) return { shown: items, more: null };
  const next = Math.min(pageSize, items.length - limit);
  return {
    shown: items.slice(0, limit),
    more: (
      <div className="show-more">
        <p className="muted">
          Showing {limit.toLocaleString('en-US')} of {items.length.toLocaleString('en-US')} {noun}.
        </p>
        <button type="button" className="button button--small" onClick={() => setLimit(limit + pageSize)}>
          Show {next.toLocaleString('en-US')} more
        </button>
        <button type="button" className="button button--small button--quiet" onClick={() => setLimit(items.length)}>
          Show all
        </button>
      </div>
    ),
  };
}
