import type { MedicationRequest, Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { fromBundle, fromBundleText } from '@/domain/fhir/from-bundle';
import { toBundle } from '@/domain/fhir/to-bundle';
import { schemaErrors } from '../../helpers/fhir-validator';
import { count, expectKind, fixtureText, importError, importFixture, mappedResources } from './import-helpers';

const GOOD_FIXTURES = [
  'resources/patient.json',
  'resources/allergy-intolerance.json',
  'resources/condition.json',
  'resources/medication-request.json',
  'resources/medication-statement.json',
  'resources/immunization.json',
  'resources/observation-vital-signs.json',
  'resources/observation-blood-pressure-separate.json',
  'resources/observation-social-history.json',
  'resources/diagnostic-report-laboratory.json',
  'resources/encounter.json',
  'resources/procedure.json',
  'resources/practitioner.json',
  'resources/organization.json',
  'resources/document-reference.json',
  'resources/coverage.json',
  'resources/family-member-history.json',
  'resources/unmapped-and-extensions.json',
  'references/relative.json',
  'references/absolute-fullurl.json',
  'references/urn-uuid.json',
  'references/contained.json',
  'references/conditional.json',
  'references/dangling-practitioner.json',
  'bundles/transaction.json',
  'bundles/searchset.json',
  'bundles/document.json',
  'bundles/multi-patient.json',
];

describe('importing one resource type at a time', () => {
  it('imports a single Patient resource as a chart with only the patient', () => {
    const result = importFixture('resources/patient.json');
    expect(result.chart.id).toBe('p1');
    expect(result.chart.patient.name?.[0]?.family).toBe('Okafor');
    expect(result.chart.meta.source).toMatchObject({ format: 'fhir-r4', bundleType: 'Patient', fileName: 'resources/patient.json' });
    expect(result.summary.filter((s) => s.count > 0).map((s) => s.section)).toEqual(['patient', 'documents']);
    expect(result.chart.documents.map((d) => d.kind)).toContain('registration');
    expect(result.skipped).toEqual([]);
  });

  it('files an AllergyIntolerance under allergies with its patient reference made relative', () => {
    const { chart } = importFixture('resources/allergy-intolerance.json');
    expect(chart.allergies).toHaveLength(1);
    expect(chart.allergies[0]).toMatchObject({ id: 'a1', patient: { reference: 'Patient/p1' }, criticality: 'high', code: { text: 'Penicillin' } });
  });

  it('files a Condition on the problem list and recognises its condition module', () => {
    const { chart } = importFixture('resources/condition.json');
    expect(chart.conditions.map((c) => c.id)).toEqual(['c1']);
    expect(chart.meta.conditionModules).toContain('essential-hypertension');
  });

  it('keeps a MedicationRequest and lists it as a MedicationStatement based on it', () => {
    const result = importFixture('resources/medication-request.json');
    const { chart } = result;
    expect(chart.medicationRequests?.map((m) => m.id)).toEqual(['mr1']);
    expect(chart.medications).toHaveLength(1);
    expect(chart.medications[0]).toMatchObject({
      resourceType: 'MedicationStatement',
      basedOn: [{ reference: 'MedicationRequest/mr1' }],
      status: 'active',
      subject: { reference: 'Patient/p1' },
      medicationCodeableConcept: { text: 'Lisinopril 10 mg tablet' },
      reasonReference: [{ reference: 'Condition/c1' }],
      informationSource: { reference: 'Practitioner/dr1' },
      effectiveDateTime: '2023-01-05',
    });
    expect(chart.medications[0]?.dosage?.[0]?.text).toBe('1 tablet by mouth once daily');
    expect(result.summary.find((s) => s.section === 'medications')?.detail).toMatch(/1 from medication requests/);
  });

  it('files a MedicationStatement under medications unchanged', () => {
    const { chart } = importFixture('resources/medication-statement.json');
    expect(chart.medications).toHaveLength(1);
    expect(chart.medications[0]).toEqual(JSON.parse(fixtureText('resources/medication-statement.json')).entry[1].resource);
  });

  it('files an Immunization', () => {
    const { chart } = importFixture('resources/immunization.json');
    expect(chart.immunizations[0]).toMatchObject({ id: 'im1', patient: { reference: 'Patient/p1' }, lotNumber: 'FL2024-117' });
  });

  it('files vital signs, the blood pressure panel with its two components', () => {
    const { chart } = importFixture('resources/observation-vital-signs.json');
    expect(chart.vitals.map((o) => o.id)).toEqual(['bp1', 'hr1']);
    const bp = chart.vitals[0] as Observation;
    expect(bp.component?.map((c) => c.valueQuantity?.value)).toEqual([128, 82]);
    expect(bp.encounter?.reference).toBe('Encounter/e1');
  });

  it('combines a systolic and a diastolic reading taken together into one blood pressure panel', () => {
    const result = importFixture('resources/observation-blood-pressure-separate.json');
    const { chart } = result;
    expect(chart.vitals).toHaveLength(1);
    const panel = chart.vitals[0] as Observation;
    expect(panel.code.coding?.[0]?.code).toBe('85354-9');
    expect(panel.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.value])).toEqual([
      ['8480-6', 141],
      ['8462-4', 91],
    ]);
    expect(panel.derivedFrom).toEqual([{ reference: 'Observation/sys1' }, { reference: 'Observation/dia1' }]);
    expect(chart.unmapped?.map((r) => r.id)).toEqual(['sys1', 'dia1']);
    expect(result.summary.find((s) => s.section === 'vitals')?.detail).toMatch(/1 blood pressure panels combined/);
  });

  it('files a smoking status under social history', () => {
    const { chart } = importFixture('resources/observation-social-history.json');
    expect(chart.socialHistory.map((o) => o.id)).toEqual(['smk1']);
  });

  it('files a lab DiagnosticReport and its results, a result without a category counting as a lab', () => {
    const { chart } = importFixture('resources/diagnostic-report-laboratory.json');
    expect(chart.labReports.map((r) => r.id)).toEqual(['rep1']);
    expect(chart.labReports[0]?.result?.map((r) => r.reference)).toEqual(['Observation/glu1', 'Observation/cre1']);
    expect(chart.labs.map((o) => o.id)).toEqual(['glu1', 'cre1']);
    expect(chart.documents.some((d) => d.kind === 'lab-report' && d.text.includes('131'))).toBe(true);
  });

  it('files an Encounter with its practitioner, organization and reason', () => {
    const { chart } = importFixture('resources/encounter.json');
    expect(chart.encounters[0]).toMatchObject({
      subject: { reference: 'Patient/p1' },
      participant: [{ individual: { reference: 'Practitioner/dr1' } }],
      serviceProvider: { reference: 'Organization/org1' },
      reasonReference: [{ reference: 'Condition/c1' }],
    });
  });

  it('files a Procedure', () => {
    const { chart } = importFixture('resources/procedure.json');
    expect(chart.procedures[0]).toMatchObject({ id: 'pr1', code: { text: 'Appendectomy' } });
  });

  it('files Practitioners and Organizations the patient names', () => {
    const { chart } = importFixture('resources/practitioner.json');
    expect(chart.practitioners.map((p) => p.id)).toEqual(['dr1']);
    expect(chart.organizations.map((o) => o.id)).toEqual(['org1']);
    expect(chart.patient.generalPractitioner?.[0]?.reference).toBe('Practitioner/dr1');
    expect(chart.patient.managingOrganization?.reference).toBe('Organization/org1');
  });

  it('decodes a text/plain DocumentReference into a document without spans and keeps a PDF as metadata', () => {
    const result = importFixture('resources/document-reference.json');
    const { chart } = result;
    expect(chart.documentReferences?.map((d) => d.id)).toEqual(['doc1', 'doc2']);
    const theirs = chart.documents.filter((d) => d.imported);
    expect(theirs.map((d) => [d.id, d.kind])).toEqual([
      ['doc2', 'discharge-summary'],
      ['doc1', 'progress-note'],
    ]);
    const note = theirs.find((d) => d.id === 'doc1');
    expect(note?.text).toContain('Hypertension stable on lisinopril 10 mg daily.');
    expect(note?.text).toContain('— Dr. Mensah');
    expect(note).toMatchObject({ title: 'Clinic progress note', author: 'Practitioner/dr1', signed: { by: 'Practitioner/dr1' }, spans: [] });
    expect(theirs.find((d) => d.id === 'doc2')?.text).toMatch(/application\/pdf \(47\.1 kB\) at https:\/\/records\.example\.org/);
    // Ours are rendered too, with evidence spans.
    expect(chart.documents.filter((d) => !d.imported).every((d) => d.spans.length > 0)).toBe(true);
    expect(result.summary.find((s) => s.section === 'documents')?.detail).toMatch(/2 from the file/);
  });

  it('files a Coverage and its payer', () => {
    const { chart } = importFixture('resources/coverage.json');
    expect(chart.coverage[0]).toMatchObject({ beneficiary: { reference: 'Patient/p1' }, payor: [{ reference: 'Organization/payer1' }] });
    expect(chart.organizations.map((o) => o.name)).toEqual(['Prairie Health Plan']);
  });

  it('files a FamilyMemberHistory', () => {
    const { chart } = importFixture('resources/family-member-history.json');
    expect(chart.familyHistory[0]).toMatchObject({ id: 'fh1', patient: { reference: 'Patient/p1' } });
  });

  it('keeps unknown types and other observation categories aside, skips a modifier extension, and reports extensions', () => {
    const result = importFixture('resources/unmapped-and-extensions.json');
    expect(result.chart.unmapped?.map((r) => `${r.resourceType}/${r.id}`)).toEqual(['CarePlan/cp1', 'Observation/phq1']);
    expect(result.unmapped).toEqual([
      { resourceType: 'CarePlan', count: 1, reason: 'CarePlan is not a chart section' },
      { resourceType: 'Observation', count: 1, reason: expect.stringMatching(/category survey/) },
    ]);
    expect(result.skipped).toEqual([{ resourceType: 'Condition', id: 'c9', reason: expect.stringMatching(/modifier extension .*ruled-out/) }]);
    expect(result.chart.conditions.map((c) => c.id)).toEqual(['c2']);
    expect(result.extensions).toEqual([
      { url: 'https://chartlab.example/fhir/StructureDefinition/favourite-colour', count: 2 },
      { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', count: 1 },
    ]);
    // Extensions stay where they were.
    expect(result.chart.patient.extension).toHaveLength(2);
  });
});

