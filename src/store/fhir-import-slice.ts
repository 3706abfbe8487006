import type { StateCreator } from 'zustand';
import type { BundlePatient, ImportResult } from '@/domain/fhir/from-bundle';
import type { AppState } from './app-store';

/**
 * The file on the Import page, kept while the learner goes to the chart viewer and comes back:
 * the patient list of a file that holds several, the patient chosen, and the import's result.
 */
export interface ImportedFile {
  file: File;
  /** Every patient of a file that holds several (the picker's list); empty for a single-patient file. */
  patients: BundlePatient[];
  /** The patient chosen in the picker; null until one is, and for a single-patient file. */
  patientId: string | null;
  /** The import of the chosen (or only) patient, once it is done. */
  result: ImportResult | null;
}

export interface FhirImportSlice {
  lastImport: ImportedFile | null;
  rememberImport: (next: ImportedFile | null) => void;
}

export const initialFhirImportState: Pick<FhirImportSlice, 'lastImport'> = { lastImport: null };

export const createFhirImportSlice: StateCreator<AppState, [], [], FhirImportSlice> = (set) => ({
  ...initialFhirImportState,
  rememberImport: (next) => set({ lastImport: next }),
});
