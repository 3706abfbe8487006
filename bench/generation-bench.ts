import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Figure } from './run-bench';

interface GenerationModule {
  timeCharts(count: number): number;
  meanResources(count: number): number;
  timeBundles(count: number): number;
  timeScoring(count: number, scenarioText: string): number;
}

/**
 * The generator is measured as the browser runs it: compiled by Vite (an SSR build of
 * bench/generation-entry.ts), not through tsx's on-the-fly transform, which adds overhead.
 */
async function loadCompiled(): Promise<GenerationModule> {
  const outDir = resolve('.tmp/bench-build');
  execFileSync('npx', ['vite', 'build', '--ssr', 'bench/generation-entry.ts', '--outDir', outDir, '--logLevel', 'error'], { stdio: 'inherit' });
  return (await import(pathToFileURL(resolve(outDir, 'generation-entry.js')).href)) as GenerationModule;
}

/** Charts per second on one core (Node runs the generator on one thread), best of five runs of 1,000. */
export async function benchGeneration(): Promise<Figure[]> {
  const gen = await loadCompiled();
  gen.timeCharts(300);
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) runs.push(gen.timeCharts(1000));
  const best = Math.min(...runs);
  const sorted = [...runs].sort((a, b) => a - b);
  const bundleMs = gen.timeBundles(200) / 200;
  const scenarioText = readFileSync(resolve('scenarios/full-chart-abstraction.json'), 'utf8');
  gen.timeScoring(200, scenarioText);
  const scoring = Math.min(gen.timeScoring(1000, scenarioText), gen.timeScoring(1000, scenarioText), gen.timeScoring(1000, scenarioText));
  return [
    { name: 'generate 1,000 full charts with documents (best of 5)', value: `${best.toFixed(0)} ms`, target: '< 1000 ms' },
    { name: 'charts per second (Node, one core)', value: `${Math.round(1000 / (best / 1000))} charts/s (median run ${(sorted[2] as number).toFixed(0)} ms)` },
    { name: 'mean FHIR resources per chart', value: `${Math.round(gen.meanResources(100))}` },
    { name: 'generate + FHIR bundle JSON, per chart', value: `${bundleMs.toFixed(2)} ms` },
    { name: 'score 1,000 submissions (full-chart recording, best of 3)', value: `${scoring.toFixed(0)} ms`, target: '< 200 ms' },
  ];
}