describe('resolving each form of reference', () => {
  const shape = (path: string) => {
    const { chart } = importFixture(path);
    const p = chart.patient.id;
    const e = chart.encounters[0]?.id;
    expect(chart.encounters[0]?.subject?.reference).toBe(`Patient/${p}`);
    expect(chart.conditions[0]?.subject.reference).toBe(`Patient/${p}`);
    expect(chart.conditions[0]?.encounter?.reference).toBe(`Encounter/${e}`);
    expect(chart.vitals[0]?.subject?.reference).toBe(`Patient/${p}`);
    expect(chart.vitals[0]?.encounter?.reference).toBe(`Encounter/${e}`);
    return chart;
  };

  it('resolves relative references (Patient/p2)', () => {
    expect(shape('references/relative.json').patient.id).toBe('p2');
  });

  it('resolves absolute fullUrl references, versioned ones and relative ones against the entry base', () => {
    expect(shape('references/absolute-fullurl.json').patient.id).toBe('p2');
  });

  it('resolves urn:uuid references and takes ids from the fullUrls when resources have none', () => {
    const chart = shape('references/urn-uuid.json');
    expect(chart.patient.id).toBe('6d0a1e0e-2222-4c1e-9a3b-000000000001');
    expect(chart.encounters[0]?.id).toBe('6d0a1e0e-2222-4c1e-9a3b-000000000002');
  });

  it('takes the medication of a contained Medication (#id) and of a bundle Medication', () => {
    const result = importFixture('references/contained.json');
    const request = result.chart.medicationRequests?.[0] as MedicationRequest;
    expect(request.medicationCodeableConcept?.text).toBe('Albuterol HFA inhaler');
    expect(request.medicationReference).toBeUndefined();
    expect(request.contained).toBeUndefined();
    const names = result.chart.medications.map((m) => m.medicationCodeableConcept?.text).sort();
    expect(names).toEqual(['Albuterol HFA inhaler', 'Fluticasone 44 mcg inhaler']);
    expect(result.chart.unmapped?.map((r) => `${r.resourceType}/${r.id}`)).toEqual(['Medication/med2']);
  });

  it('resolves conditional references by identifier, as newer Synthea writes them', () => {
    const { chart } = importFixture('references/conditional.json');
    expect(chart.encounters[0]?.participant?.[0]?.individual?.reference).toBe('Practitioner/dr7');
    expect(chart.encounters[0]?.serviceProvider?.reference).toBe('Organization/org7');
  });

  it('keeps a reference to a practitioner who is not in the file as text, with a warning', () => {
    const result = importFixture('references/dangling-practitioner.json');
    expect(result.chart.encounters[0]?.participant?.[0]?.individual).toEqual({ display: 'Dr. Former Staff' });
    expect(result.warnings.join('\n')).toMatch(/1 reference pointed to nothing imported .*Encounter\/e8 participant\[0\]\.individual → Practitioner\/gone/);
  });
});

