import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildExercise, scoreAnswers, SubmissionMismatchError } from '@/domain/exercise/build-exercise';
import { submissionSchema } from '@/domain/scoring/submission-schema';
import { parseInteger, UsageError, type CliIo } from '../cli-io';
import { findScenario, loadScenarioInputs } from '../scenario-files';

export const SCORE_HELP = `chartlab score --scenario <id> [--seed <int>] --submission <file>
  Scores a submission against the scenario's answer key and prints a JSON report: score (0 to 1),
  passed, earned, possible, sections, metrics (validation and MPI tasks) and items, one per scored
  field with expected, entered, verdict, note, whyItMatters and evidence spans. The seed defaults
  to the submission's seed, then the scenario's.
`;

export function runScore(argv: string[], io: CliIo): number {
  const { values } = parseArgs({
    args: argv,
    options: { scenario: { type: 'string' }, seed: { type: 'string' }, submission: { type: 'string' } },
    strict: true,
  });
  if (!values.scenario) throw new UsageError('--scenario <id> is required');
  if (!values.submission) throw new UsageError('--submission <file> is required');
  const scenario = findScenario(values.scenario);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(values.submission, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(error as Error).message})`;
    throw new UsageError(`cannot read submission ${values.submission}: ${reason}`, 1);
  }
  const parsed = submissionSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(top level)'}: ${i.message}`).join('\n');
    throw new UsageError(`${values.submission} is not a ChartLab submission:\n${problems}`, 1);
  }
  const submission = parsed.data;
  if (submission.scenarioId !== scenario.id) {
    throw new UsageError(`the submission is for scenario "${submission.scenarioId}", not "${scenario.id}"`, 1);
  }
  const seed = parseInteger('seed', values.seed, { min: 0, max: 4294967295, fallback: submission.seed });
  try {
    const report = scoreAnswers(buildExercise(scenario, seed, loadScenarioInputs(scenario)), submission.answers);
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    if (error instanceof SubmissionMismatchError) throw new UsageError(error.message, 1);
    throw error;
  }
  return 0;
}
