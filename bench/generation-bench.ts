import { DEFAULT_REF_DATE } from '@/domain/chart/chart-types';
import { cohortSeeds, generateChart } from '@/domain/chart/generate-chart';
import { toBundle } from '@/domain/fhir/to-bundle';
import type { Figure } from './run-bench';

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Charts per second on one core (Node is single-threaded here), best of three runs of 1,000. */
export function benchGeneration(): Figure[] {
  const seeds = cohortSeeds(20261123, 1000);
  for (const seed of seeds.slice(0, 200)) generateChart({ seed, refDate: DEFAULT_REF_DATE });
  const runs: number[] = [];
  let resources = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    for (const seed of seeds) {
      const chart = generateChart({ seed, refDate: DEFAULT_REF_DATE });
      if (run === 0) resources += chart.labs.length + chart.vitals.length + chart.encounters.length + chart.documents.length;
    }
    runs.push(performance.now() - start);
  }
  const best = Math.min(...runs);
  const bundleStart = performance.now();
  for (const seed of seeds.slice(0, 200)) JSON.stringify(toBundle(generateChart({ seed, refDate: DEFAULT_REF_DATE })));
  const bundleMs = (performance.now() - bundleStart) / 200;
  return [
    { name: 'generate 1,000 full charts (best of 3)', value: `${best.toFixed(0)} ms`, target: '< 1000 ms' },
    { name: 'charts per second (Node, one core)', value: `${Math.round(1000 / (best / 1000))} charts/s (median run ${median(runs).toFixed(0)} ms)` },
    { name: 'mean resources per chart', value: `${Math.round(resources / 1000)}` },
    { name: 'generate + FHIR bundle JSON, per chart', value: `${bundleMs.toFixed(2)} ms` },
  ];
}
