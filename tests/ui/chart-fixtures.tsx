import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { DEFAULT_REF_DATE, type Chart, type SourceDocument } from '@/domain/chart/chart-types';
import { generateChart } from '@/domain/chart/generate-chart';
import { initialAppState, useAppStore } from '@/store/app-store';
import { App } from '@/ui/app/app';

const generated = new Map<number, Chart>();

/** The chart the app shows for a seed (a private copy, so a test may change it). */
export function chartForSeed(seed: number): Chart {
  let chart = generated.get(seed);
  if (!chart) {
    chart = generateChart({ seed, refDate: DEFAULT_REF_DATE });
    generated.set(seed, chart);
  }
  return structuredClone(chart);
}

/** Fresh store and URL, as a learner who has just opened the app. */
export function resetApp(hash = '') {
  window.history.replaceState(null, '', `/${hash}`);
  useAppStore.setState(initialAppState);
}

/** Render the app with `chart` already open, as if it had been generated from its seed link. */
export function renderChart(chart: Chart) {
  resetApp(`#/chart?seed=${chart.meta.seed}`);
  useAppStore.setState({
    request: { seed: chart.meta.seed },
    chart,
    status: 'ready',
    activeDocumentId: chart.documents[0]?.id ?? null,
  });
  const user = userEvent.setup();
  return { user, ...render(<App />) };
}

/** A high-criticality penicillin allergy with two reactions, for the patient of `chart`. */
export function penicillinAllergy(chart: Chart): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: 'allergy-penicillin',
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    type: 'allergy',
    category: ['medication'],
    criticality: 'high',
    code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '7980', display: 'penicillin G' }], text: 'Penicillin G' },
    patient: { reference: `Patient/${chart.patient.id}` },
    recordedDate: '2024-02-11',
    reaction: [
      {
        manifestation: [
          { coding: [{ system: 'http://snomed.info/sct', code: '39579001', display: 'Anaphylaxis' }], text: 'anaphylaxis' },
          { coding: [{ system: 'http://snomed.info/sct', code: '247472004', display: 'Wheal' }], text: 'hives' },
        ],
        severity: 'severe',
      },
    ],
  };
}

/**
 * Seed 42's chart with a penicillin allergy and one nursing note that states it twice (substance
 * and reaction). The documents are replaced, so the test does not depend on the renderer.
 */
export function chartWithAllergyNote(): { chart: Chart; allergy: AllergyIntolerance; note: SourceDocument } {
  const chart = chartForSeed(42);
  const allergy = penicillinAllergy(chart);
  chart.allergies = [allergy];
  const text = [
    'NURSING ADMISSION NOTE',
    '',
    'ALLERGIES: Penicillin G (reaction: anaphylaxis, hives)',
    'Patient confirms allergy band on right wrist.',
  ].join('\n');
  const span = (needle: string, field: string) => {
    const start = text.indexOf(needle);
    return { ref: `AllergyIntolerance/${allergy.id}`, field, start, end: start + needle.length };
  };
  const note: SourceDocument = {
    id: 'doc-nursing-note',
    kind: 'progress-note',
    title: 'Nursing admission note',
    date: '2026-05-02T09:15:00-05:00',
    text,
    spans: [span('Penicillin G', 'code'), span('anaphylaxis, hives', 'reaction')],
  };
  const other: SourceDocument = {
    id: 'doc-registration',
    kind: 'registration',
    title: 'Registration face sheet',
    date: '2026-05-02T08:00:00-05:00',
    text: 'REGISTRATION\nNo clinical content.',
    spans: [],
  };
  chart.documents = [other, note];
  return { chart, allergy, note };
}
