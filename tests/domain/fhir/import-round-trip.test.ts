import { describe, expect, it } from 'vitest';
import { cohortSeeds, generateChart } from '@/domain/chart/generate-chart';
import { fromBundle } from '@/domain/fhir/from-bundle';
import { toBundle } from '@/domain/fhir/to-bundle';
import { schemaErrors } from '../../helpers/fhir-validator';
import { mappedResources } from './import-helpers';

const REF_DATE = '2026-06-30';

describe('generated cohort: generateChart → toBundle → fromBundle', () => {
  const charts = cohortSeeds(20260630, 20).map((seed, i) => generateChart({ seed, refDate: REF_DATE, admission: i % 4 === 0 }));

  it('gives back every mapped resource of 20 charts unchanged', () => {
    for (const chart of charts) {
      const result = fromBundle(JSON.parse(JSON.stringify(toBundle(chart))));
      expect(mappedResources(result.chart), `seed ${chart.meta.seed}`).toEqual(mappedResources(chart));
      expect(result.warnings, `seed ${chart.meta.seed}`).toEqual([]);
      expect(result.chart.unmapped).toBeUndefined();
    }
  });

  it('keeps the seed and reference date, so the rendered documents come back word for word with their spans', () => {
    for (const chart of charts) {
      const { chart: imported, skipped } = fromBundle(JSON.parse(JSON.stringify(toBundle(chart))));
      expect(imported.meta).toMatchObject({ seed: chart.meta.seed, refDate: chart.meta.refDate, generatorVersion: chart.meta.generatorVersion });
      expect(imported.documents).toEqual(chart.documents);
      // The exported renderings are recognised and replaced, never kept as a second copy.
      expect(skipped.every((s) => s.resourceType === 'DocumentReference' && /rendered by ChartLab/.test(s.reason))).toBe(true);
      expect(skipped).toHaveLength(chart.documents.length);
    }
  });

  it('exports every imported chart as a bundle valid against the official R4 JSON schema', () => {
    for (const chart of charts) {
      const imported = fromBundle(JSON.parse(JSON.stringify(toBundle(chart)))).chart;
      const again = toBundle(imported);
      expect(schemaErrors(again), `seed ${chart.meta.seed}`).toEqual([]);
      expect(again).toEqual(toBundle(chart));
    }
  });
});
