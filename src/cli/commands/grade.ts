import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readAssignment, type AssignmentFile } from '@/domain/instructor/assignment';
import { gradebookCsv, scorePercent } from '@/domain/instructor/csv';
import { gradeResults, type AssignmentGradebook, type FileVerdict, type Gradebook, type GradeInputFile } from '@/domain/instructor/grade';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { DEFAULT_HASHING } from '@/lms/hashing';
import { UsageError, type CliIo } from '../cli-io';
import { loadScenarioDir, loadScenarioInputs } from '../scenario-files';

export const GRADE_HELP = `chartlab grade <result files…> [--csv <out.csv>] [--assignment <file>] [--full]
  Re-scores learners' result files (chartlab.result, exported from an assignment) against their
  scenarios: shipped ones from scenarios/ by id, authored ones from the scenario JSON the
  assignment carries. Prints the gradebook as JSON on stdout: per assignment, the items and one
  row per learner with each item's re-scored score, the total and pass/fail, plus every file's
  status. With --csv, also writes one row per learner (item columns, total, pass) for a
  spreadsheet or an LMS gradebook import; several assignments give <out>.<assignment id>.csv each.
  --assignment names the instructor's own assignment file: results made for a changed copy of it
  are flagged. --full adds each item's answers and full score report to the JSON.
  Tampered files (integrity hash mismatch, or a stored score that differs from re-scoring),
  duplicates and older exports of the same learner are reported on stderr and left out of the
  totals. The exit code is 1 only when an input could not be read as a result file.
`;

function readInputs(paths: readonly string[]): { inputs: GradeInputFile[]; failures: FileVerdict[] } {
  const inputs: GradeInputFile[] = [];
  const failures: FileVerdict[] = [];
  for (const path of paths) {
    try {
      inputs.push({ name: path, content: readFileSync(path, 'utf8') });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push({ fileName: path, status: 'unreadable', message: code === 'ENOENT' ? 'No such file.' : `Cannot be read: ${(error as Error).message}` });
    }
  }
  return { inputs, failures };
}

function summarize(book: AssignmentGradebook, full: boolean) {
  return {
    assignment: {
      id: book.assignment.id,
      title: book.assignment.title,
      ...(book.assignment.course ? { course: book.assignment.course } : {}),
      dueDate: book.assignment.dueDate,
      passMark: book.assignment.passMark,
      attemptsAllowed: book.assignment.attemptsAllowed,
      checksum: book.assignment.checksum,
    },
    items: book.columns.map((c) => ({ index: c.index, scenarioId: c.scenarioId, title: c.title, seed: c.seed, kind: c.kind })),
    rows: book.rows.map((row) => ({
      learner: row.learner,
      file: row.fileName,
      exportedAt: row.exportedAt,
      items: row.items.map((item) =>
        item
          ? {
              score: item.score,
              percent: scorePercent(item.score),
              passed: item.passed,
              earned: item.earned,
              possible: item.possible,
              elapsedMs: item.elapsedMs,
              attemptNumber: item.attemptNumber,
              attemptsUsed: item.attemptsUsed,
              finishedAt: item.finishedAt,
              ...(full ? { answers: item.answers, report: item.report } : {}),
            }
          : null,
      ),
      total: row.total,
      totalPercent: scorePercent(row.total),
      passed: row.passed,
      elapsedMs: row.elapsedMs,
    })),
  };
}

function csvPath(out: string, book: AssignmentGradebook, many: boolean): string {
  if (!many) return out;
  const ext = extname(out) || '.csv';
  return join(dirname(out), `${basename(out, extname(out))}.${book.assignment.id}${ext}`);
}

export async function runGrade(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { csv: { type: 'string' }, assignment: { type: 'string' }, full: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('name at least one result file');

  const known: AssignmentFile[] = [];
  if (values.assignment) {
    let text: string;
    try {
      text = readFileSync(values.assignment, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read the assignment ${values.assignment}: ${(error as Error).message}`, 1);
    }
    try {
      known.push(await readAssignment(text, DEFAULT_HASHING));
    } catch (error) {
      throw new UsageError(`${values.assignment}: ${(error as Error).message}`, 1);
    }
  }

  const shipped = new Map<string, Scenario>();
  for (const result of loadScenarioDir()) if (result.ok) shipped.set(result.scenario.id, result.scenario);

  const { inputs, failures } = readInputs(positionals);
  const graded: Gradebook = await gradeResults(inputs, {
    hashing: DEFAULT_HASHING,
    lookupScenario: (id) => shipped.get(id),
    inputsFor: (scenario) => loadScenarioInputs(scenario),
    knownAssignments: known,
  });
  const book: Gradebook = { ...graded, files: [...failures, ...graded.files] };

  for (const file of book.files) {
    if (file.status !== 'counted') io.err(`chartlab grade: ${file.status}: ${file.fileName}: ${file.message}\n`);
  }
  const counted = book.files.filter((f) => f.status === 'counted').length;
  io.err(`chartlab grade: ${counted} of ${book.files.length} file${book.files.length === 1 ? '' : 's'} counted.\n`);

  if (values.csv) {
    const many = book.assignments.length > 1;
    for (const assignment of book.assignments) {
      const path = csvPath(values.csv, assignment, many);
      writeFileSync(path, gradebookCsv(assignment));
      io.err(`chartlab grade: wrote ${path}\n`);
    }
  }

  io.out(
    `${JSON.stringify(
      {
        assignments: book.assignments.map((a) => summarize(a, values.full === true)),
        files: book.files,
      },
      null,
      2,
    )}\n`,
  );
  return book.files.some((f) => f.status === 'unreadable') ? 1 : 0;
}
