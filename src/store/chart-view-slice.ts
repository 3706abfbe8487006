import type { StateCreator } from 'zustand';
import type { SourceDocument } from '@/domain/chart/chart-types';
import type { AppState } from './app-store';

/** A charted fact the learner picked to see its evidence: `ResourceType/id` and how to name it. */
export interface FactSelection {
  ref: string;
  label: string;
  /** Bumped on every pick, so picking the same fact again scrolls to its evidence again. */
  nonce: number;
}

export interface ChartViewState {
  /** Id of the open chart section tab (the chart viewer owns the list of ids). */
  chartSection: string;
  selectedFact: FactSelection | null;
  activeDocumentId: string | null;
  /** Bumped when the learner opens a document on purpose, so the viewer takes focus. */
  documentFocusNonce: number;
}

export interface ChartViewSlice extends ChartViewState {
  setChartSection: (id: string) => void;
  /** Pick a fact (or un-pick it when it is already picked) and show the first document citing it. */
  toggleFact: (ref: string, label: string) => void;
  clearFact: () => void;
  openDocument: (id: string, options?: { focus?: boolean }) => void;
}

export const initialChartViewState: ChartViewState = {
  chartSection: 'summary',
  selectedFact: null,
  activeDocumentId: null,
  documentFocusNonce: 0,
};

/**
 * Documents with at least one evidence span for `ref`, in chart order. Same rule as the domain's
 * `findDocumentsFor` (src/domain/documents/fact-text.ts); kept here because that module imports
 * the code tables, which would move them out of the lazy generator chunk into the main bundle.
 */
export function documentsCiting(documents: readonly SourceDocument[], ref: string): SourceDocument[] {
  return documents.filter((d) => d.spans.some((s) => s.ref === ref));
}

export const createChartViewSlice: StateCreator<AppState, [], [], ChartViewSlice> = (set, get) => ({
  ...initialChartViewState,
  setChartSection: (id) => set({ chartSection: id }),
  toggleFact: (ref, label) => {
    const { selectedFact, chart, activeDocumentId } = get();
    if (selectedFact?.ref === ref) {
      set({ selectedFact: null });
      return;
    }
    const citing = documentsCiting(chart?.documents ?? [], ref);
    // Stay on the open document when it cites the fact; otherwise go to the first one that does.
    const keep = citing.some((d) => d.id === activeDocumentId);
    set({
      selectedFact: { ref, label, nonce: (selectedFact?.nonce ?? 0) + 1 },
      activeDocumentId: keep ? activeDocumentId : (citing[0]?.id ?? activeDocumentId),
    });
  },
  clearFact: () => set({ selectedFact: null }),
  openDocument: (id, options) =>
    set((state) => ({
      activeDocumentId: id,
      documentFocusNonce: options?.focus ? state.documentFocusNonce + 1 : state.documentFocusNonce,
    })),
});
