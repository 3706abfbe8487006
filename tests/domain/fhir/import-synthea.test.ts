import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { fromBundle } from '@/domain/fhir/from-bundle';
import { toBundle } from '@/domain/fhir/to-bundle';
import { schemaErrors, structureErrors } from '../../helpers/fhir-validator';
import { CRIS, expectKind, importError, importFixture, mappedResources, ROLAND, SYNTHEA } from './import-helpers';

const counts = (path: string) => Object.fromEntries(importFixture(path).summary.map((s) => [s.section, s.count]));

describe('real Synthea bundles', () => {
  it('imports Cris921 Rath779 with sensible counts per section', () => {
    const result = importFixture(CRIS);
    expect(result.chart.patient.name?.[0]).toMatchObject({ family: 'Rath779', given: ['Cris921'] });
    expect(result.chart.meta.source?.bundleType).toBe('batch');
    expect(result.chart.meta.refDate).toBe('2020-03-25');
    expect(counts(CRIS)).toEqual({
      patient: 1,
      organizations: 2,
      practitioners: 2,
      coverage: 0,
      encounters: 11,
      allergies: 0,
      conditions: 4,
      procedures: 1,
      familyHistory: 0,
      socialHistory: 0,
      medications: 0,
      medicationRequests: 0,
      immunizations: 19,
      vitals: 6,
      labs: 10,
      labReports: 2,
      documents: 9,
      unmapped: 26,
    });
    expect(result.unmapped.map((g) => `${g.resourceType} ${g.count}`)).toEqual(['Claim 11', 'ExplanationOfBenefit 11', 'CareTeam 2', 'CarePlan 2']);
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([]);
    // Blood pressure arrives as the R4 panel with components and stays one vital sign.
    const bp = result.chart.vitals.find((o) => o.code.coding?.[0]?.code === '85354-9');
    expect(bp?.component?.map((c) => c.code.coding?.[0]?.code)).toEqual(['8462-4', '8480-6']);
    // Every reference inside the chart is relative and points at a resource of the chart.
    const refs = new Set<string>();
    JSON.stringify(result.chart, (key, value) => {
      if (key === 'reference' && typeof value === 'string') refs.add(value);
      return value;
    });
    const known = new Set([result.chart.patient, ...Object.values(result.chart).flatMap((v) => (Array.isArray(v) ? v : []))].map((r: { resourceType?: string; id?: string }) => `${r.resourceType}/${r.id}`));
    expect([...refs].filter((r) => !r.startsWith('#') && !known.has(r))).toEqual([]);
  });

  it('imports Roland928 Nienow652 with sensible counts per section', () => {
    expect(counts(ROLAND)).toMatchObject({ patient: 1, organizations: 1, practitioners: 1, encounters: 13, immunizations: 19, conditions: 0, labs: 0, unmapped: 26 });
    expect(importFixture(ROLAND).chart.documents.map((d) => d.kind)).toEqual(['registration', 'history-physical', 'progress-note', 'progress-note', 'progress-note', 'progress-note', 'medication-list', 'immunization-record']);
  });

  it('renders source documents that state the imported facts', () => {
    const { chart } = importFixture(CRIS);
    const immunizations = chart.documents.find((d) => d.kind === 'immunization-record');
    expect(immunizations?.spans.filter((s) => s.ref.startsWith('Immunization/')).length).toBeGreaterThan(0);
    const registration = chart.documents.find((d) => d.kind === 'registration');
    expect(registration?.text).toContain('Rath779, Cris921');
  });

  it('[regression] prints the blood pressure systolic over diastolic although Synthea lists the diastolic first', () => {
    const { chart } = importFixture(CRIS);
    const bp = chart.vitals.find((o) => o.code.coding?.[0]?.code === '85354-9');
    expect(bp?.component?.map((c) => c.valueQuantity?.value)).toEqual([76, 112]);
    const texts = chart.documents.map((d) => d.text).join('\n');
    expect(texts).toMatch(/\b112\/76\b/);
    expect(texts).not.toMatch(/\b76\/112\b/);
  });

  it('[regression] prints the answer of a coded lab result on the lab report, without the SNOMED CT tag', () => {
    const { chart } = importFixture(CRIS);
    const report = chart.documents.find((d) => d.kind === 'lab-report' && d.text.includes('SARS-CoV-2'));
    expect(report?.text).toMatch(/SARS-CoV-2 RNA Pnl Resp NAA\+probe {2}Detected\s*\n/);
    expect(report?.text.match(/ Negative /g)).toHaveLength(9);
    const coded = chart.labs.find((o) => o.valueCodeableConcept?.text === 'Detected (qualifier value)');
    const span = report?.spans.find((s) => s.ref === `Observation/${coded?.id}` && s.field === 'value');
    expect(span && report?.text.slice(span.start, span.end)).toBe('Detected');
  });

  it('refuses the hospital and practitioner bundles on their own: they hold no patient', () => {
    for (const file of ['hospitalInformation1603148702656.json', 'practitionerInformation1603148702656.json']) {
      const error = expectKind(importError(() => importFixture(`${SYNTHEA}/${file}`)), 'no-patient');
      expect(error.message).toMatch(/holds 17 (Organization|Practitioner)\)/);
    }
  });

  it('exports both charts as bundles valid against the R4 JSON schema and StructureDefinitions, and re-imports them unchanged', () => {
    for (const file of [CRIS, ROLAND]) {
      const first = importFixture(file);
      const bundle = toBundle(first.chart);
      expect(schemaErrors(bundle), file).toEqual([]);
      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource as Resource;
        expect(structureErrors(resource), `${resource.resourceType}/${resource.id}`).toEqual([]);
      }
      const second = fromBundle(JSON.parse(JSON.stringify(bundle)));
      expect(mappedResources(second.chart)).toEqual(mappedResources(first.chart));
      expect(second.chart.documents).toEqual(first.chart.documents);
      expect(second.chart.meta.refDate).toBe(first.chart.meta.refDate);
    }
  });
});
