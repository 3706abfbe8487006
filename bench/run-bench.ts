/**
 * `npm run bench`: prints ChartLab's performance figures. It measures; it asserts nothing, so a
 * slow machine gives slow numbers rather than a red build. Targets are printed beside figures.
 */
import { benchGeneration } from './generation-bench';
import { benchFirstRender } from './browser-bench';
import { benchImport } from './import-bench';
import { benchPersistence } from './persistence-bench';

interface Figure {
  name: string;
  value: string;
  target?: string;
}

async function main() {
  const figures: Figure[] = [];
  const only = process.argv.slice(2);
  const want = (section: string) => only.length === 0 || only.includes(section);
  if (want('generation')) figures.push(...(await benchGeneration()));
  if (want('browser')) figures.push(...(await benchFirstRender()));
  if (want('import')) figures.push(...(await benchImport()));
  if (want('persistence')) figures.push(...(await benchPersistence()));
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log('\nChartLab benchmark');
  for (const f of figures) console.log(`  ${f.name.padEnd(width)}  ${f.value}${f.target ? `   (target ${f.target})` : ''}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

export type { Figure };
