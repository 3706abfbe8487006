import type { StateCreator } from 'zustand';
import { DEFAULT_REF_DATE, type Chart, type ChartSpec } from '@/domain/chart/chart-types';
import type { AppState } from './app-store';
import { initialChartViewState } from './chart-view-slice';

/** What the learner asked for: the seed and the optional filters of the generate form. */
export type PatientRequest = Pick<ChartSpec, 'seed' | 'sex' | 'minAge' | 'maxAge'>;

export type PatientStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface PatientState {
  /** The request of the chart on screen, or of the one being generated. */
  request: PatientRequest | null;
  chart: Chart | null;
  status: PatientStatus;
  error: string | null;
}

export interface PatientSlice extends PatientState {
  /** Generate the chart for a request. Resolves when the chart (or the error) is in the store. */
  generatePatient: (request: PatientRequest) => Promise<void>;
  /** Show a chart imported from a FHIR file (it has no seed request); a generation under way is dropped. */
  showImportedChart: (chart: Chart) => void;
}

export const initialPatientState: PatientState = { request: null, chart: null, status: 'idle', error: null };

export function sameRequest(a: PatientRequest | null, b: PatientRequest | null): boolean {
  if (a === null || b === null) return a === b;
  return a.seed === b.seed && a.sex === b.sex && a.minAge === b.minAge && a.maxAge === b.maxAge;
}

/** Only the newest request may write its chart; an older, slower one is dropped. */
let latestTicket = 0;

export const createPatientSlice: StateCreator<AppState, [], [], PatientSlice> = (set) => ({
  ...initialPatientState,
  generatePatient: async (request) => {
    const ticket = ++latestTicket;
    set({ request, status: 'loading', error: null });
    try {
      // The generator pulls in faker (several hundred kB), so it is its own chunk, loaded on first use.
      const { generateChart } = await import('@/domain/chart/generate-chart');
      // Let the loading state paint before the synchronous generation runs.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (ticket !== latestTicket) return;
      const chart = generateChart({ ...request, refDate: DEFAULT_REF_DATE });
      if (ticket !== latestTicket) return;
      set({ chart, status: 'ready', error: null, ...initialChartViewState, activeDocumentId: chart.documents[0]?.id ?? null });
    } catch (error) {
      if (ticket !== latestTicket) return;
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  showImportedChart: (chart) => {
    latestTicket++;
    set({ request: null, chart, status: 'ready', error: null, ...initialChartViewState, activeDocumentId: chart.documents[0]?.id ?? null });
  },
});
