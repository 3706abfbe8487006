import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Chart } from '@/domain/chart/chart-types';
import { FhirImportError, type ImportErrorKind } from '@/domain/fhir/import-errors';
import { fromBundleText, type ImportOptions, type ImportResult } from '@/domain/fhir/from-bundle';

export const FIXTURES = resolve(__dirname, '../../fixtures/fhir');
export const SYNTHEA = resolve(__dirname, '../../../../shared/fixtures/fhir/synthea');
export const CRIS = resolve(SYNTHEA, 'Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json');
export const ROLAND = resolve(SYNTHEA, 'Roland928_Nienow652_13b1a0f2-dceb-37a2-f32b-f0ca6e3b9925.json');

export function fixtureText(path: string): string {
  return readFileSync(path.startsWith('/') ? path : resolve(FIXTURES, path), 'utf8');
}

export function importFixture(path: string, opts: ImportOptions = {}): ImportResult {
  return fromBundleText(fixtureText(path), { fileName: path, ...opts });
}

/** The error an import throws, for asserting its kind and message. */
export function importError(run: () => unknown): FhirImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof FhirImportError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

export function expectKind(error: FhirImportError, kind: ImportErrorKind): FhirImportError {
  if (error.kind !== kind) throw new Error(`expected a ${kind} error, got ${error.kind}: ${error.message}`);
  return error;
}

/** The chart lists that hold mapped FHIR resources (what a round trip must keep). */
export const MAPPED_LISTS = [
  'organizations',
  'coverage',
  'practitioners',
  'encounters',
  'allergies',
  'conditions',
  'procedures',
  'familyHistory',
  'socialHistory',
  'medications',
  'medicationRequests',
  'immunizations',
  'vitals',
  'labs',
  'labReports',
  'documentReferences',
  'unmapped',
] as const;

/** The mapped resources of a chart as plain JSON, list by list. */
export function mappedResources(chart: Chart): Record<string, unknown> {
  const out: Record<string, unknown> = { patient: chart.patient };
  for (const key of MAPPED_LISTS) out[key] = chart[key] ?? [];
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

export const count = (result: ImportResult, section: string) => result.summary.find((s) => s.section === section)?.count;
