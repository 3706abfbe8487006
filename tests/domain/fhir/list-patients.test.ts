import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromBundleText, listPatients, parseFhirText } from '@/domain/fhir/from-bundle';
import { CRIS, expectKind, fixtureText, importError, ROLAND, SYNTHEA } from './import-helpers';

/** Both Synthea patients in one collection bundle, as a cohort export would hold them. */
function twoSyntheaPatients(): string {
  const entries = [CRIS, ROLAND].flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as { entry: unknown[] }).entry);
  return JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries });
}

describe('listing the patients of a file', () => {
  it('lists every patient in file order with name, birth date, sex and the resources that name them', () => {
    const patients = listPatients(parseFhirText(fixtureText('bundles/multi-patient.json')));
    expect(patients).toEqual([
      { id: 'first', name: [{ family: 'Abara', given: ['Chidi'] }], birthDate: '1990-01-01', gender: 'male', resources: [{ resourceType: 'Condition', count: 1 }], total: 1 },
      {
        id: 'second',
        name: [{ family: 'Kowalski', given: ['Zofia'] }],
        birthDate: '1975-05-20',
        gender: 'female',
        resources: [
          { resourceType: 'Condition', count: 1 },
          { resourceType: 'Immunization', count: 1 },
        ],
        total: 2,
      },
    ]);
  });

  it('counts a Synthea cohort by urn:uuid references, most frequent type first', () => {
    const [cris, roland] = listPatients(parseFhirText(twoSyntheaPatients()));
    expect(cris).toMatchObject({ id: 'd4519c92-d241-b2b2-7360-291d60be699e', birthDate: '2006-02-22', gender: 'female' });
    expect(cris?.resources.slice(0, 2)).toEqual([
      { resourceType: 'Immunization', count: 19 },
      { resourceType: 'Observation', count: 16 },
    ]);
    expect(roland).toMatchObject({ id: '13b1a0f2-dceb-37a2-f32b-f0ca6e3b9925', gender: 'male', birthDate: '2009-08-06' });
    expect(roland?.resources.find((r) => r.resourceType === 'Encounter')?.count).toBe(13);
    // Organizations and practitioners belong to nobody; each patient's total is what names them.
    expect(cris?.total).toBe(cris?.resources.reduce((n, r) => n + r.count, 0));
    expect(roland?.resources.some((r) => r.resourceType === 'Organization')).toBe(false);
  });

  it('gives one entry for a single-patient file and for a lone Patient resource', () => {
    expect(listPatients(parseFhirText(readFileSync(CRIS, 'utf8'))).map((p) => p.id)).toEqual(['d4519c92-d241-b2b2-7360-291d60be699e']);
    expect(listPatients(parseFhirText(fixtureText('resources/patient.json')))).toHaveLength(1);
  });

  it('refuses what an import refuses: no patient, another FHIR version, not JSON', () => {
    expectKind(importError(() => listPatients(parseFhirText(readFileSync(`${SYNTHEA}/hospitalInformation1603148702656.json`, 'utf8')))), 'no-patient');
    expectKind(importError(() => listPatients(parseFhirText(fixtureText('bad/stu3-condition.json')))), 'wrong-version');
    expectKind(importError(() => parseFhirText(fixtureText('bad/not-json.json'))), 'not-json');
    expectKind(importError(() => parseFhirText('  ')), 'empty');
  });

  it('imports the chosen patient with the same chart whether or not the text was parsed first', () => {
    const text = twoSyntheaPatients();
    const parsed = parseFhirText(text);
    const chosen = fromBundleText(text, { patientId: '13b1a0f2-dceb-37a2-f32b-f0ca6e3b9925' }, parsed);
    expect(chosen.chart.patient.name?.[0]?.family).toBe('Nienow652');
    expect(chosen.chart).toEqual(fromBundleText(text, { patientId: '13b1a0f2-dceb-37a2-f32b-f0ca6e3b9925' }).chart);
    expect(chosen.skipped.find((s) => s.resourceType === 'Patient')?.reason).toBe('another patient (this import takes Patient/13b1a0f2-dceb-37a2-f32b-f0ca6e3b9925)');
  });
});
