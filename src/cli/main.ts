import { processIo, UsageError, type CliIo } from './cli-io';
import { GENERATE_HELP, runGenerate } from './commands/generate';
import { GRADE_HELP, runGrade } from './commands/grade';
import { IMPORT_HELP, runImport } from './commands/import';
import { QUIZ_HELP, runQuiz } from './commands/quiz';
import { runScenario, SCENARIO_HELP } from './commands/scenario';
import { runScore, SCORE_HELP } from './commands/score';

interface Command {
  summary: string;
  help: string;
  run: (argv: string[], io: CliIo) => number | Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  generate: { summary: 'generate synthetic patients as FHIR R4 bundles', help: GENERATE_HELP, run: runGenerate },
  import: { summary: 'import a FHIR R4 bundle (e.g. from Synthea) as a chart', help: IMPORT_HELP, run: runImport },
  scenario: { summary: 'list, validate, or print the answer key of scenarios', help: SCENARIO_HELP, run: runScenario },
  score: { summary: 'score a submission against a scenario', help: SCORE_HELP, run: runScore },
  grade: { summary: 're-score learners\' result files into a gradebook (JSON, or CSV with --csv)', help: GRADE_HELP, run: runGrade },
  quiz: { summary: 'print a seeded drill quiz (questions, answers, explanations) as JSON', help: QUIZ_HELP, run: runQuiz },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(22)}${c.summary}`);
  return `ChartLab: synthetic patient charts for health information technician training.

Usage: chartlab <command> [options]

Commands:
${lines.join('\n')}

Run "chartlab <command> --help" for a command's options.

${Object.values(COMMANDS)
  .map((c) => c.help)
  .join('\n')}`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`chartlab: unknown command "${name}". Run "chartlab --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`chartlab ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // node:util parseArgs reports unknown or malformed options with these codes.
    const code = (error as { code?: string }).code;
    if (code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`chartlab ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
