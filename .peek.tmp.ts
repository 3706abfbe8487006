import { generateQuiz } from '@/domain/quiz/generate-quiz';
import { questionSchema, QUESTION_KINDS } from '@/domain/quiz/question-schema';
import { scoreAnswer } from '@/domain/quiz/score-answer';
import { DIFFICULTIES } from '@/domain/scenario/scenario-schema';
const problems: string[] = [];
let n = 0;
for (let seed = 200; seed < 240; seed++) {
  const qs = [...generateQuiz(seed, { count: 21 })];
  for (const k of QUESTION_KINDS) for (const d of DIFFICULTIES) qs.push(...generateQuiz(seed, { count: 2, kinds: [k], difficulty: d }));
  for (const q of qs) {
    n++;
    const p = questionSchema.safeParse(q);
    if (!p.success) problems.push(`${q.id} schema ${p.error.message}`);
    if (!scoreAnswer(q, q.answer).correct) problems.push(`${q.id} own answer wrong`);
    for (const a of q.accepted ?? []) if (!scoreAnswer(q, a).correct) problems.push(`${q.id} accepted ${a} wrong`);
    (q.choices ?? []).forEach((c, i) => { if (scoreAnswer(q, i).correct !== c.correct) problems.push(`${q.id} choice ${i}`); });
    if (q.evidence && q.excerpt!.slice(q.evidence.start, q.evidence.end).trim() === '') problems.push(`${q.id} evidence`);
    if (q.kind === 'abstraction' && q.excerpt!.slice(q.evidence!.start, q.evidence!.end) !== q.answer) problems.push(`${q.id} evidence`);
  }
}
console.log('questions', n, 'problems', problems.length);
console.log(problems.slice(0, 30).join('\n'));
