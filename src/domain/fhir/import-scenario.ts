import type { Chart } from '@/domain/chart/chart-types';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { fromBundleText } from './from-bundle';

/**
 * The chart of a scenario that names a FHIR bundle (`patients.bundle`), from the file's text.
 * The caller reads the file (scenarios/<bundle>); this stays free of I/O. The chart keeps the
 * file's own reference date: an imported record's "today" is when it was exported, and moving it
 * to the scenario's date would leave years without visits. Throws FhirImportError.
 */
export function importScenarioChart(scenario: Scenario, text: string): Chart {
  return fromBundleText(text, { fileName: scenario.patients.bundle }).chart;
}
