import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildLargeBundle } from './large-bundle';
import type { Figure } from './run-bench';

type ImportModule = typeof import('./import-entry');

/** The Synthea patient the large bundle is grown from (see /work/shared/README.md). */
const SYNTHEA = resolve('../shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json');

const TARGET_BYTES = 5 * 1024 * 1024;

/** Compiled by Vite as the app ships it (an SSR build of bench/import-entry.ts), like the generation bench. */
async function loadCompiled(): Promise<ImportModule> {
  const outDir = resolve('.tmp/bench-import-build');
  execFileSync('npx', ['vite', 'build', '--ssr', 'bench/import-entry.ts', '--outDir', outDir, '--logLevel', 'error'], { stdio: 'inherit' });
  return (await import(pathToFileURL(resolve(outDir, 'import-entry.js')).href)) as ImportModule;
}

/**
 * FHIR import of a ~5 MB bundle (a Synthea patient grown to thousands of observations): best of
 * five runs on one core, split into phases, and the export of the imported chart. In the app the
 * same work runs in a Web Worker, so the page stays responsive however long it takes.
 */
export async function benchImport(): Promise<Figure[]> {
  const importer = await loadCompiled();
  const large = buildLargeBundle(readFileSync(SYNTHEA, 'utf8'), TARGET_BYTES);
  importer.timeImport(large.text);
  const runs = Array.from({ length: 5 }, () => importer.timeImport(large.text));
  const best = runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  const mb = (large.text.length / (1024 * 1024)).toFixed(1);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  return [
    {
      name: `import a ${mb} MB Synthea-based bundle (${large.resources.toLocaleString('en-US')} resources, ${large.observations.toLocaleString('en-US')} observations), best of 5`,
      value: ms(best.totalMs),
      target: '< 1000 ms',
    },
    {
      name: 'import phases: JSON.parse / checks / mapping / documents',
      value: `${ms(best.phases.parsing)} / ${ms(best.phases.checking)} / ${ms(best.phases.mapping)} / ${ms(best.phases.documents)}`,
    },
    { name: 'resources imported per second', value: `${Math.round(best.resources / (best.totalMs / 1000)).toLocaleString('en-US')}/s` },
    { name: 'export the imported chart (toBundle + JSON)', value: ms(best.exportMs) },
  ];
}
