import { createContext, useContext, type ReactNode } from 'react';
import { useAppStore } from '@/store/app-store';

/** A fact on the chart screen that an action can point at. */
export interface ChartFact {
  /** `ResourceType/id`; `DocumentReference/<document id>` for a source document; `Patient/<id>` for the banner. */
  ref: string;
  /** How the chart names it: "Penicillin G allergy", "Hemoglobin A1c 7.9 % on 12/06/2025". */
  label: string;
}

/**
 * Where an action sits: after a row's fact (room for a word) or after a value in a dense grid
 * such as the vitals flowsheet (room for an icon).
 */
export type FactActionPlacement = 'row' | 'value';

/**
 * How the chart screen is being viewed, when the chart is not the app's generated one (an exercise
 * workspace shows its own chart and keeps this state itself). Without a provider the chart viewer
 * reads and writes the app store, as on the chart viewer page.
 */
export interface ChartViewController {
  selectedFactRef: string | null;
  toggleFact: (ref: string, label: string) => void;
  activeDocumentId: string | null;
  openDocument: (id: string, options?: { focus?: boolean }) => void;
  chartSection: string;
  setChartSection: (id: string) => void;
  /** Rendered after every charted fact, the patient banner and every document row (a Flag button). */
  renderFactAction?: (fact: ChartFact, placement: FactActionPlacement) => ReactNode;
}

export const ChartViewContext = createContext<ChartViewController | null>(null);

// Each hook subscribes to the store narrowly (as the components did before), so a chart with
// hundreds of facts re-renders one button, not all of them, when a fact is picked.

export function useFactPressed(ref: string): boolean {
  const controller = useContext(ChartViewContext);
  const stored = useAppStore((s) => s.selectedFact?.ref === ref);
  return controller ? controller.selectedFactRef === ref : stored;
}

export function useToggleFact(): (ref: string, label: string) => void {
  const controller = useContext(ChartViewContext);
  const stored = useAppStore((s) => s.toggleFact);
  return controller?.toggleFact ?? stored;
}

export function useChartSection(): [string, (id: string) => void] {
  const controller = useContext(ChartViewContext);
  const stored = useAppStore((s) => s.chartSection);
  const setStored = useAppStore((s) => s.setChartSection);
  return controller ? [controller.chartSection, controller.setChartSection] : [stored, setStored];
}

export function useDocumentNavigation(): { activeDocumentId: string | null; openDocument: (id: string, options?: { focus?: boolean }) => void } {
  const controller = useContext(ChartViewContext);
  const activeDocumentId = useAppStore((s) => s.activeDocumentId);
  const openDocument = useAppStore((s) => s.openDocument);
  return controller ? { activeDocumentId: controller.activeDocumentId, openDocument: controller.openDocument } : { activeDocumentId, openDocument };
}

/** The action a provider renders for a fact; nothing on the plain chart viewer. */
export function FactAction({ fact, placement = 'row' }: { fact: ChartFact; placement?: FactActionPlacement }) {
  const controller = useContext(ChartViewContext);
  return controller?.renderFactAction ? <>{controller.renderFactAction(fact, placement)}</> : null;
}
