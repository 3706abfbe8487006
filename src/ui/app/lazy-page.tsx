import { Component, lazy, Suspense, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import type { SectionPageProps } from './sections';

/**
 * A section page loaded on first visit. The exercise pages bring the scenarios, the code tables
 * and the scoring rules, which the chart viewer does not need on its first load.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType<SectionPageProps> }>): ComponentType<SectionPageProps> {
  const Page = lazy(load);
  function LazyPage(props: SectionPageProps) {
    return (
      <PageErrorBoundary>
        <Suspense
          fallback={
            <div className="card empty-state" role="status" aria-busy="true">
              <span className="spinner spinner--large" aria-hidden="true" />
              <p>Loading…</p>
            </div>
          }
        >
          <Page {...props} />
        </Suspense>
      </PageErrorBoundary>
    );
  }
  return LazyPage;
}

/**
 * Keeps the shell (header, navigation) when a page fails: a chunk that cannot be fetched (the
 * app was updated since this tab loaded it) or a rendering error shows a message, not a blank app.
 */
class PageErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="notice notice--error">
        <p>
          <strong>This page could not be shown.</strong> {this.state.error.message}
        </p>
        <p>
          <button type="button" className="button button--small" onClick={() => window.location.reload()}>
            Reload ChartLab
          </button>
        </p>
      </div>
    );
  }
}
