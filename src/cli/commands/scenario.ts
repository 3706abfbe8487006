import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExercise, keySubmission } from '@/domain/exercise/build-exercise';
import { formatLoadErrors, loadScenario } from '@/domain/scenario/load-scenario';
import { SKILL_DOMAIN_LABELS } from '@/domain/scenario/scenario-schema';
import { parseInteger, UsageError, type CliIo } from '../cli-io';
import { findScenario, loadScenarioDir, loadScenarioInputs } from '../scenario-files';

export const SCENARIO_HELP = `chartlab scenario list
  Prints a JSON array of the scenarios in scenarios/: id, title, domain, domainLabel, difficulty, kind,
  summary, passingScore, timeLimitMinutes. Invalid files are reported on stderr and skipped.

chartlab scenario validate <file>
  Exits 0 for a valid scenario file; otherwise prints what is wrong (file, field, expected) and exits 1.

chartlab scenario key <id> [--seed <int>]
  Prints the answer key of the scenario (for the seed, default the scenario's own) as a complete
  submission, in the format the app exports.
`;

export function runScenario(argv: string[], io: CliIo): number {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'list':
      return list(io);
    case 'validate':
      return validate(rest, io);
    case 'key':
      return key(rest, io);
    default:
      throw new UsageError(sub ? `unknown subcommand "${sub}" (list, validate or key)` : 'a subcommand is required: list, validate or key');
  }
}

function list(io: CliIo): number {
  const results = loadScenarioDir();
  const rows = [];
  for (const result of results) {
    if (!result.ok) {
      io.err(`${formatLoadErrors(result)}\n`);
      continue;
    }
    const s = result.scenario;
    rows.push({
      id: s.id,
      title: s.title,
      domain: s.domain,
      domainLabel: SKILL_DOMAIN_LABELS[s.domain],
      difficulty: s.difficulty,
      kind: s.task.kind,
      summary: s.summary,
      passingScore: s.passingScore,
      timeLimitMinutes: s.timeLimitMinutes ?? null,
    });
  }
  io.out(`${JSON.stringify(rows, null, 2)}\n`);
  return 0;
}

function validate(argv: string[], io: CliIo): number {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('validate takes exactly one file');
  const file = positionals[0] as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, 1);
  }
  const result = loadScenario(file, text);
  if (!result.ok) {
    io.err(`${formatLoadErrors(result)}\n`);
    return 1;
  }
  try {
    // A scenario can be well-formed and still impossible (no patient fits its constraints, or its bundle does not import).
    buildExercise(result.scenario, undefined, loadScenarioInputs(result.scenario, dirname(file)));
  } catch (error) {
    io.err(`${file}: invalid scenario\n  - patients: ${(error as Error).message}\n`);
    return 1;
  }
  io.out(`${file}: valid scenario "${result.scenario.id}" (${result.scenario.task.kind}, ${result.scenario.difficulty})\n`);
  return 0;
}

function key(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { seed: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('key takes one scenario id');
  const scenario = findScenario(positionals[0] as string);
  const seed = parseInteger('seed', values.seed, { min: 0, max: 4294967295, fallback: scenario.patients.seed });
  io.out(`${JSON.stringify(keySubmission(buildExercise(scenario, seed, loadScenarioInputs(scenario))), null, 2)}\n`);
  return 0;
}
