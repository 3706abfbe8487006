import { parseArgs } from 'node:util';
import { generateQuiz, QuizOptionsError } from '@/domain/quiz/generate-quiz';
import { QUIZ_TOPICS, type Difficulty, type QuizTopic } from '@/domain/quiz/question-schema';
import { DIFFICULTIES } from '@/domain/scenario/scenario-schema';
import { parseInteger, UsageError, type CliIo } from '../cli-io';

export const QUIZ_HELP = `chartlab quiz --seed <int> --count <n> [--topic <t>[,<t>…]] [--difficulty <level>]

  Prints a JSON array of exactly <n> drill questions generated from synthetic charts and the code
  tables. The same arguments print the same bytes on any machine. Each question has id (its item
  key), kind, topic, difficulty, prompt, format, answer and explanation; multiple-choice
  questions have choices ({ "text", "correct" }, exactly one correct); typed ones may list
  accepted answers and a match rule. Chart excerpts come with the evidence offsets.

  --seed <int>          quiz seed, 0 to 4294967295
  --count <n>           number of questions, 1 to 500
  --topic <t>           only these topics (comma-separated): ${QUIZ_TOPICS.join(', ')}
  --difficulty <level>  only this level: ${DIFFICULTIES.join(', ')} (default: a mix)
`;

export function runQuiz(argv: string[], io: CliIo): number {
  const { values } = parseArgs({
    args: argv,
    options: { seed: { type: 'string' }, count: { type: 'string' }, topic: { type: 'string' }, difficulty: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const seed = parseInteger('seed', values.seed, { min: 0, max: 4294967295 });
  const count = parseInteger('count', values.count, { min: 1, max: 500 });
  let topics: QuizTopic[] | undefined;
  if (values.topic !== undefined) {
    const named = values.topic.split(',').map((t) => t.trim());
    const unknown = named.filter((t) => !(QUIZ_TOPICS as readonly string[]).includes(t));
    if (unknown.length > 0) throw new UsageError(`unknown --topic "${unknown.join(', ')}"; valid topics: ${QUIZ_TOPICS.join(', ')}`);
    topics = named as QuizTopic[];
  }
  let difficulty: Difficulty | undefined;
  if (values.difficulty !== undefined) {
    if (!(DIFFICULTIES as readonly string[]).includes(values.difficulty)) {
      throw new UsageError(`unknown --difficulty "${values.difficulty}"; valid levels: ${DIFFICULTIES.join(', ')}`);
    }
    difficulty = values.difficulty as Difficulty;
  }
  try {
    const questions = generateQuiz(seed, { count, topics, difficulty });
    io.out(`${JSON.stringify(questions, null, 2)}\n`);
  } catch (error) {
    if (error instanceof QuizOptionsError) throw new UsageError(error.message, 1);
    throw error;
  }
  return 0;
}
