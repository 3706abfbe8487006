import { DEFAULT_REF_DATE } from '@/domain/chart/chart-types';
import { cohortSeeds, generateChart } from '@/domain/chart/generate-chart';
import { chartResources, toBundle } from '@/domain/fhir/to-bundle';

const seeds = cohortSeeds(20261123, 1000);
const chartAt = (i: number) => generateChart({ seed: seeds[i % seeds.length] as number, refDate: DEFAULT_REF_DATE });

/** Milliseconds to generate `count` full charts (FHIR resources and rendered documents). */
export function timeCharts(count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) chartAt(i);
  return performance.now() - start;
}

/** Mean number of FHIR resources (documents included) in a chart, over `count` charts. */
export function meanResources(count: number): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += chartResources(chartAt(i)).length;
  return total / count;
}

/** Milliseconds to generate `count` charts and serialise each as a FHIR R4 Bundle. */
export function timeBundles(count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) JSON.stringify(toBundle(chartAt(i)));
  return performance.now() - start;
}
