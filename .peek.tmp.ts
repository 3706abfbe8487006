import { generateQuiz } from '@/domain/quiz/generate-quiz';
for (const q of generateQuiz(2024, { count: 28 })) {
  console.log(`\n[${q.kind} / ${q.difficulty} / ${q.format}] ${q.prompt}`);
  if (q.excerpt) console.log(q.excerpt.split('\n').map((l) => '   | ' + l).join('\n'));
  if (q.choices) console.log(q.choices.map((c) => `   ${c.correct ? '*' : '-'} ${c.text}`).join('\n'));
  else console.log(`   = ${q.answer}  ${q.accepted ? JSON.stringify(q.accepted) : ''} (${q.match})`);
  console.log(`   > ${q.explanation}`);
}
