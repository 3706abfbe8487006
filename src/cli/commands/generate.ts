import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_REF_DATE } from '@/domain/chart/chart-types';
import { cohortSeeds, generateChart } from '@/domain/chart/generate-chart';
import { toBundle } from '@/domain/fhir/to-bundle';
import { parseDate, parseInteger, progressBar, UsageError, type CliIo } from '../cli-io';

export const GENERATE_HELP = `chartlab generate --seed <int> --count <n> --out <dir> [--ref-date YYYY-MM-DD]

  Writes one FHIR R4 Bundle (type collection) per patient as <dir>/<patient-id>.json.
  The same arguments write the same bytes on any machine.

  --seed <int>         master seed, 0 to 4294967295; patient 1 is the chart the app shows for this seed
  --count <n>          number of patients, 1 to 100000
  --out <dir>          output directory (created if missing)
  --ref-date <date>    the charts' "today" (default ${DEFAULT_REF_DATE})
`;

export function runGenerate(argv: string[], io: CliIo): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      count: { type: 'string' },
      out: { type: 'string' },
      'ref-date': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const seed = parseInteger('seed', values.seed, { min: 0, max: 4294967295 });
  const count = parseInteger('count', values.count, { min: 1, max: 100000 });
  if (!values.out) throw new UsageError('--out <dir> is required');
  const refDate = parseDate('ref-date', values['ref-date'], DEFAULT_REF_DATE);
  try {
    mkdirSync(values.out, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create output directory "${values.out}": ${(error as Error).message}`);
  }
  const bar = progressBar(io, count, 'Generating');
  cohortSeeds(seed, count).forEach((patientSeed, i) => {
    const chart = generateChart({ seed: patientSeed, refDate });
    writeFileSync(join(values.out as string, `${chart.id}.json`), `${JSON.stringify(toBundle(chart), null, 2)}\n`);
    bar.tick(i + 1);
  });
  bar.finish();
  io.err(`Wrote ${count} FHIR R4 bundle${count === 1 ? '' : 's'} to ${values.out}\n`);
  return 0;
}
