import type { AllergyIntolerance, Bundle, Observation, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { cohortSeeds, generateChart } from '@/domain/chart/generate-chart';
import { toBundle, utf8ToBase64 } from '@/domain/fhir/to-bundle';
import { schemaErrors, structureErrors } from '../../helpers/fhir-validator';

const REF_DATE = '2026-06-30';

function bundleFor(seed: number, extra: { admission?: boolean } = {}): Bundle {
  return toBundle(generateChart({ seed, refDate: REF_DATE, ...extra }));
}

describe('FHIR R4 export', () => {
  it('validates a cohort of 40 bundles against the official R4 JSON schema', () => {
    for (const seed of cohortSeeds(2026, 40)) {
      const bundle = bundleFor(seed);
      expect(schemaErrors(bundle), `seed ${seed}`).toEqual([]);
    }
  });

  it('validates every resource of 15 charts against the R4 StructureDefinitions, invariants included', () => {
    for (const seed of cohortSeeds(7, 15)) {
      const bundle = bundleFor(seed, { admission: seed % 2 === 0 });
      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource as Resource;
        expect(structureErrors(resource), `${resource.resourceType}/${resource.id} of seed ${seed}`).toEqual([]);
      }
      expect(structureErrors(bundle), `bundle of seed ${seed}`).toEqual([]);
    }
  });

  it('catches a broken invariant, so the structure check is not vacuous', () => {
    const bundle = bundleFor(3);
    const lab = bundle.entry?.map((e) => e.resource).find((r): r is Observation => r?.resourceType === 'Observation' && r.category?.[0]?.coding?.[0]?.code === 'laboratory');
    expect(lab).toBeDefined();
    // obs-3: a reference range must have at least a low or a high or text.
    const broken: Observation = { ...(lab as Observation), referenceRange: [{ type: { text: 'normal' } }] };
    expect(structureErrors(broken).join('\n')).toMatch(/obs-3|low or a high or text/i);
    const allergy = bundle.entry?.map((e) => e.resource).find((r): r is AllergyIntolerance => r?.resourceType === 'AllergyIntolerance');
    // ait-1: clinicalStatus SHALL be present if verificationStatus is not entered-in-error.
    const { clinicalStatus: _dropped, ...withoutStatus } = allergy as AllergyIntolerance;
    expect(structureErrors(withoutStatus as AllergyIntolerance).join('\n')).toMatch(/ait-1|clinicalStatus SHALL be present/i);
    // The JSON schema on its own catches a wrong type.
    expect(schemaErrors({ ...(lab as Observation), status: 42 } as unknown as Observation).length).toBeGreaterThan(0);
  });

  it('gives every entry a urn:uuid fullUrl and resolves every reference inside the bundle', () => {
    const bundle = bundleFor(11, { admission: true });
    const fullUrls = new Set(bundle.entry?.map((e) => e.fullUrl));
    expect(bundle.entry?.every((e) => /^urn:uuid:[0-9a-f-]{36}$/.test(e.fullUrl ?? ''))).toBe(true);
    const references: string[] = [];
    JSON.stringify(bundle, (key, value) => {
      if (key === 'reference' && typeof value === 'string') references.push(value);
      return value;
    });
    expect(references.length).toBeGreaterThan(50);
    expect(references.filter((r) => !fullUrls.has(r))).toEqual([]);
  });

  it('includes the resource types a chart is made of', () => {
    const bundle = bundleFor(11, { admission: true });
    const types = new Set(bundle.entry?.map((e) => e.resource?.resourceType));
    for (const type of ['Patient', 'AllergyIntolerance', 'Condition', 'MedicationStatement', 'Immunization', 'Observation', 'Encounter', 'Practitioner', 'Organization', 'DiagnosticReport', 'DocumentReference']) {
      expect(types, type).toContain(type);
    }
  });

  it('encodes document text as base64 of its UTF-8 bytes, as Node does', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'Temp 37.2 °C — “NKDA”', 'x'.repeat(1000)]) {
      expect(utf8ToBase64(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    }
  });
});
