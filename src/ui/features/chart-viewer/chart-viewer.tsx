import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Chart } from '@/domain/chart/chart-types';
import { useAppStore } from '@/store/app-store';
import { ChartSections } from './chart-sections';
import { FACT_HINT_ID } from './fact-button';
import { PatientBanner } from './patient-banner';

/**
 * The chart on screen: the patient banner on top, then the chart sections beside the source
 * documents (stacked on narrow screens). The documents pane is a slot the app fills, so this
 * feature does not import the documents feature.
 */
export function ChartViewer({ documentsPane }: { documentsPane: ReactNode }) {
  const chart = useAppStore((s) => s.chart);
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);

  return (
    <div className="chart-viewer">
      {status === 'error' && (
        <div role="alert" className="notice notice--error">
          <strong>The chart could not be generated.</strong> {error}
        </div>
      )}
      {!chart ? (
        status === 'loading' ? (
          <div className="card empty-state" aria-busy="true">
            <span className="spinner spinner--large" aria-hidden="true" />
            <p>Loading the chart generator…</p>
          </div>
        ) : (
          <div className="card empty-state">
            <h2>No chart open</h2>
            <p>
              Enter a seed and choose <strong>Generate</strong>, or choose <strong>Random patient</strong>. Try seed 42.
            </p>
          </div>
        )
      ) : (
        <ChartLayout chart={chart} documentsPane={documentsPane} busy={status === 'loading'} />
      )}
    </div>
  );
}

/**
 * One chart on screen: the sticky patient banner, then the chart sections beside the documents
 * pane. The chart viewer shows the app's chart in it; an exercise workspace shows its own chart,
 * with a ChartViewContext provider holding how it is being viewed.
 */
export function ChartLayout({
  chart,
  documentsPane,
  busy = false,
  stickyBanner = true,
}: {
  chart: Chart;
  documentsPane: ReactNode;
  busy?: boolean;
  /** False inside a page that has its own sticky bar (the exercise session): the banner scrolls with the chart then. */
  stickyBanner?: boolean;
}) {
  const bannerRef = useRef<HTMLDivElement>(null);

  // The sticky banner's height offsets the sticky documents pane and scroll-into-view targets.
  useLayoutEffect(() => {
    const element = bannerRef.current;
    if (!element || !stickyBanner) return;
    const root = document.documentElement;
    const update = () => root.style.setProperty('--banner-height', `${Math.ceil(element.getBoundingClientRect().height)}px`);
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [chart, stickyBanner]);

  return (
    <div className={`chart${busy ? ' chart--stale' : ''}`} aria-busy={busy}>
      <p id={FACT_HINT_ID} hidden>
        Highlights where the source documents state this fact.
      </p>
      <div ref={bannerRef} className={`chart__banner${stickyBanner ? '' : ' chart__banner--static'}`}>
        <PatientBanner chart={chart} />
      </div>
      <div className="workspace">
        <div className="workspace__chart">
          <ChartSections chart={chart} />
        </div>
        <div className="workspace__documents">{documentsPane}</div>
      </div>
    </div>
  );
}