describe('bundle types', () => {
  it('imports a transaction bundle and skips an entry without a resource', () => {
    const result = importFixture('bundles/transaction.json');
    expect(result.chart.meta.source?.bundleType).toBe('transaction');
    expect(result.chart.patient.name?.[0]?.family).toBe('Brennan');
    expect(result.skipped).toEqual([{ resourceType: 'entry', reason: 'entry 5 has no resource (a DELETE Observation/old-a1c request)' }]);
    expect(count(result, 'labs')).toBe(1);
    expect(result.chart.medications[0]?.reasonReference?.[0]?.reference).toBe(`Condition/${result.chart.conditions[0]?.id}`);
  });

  it('imports a searchset, skipping the search outcome and a repeated include', () => {
    const result = importFixture('bundles/searchset.json');
    expect(result.chart.patient.id).toBe('pat-55');
    expect(result.skipped.map((s) => [s.resourceType, s.reason])).toEqual([
      ['OperationOutcome', 'a search outcome message, not part of the record'],
      ['Patient', 'a second entry with the same type and id (the first is kept)'],
    ]);
    expect(result.chart.conditions[0]?.subject.reference).toBe('Patient/pat-55');
    expect(result.chart.vitals).toHaveLength(1);
  });

  it('imports a document bundle, keeping the Composition aside and dating the chart by the bundle', () => {
    const result = importFixture('bundles/document.json');
    expect(result.chart.unmapped?.map((r) => r.resourceType)).toEqual(['Composition']);
    expect(result.chart.allergies[0]?.recorder?.reference).toBe('Practitioner/ps-dr');
    expect(result.chart.meta.refDate).toBe('2024-06-01');
  });

  it('imports the first of several patients and lists the others and their resources as skipped', () => {
    const result = importFixture('bundles/multi-patient.json');
    expect(result.chart.patient.id).toBe('first');
    expect(result.chart.conditions.map((c) => c.id)).toEqual(['c-first']);
    expect(result.skipped).toEqual([
      { resourceType: 'Patient', id: 'second', reason: expect.stringMatching(/another patient \(this import takes Patient\/first/) },
      { resourceType: 'Condition', id: 'c-second', reason: 'belongs to Patient/second, not Patient/first' },
      { resourceType: 'Immunization', id: 'i-second', reason: 'belongs to Patient/second, not Patient/first' },
    ]);
  });

  it('imports another patient of the bundle when asked by id', () => {
    const result = importFixture('bundles/multi-patient.json', { patientId: 'second' });
    expect(result.chart.patient.id).toBe('second');
    expect(result.chart.immunizations.map((i) => i.id)).toEqual(['i-second']);
    const error = expectKind(importError(() => importFixture('bundles/multi-patient.json', { patientId: 'nobody' })), 'no-patient');
    expect(error.message).toBe('There is no Patient "nobody" in this file. It holds Patient/first, Patient/second.');
  });
});

describe('refusing bad input with a typed error', () => {
  const cases: [file: string, kind: string, message: RegExp][] = [
    ['bad/empty.json', 'empty', /^The file is empty\.$/],
    ['bad/not-json.json', 'not-json', /^This file is not JSON, so it cannot be FHIR: .*\(line 5, column 60\)\.$/],
    ['bad/not-fhir.json', 'not-fhir', /^This is JSON but not FHIR: it has no resourceType\. .*this one has patient, allergies\.$/],
    ['bad/stu3-condition.json', 'wrong-version', /^This looks like FHIR STU3 \(3\.0\), not FHIR R4: Condition\/s3c clinicalStatus is a plain code \(R4: a CodeableConcept\)/],
    ['bad/stu3-allergy.json', 'wrong-version', /^This looks like FHIR STU3 .*AllergyIntolerance\/s3a verificationStatus is a plain code/],
    ['bad/stu3-observation-context.json', 'wrong-version', /^This looks like FHIR STU3 .*Observation\/s3o has context \(R4: encounter\)/],
    ['bad/dstu2-medication-order.json', 'wrong-version', /^This looks like FHIR DSTU2 \(1\.0\), not FHIR R4: .*MedicationOrder is not an R4 resource type \(R4: MedicationRequest\)/],
    ['bad/impossible-date.json', 'invalid-value', /Condition\/bd-c onsetDateTime "2021-02-30" is not a calendar date \(2021-02 has 28 days\)\. Nothing was imported/],
    ['bad/bad-gender.json', 'invalid-value', /Patient\/bg gender "unknown-x" is not allowed \(R4 allows male, female, other, unknown\)/],
    ['bad/bad-observation-status.json', 'invalid-value', /Observation\/bs-o status "done" is not allowed \(R4 allows registered, preliminary, final/],
    ['bad/missing-required.json', 'invalid-value', /Immunization\/mr-i occurrence\[x\] is missing \(R4 requires it\)/],
    ['bad/dangling-patient.json', 'dangling-reference', /AllergyIntolerance\/dp-a patient "Patient\/nobody-here" points to nothing in the file\. Nothing was imported\./],
    ['bad/no-patient.json', 'no-patient', /^There is no Patient in this file \(it holds 1 Organization, 1 Practitioner\)/],
    ['bad/history-bundle.json', 'unsupported-bundle', /^This Bundle is of type "history": a history bundle lists versions of resources/],
  ];
  for (const [file, kind, message] of cases) {
    it(`refuses ${file} as ${kind}`, () => {
      const error = importError(() => importFixture(file));
      expect(error.kind).toBe(kind);
      expect(error.message).toMatch(message);
    });
  }

  it('refuses JSON that is an array or a primitive as not FHIR', () => {
    expect(importError(() => fromBundleText('[{"resourceType":"Patient"}]')).message).toMatch(/the file holds a JSON array/);
    expect(importError(() => fromBundle(42)).kind).toBe('not-fhir');
    expect(importError(() => fromBundle(null)).message).toMatch(/holds null/);
  });

  it('lists every finding in the details, the message naming the first three', () => {
    const bundle = JSON.parse(fixtureText('bad/bad-observation-status.json'));
    const patient = bundle.entry[0].resource;
    patient.gender = 'x';
    patient.birthDate = '1982-13-01';
    bundle.entry[1].resource.effectiveDateTime = '2024-01-05T09:00:00';
    bundle.entry[1].resource.valueQuantity.comparator = '~';
    const error = expectKind(importError(() => fromBundle(bundle)), 'invalid-value');
    expect(error.message).toMatch(/^5 values in this file are not allowed by FHIR R4: .*; and 2 more\./);
    expect(error.details).toEqual([
      'Patient/bs gender "x" is not allowed (R4 allows male, female, other, unknown)',
      'Patient/bs birthDate "1982-13-01" is not a valid FHIR date',
      'Observation/bs-o status "done" is not allowed (R4 allows registered, preliminary, final, amended, corrected, cancelled, entered-in-error, unknown)',
      'Observation/bs-o effectiveDateTime "2024-01-05T09:00:00" is not a valid FHIR dateTime (a time needs a time zone, such as Z or -05:00)',
      'Observation/bs-o valueQuantity.comparator "~" is not allowed (R4 allows <, <=, >=, >)',
    ]);
  });

  it('checks required CodeableConcept bindings by code system', () => {
    const bundle = JSON.parse(fixtureText('resources/allergy-intolerance.json'));
    bundle.entry[1].resource.clinicalStatus.coding[0].code = 'current';
    const error = expectKind(importError(() => fromBundle(bundle)), 'invalid-value');
    expect(error.message).toMatch(/AllergyIntolerance\/a1 clinicalStatus code "current" is not allowed \(R4 allows active, inactive, resolved\)/);
  });

  it('refuses a text over 50 MB before parsing it', () => {
    const huge = 'x'.repeat(50 * 1024 * 1024 + 1);
    const started = performance.now();
    const error = expectKind(importError(() => fromBundleText(huge)), 'too-large');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.message).toBe('The file is 50.0 MB; ChartLab imports files up to 50.0 MB. Export one patient per file and import that.');
  });

  it('does not change the object it imports', () => {
    const bundle = JSON.parse(fixtureText('references/contained.json'));
    const before = structuredClone(bundle);
    fromBundle(bundle);
    expect(bundle).toEqual(before);
  });
});

describe('export of imported charts', () => {
  for (const file of GOOD_FIXTURES) {
    it(`exports ${file} as a bundle valid against the R4 JSON schema, and re-imports the same mapped resources`, () => {
      const first = importFixture(file);
      const bundle = toBundle(first.chart);
      expect(schemaErrors(bundle)).toEqual([]);
      const second = fromBundle(JSON.parse(JSON.stringify(bundle)));
      expect(mappedResources(second.chart)).toEqual(mappedResources(first.chart));
      expect(second.chart.documents.map((d) => d.text)).toEqual(first.chart.documents.map((d) => d.text));
    });
  }

  it('imports the same text to the same chart every time', () => {
    const text = fixtureText('resources/encounter.json');
    expect(fromBundleText(text)).toEqual(fromBundleText(text));
  });

  it('reports progress through checking, mapping and documents', () => {
    const phases: string[] = [];
    importFixture('resources/encounter.json', { onProgress: (p) => phases.push(`${p.phase} ${p.done}/${p.total}`), progressEvery: 2 });
    expect(phases).toEqual([
      'parsing 0/1',
      'checking 0/5',
      'checking 2/5',
      'checking 4/5',
      'checking 5/5',
      'mapping 0/5',
      'mapping 2/5',
      'mapping 4/5',
      'mapping 5/5',
      'documents 0/1',
      'documents 1/1',
    ]);
  });
});
