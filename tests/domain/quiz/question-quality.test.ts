import { describe, expect, it } from 'vitest';
import { flagFor } from '@/domain/chart/fhir-builders';
import { generateChart } from '@/domain/chart/generate-chart';
import { CONDITIONS, LABS, referenceFor, VACCINES } from '@/domain/codes/code-tables';
import type { Sex } from '@/domain/codes/code-types';
import { FLAG_WORDS } from '@/domain/quiz/kinds/result-interpretation';
import { choiceKey, questionSchema, type Question } from '@/domain/quiz/question-schema';
import { quizChartSpec } from '@/domain/quiz/quiz-charts';
import { scoreAnswer } from '@/domain/quiz/score-answer';
import { matchesAny, normalizeText } from '@/domain/scoring/match';
import { ofKind, sampleQuestions } from './quiz-fixtures';

const questions = sampleQuestions();
const multipleChoice = questions.filter((q) => q.format === 'multiple-choice');
const typed = questions.filter((q) => q.format === 'typed');

describe('every generated question', () => {
  it('covers every kind and level, in both formats', () => {
    expect(new Set(questions.map((q) => `${q.kind}/${q.difficulty}`)).size).toBe(21);
    expect(multipleChoice.length).toBeGreaterThan(100);
    expect(typed.length).toBeGreaterThan(20);
  });

  it('parses through the question schema', () => {
    for (const q of questions) {
      const parsed = questionSchema.safeParse(q);
      expect(parsed.success, `${q.id}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('has a non-empty explanation that is more than a restatement of the answer', () => {
    for (const q of questions) {
      expect(q.explanation.trim().length, q.id).toBeGreaterThan(q.answer.length + 10);
    }
  });

  it('is answered correctly by its own answer', () => {
    for (const q of questions) expect(scoreAnswer(q, q.answer).correct, `${q.id} ${q.answer}`).toBe(true);
  });

  it('accepts every typed alternative it lists', () => {
    for (const q of typed) for (const a of q.accepted ?? []) expect(scoreAnswer(q, a).correct, `${q.id}: ${a}`).toBe(true);
  });

  it('quotes its evidence inside its excerpt', () => {
    for (const q of questions.filter((x) => x.evidence)) {
      const { start, end } = q.evidence as { start: number; end: number };
      expect(end, q.id).toBeLessThanOrEqual((q.excerpt as string).length);
      expect((q.excerpt as string).slice(start, end).trim().length, q.id).toBeGreaterThan(0);
    }
  });
});

describe('multiple-choice questions', () => {
  it('have 3 to 5 choices, exactly one correct, all distinct after normalization', () => {
    for (const q of multipleChoice) {
      const choices = q.choices ?? [];
      expect(choices.length, q.id).toBeGreaterThanOrEqual(3);
      expect(choices.length, q.id).toBeLessThanOrEqual(5);
      expect(choices.filter((c) => c.correct), q.id).toHaveLength(1);
      expect(new Set(choices.map((c) => normalizeText(c.text))).size, q.id).toBe(choices.length);
      expect(new Set(choices.map((c) => choiceKey(c.text))).size, q.id).toBe(choices.length);
    }
  });

  it('score every distractor wrong, by text and by index', () => {
    for (const q of multipleChoice) {
      (q.choices ?? []).forEach((c, i) => {
        expect(scoreAnswer(q, c.text).correct, `${q.id}: ${c.text}`).toBe(c.correct);
        expect(scoreAnswer(q, i).correct, `${q.id}: #${i}`).toBe(c.correct);
      });
    }
  });

  it('shuffle the position of the correct choice', () => {
    const positions = new Set(multipleChoice.map((q) => (q.choices ?? []).findIndex((c) => c.correct)));
    expect(positions.size).toBeGreaterThanOrEqual(4);
  });
});

describe('abstraction', () => {
  const abstraction = ofKind(questions, 'abstraction');

  it('answers with the text at the evidence span of the excerpt', () => {
    expect(abstraction.length).toBeGreaterThan(20);
    for (const q of abstraction) {
      expect(q.excerpt, q.id).toBeDefined();
      const { start, end } = q.evidence as { start: number; end: number };
      expect((q.excerpt as string).slice(start, end), q.id).toBe(q.answer);
    }
  });

  it('quotes the excerpt verbatim from the chart document it names', () => {
    for (const q of abstraction.slice(0, 25)) {
      const source = q.source as { type: 'chart'; seed: number; documentId: string };
      const chart = generateChart(quizChartSpec(source.seed));
      const doc = chart.documents.find((d) => d.id === source.documentId);
      expect(doc, q.id).toBeDefined();
      for (const line of (q.excerpt as string).split('\n').filter((l) => l !== '  …')) expect(doc?.text, q.id).toContain(line);
    }
  });
});

describe('code assignment', () => {
  const coding = ofKind(questions, 'code-assignment');
  const codeOf = (text: string) => text.split(' — ')[0] as string;

  it('never offers the answer’s code as a distractor, and every choice is a real table code or a curated neighbour', () => {
    const known = new Set([...CONDITIONS.map((c) => c.icd10.code), ...LABS.map((l) => l.loinc.code), ...VACCINES.map((v) => v.cvx.code)]);
    for (const q of coding.filter((x) => x.format === 'multiple-choice')) {
      const answerCode = codeOf(q.answer);
      for (const c of (q.choices ?? []).filter((x) => !x.correct)) expect(codeOf(c.text), q.id).not.toBe(answerCode);
      expect(known.has(answerCode), q.id).toBe(true);
    }
  });

  it('keeps LOINC distractors out of the answer’s own measurement (no plain glucose for a fasting glucose)', () => {
    for (const q of coding.filter((x) => x.answer.startsWith('1558-6'))) {
      expect((q.choices ?? []).map((c) => codeOf(c.text))).not.toContain('2345-7');
    }
  });

  it('accepts an ICD-10-CM code typed without its dot and in lower case', () => {
    const q = coding.find((x) => x.format === 'typed' && x.answer.includes('.'));
    expect(q).toBeDefined();
    expect(scoreAnswer(q as Question, (q as Question).answer.replace('.', '').toLowerCase()).correct).toBe(true);
  });
});

describe('result interpretation', () => {
  const interpretation = ofKind(questions, 'result-interpretation');
  const parse = (prompt: string) => {
    const m = /^For an? (\d+)-year-old (man|woman), (.+) (-?[\d.]+)(?: (\S+))? is:$/.exec(prompt);
    if (!m) throw new Error(`unexpected prompt ${prompt}`);
    const sex: Sex = m[2] === 'man' ? 'male' : 'female';
    return { sex, name: m[3] as string, value: Number(m[4]) };
  };

  it('answers with the flag of the lab table’s interval for the patient’s sex', () => {
    expect(interpretation.length).toBeGreaterThan(20);
    for (const q of interpretation) {
      const { sex, name, value } = parse(q.prompt);
      const test = LABS.find((t) => t.shortName === name);
      expect(test, q.prompt).toBeDefined();
      if (!test) continue;
      expect(q.answer, q.prompt).toBe(FLAG_WORDS[flagFor(value, referenceFor(test, sex), test.critical)]);
    }
  });

  it('asks at the middle level about values whose flag depends on the sex', () => {
    for (const q of interpretation.filter((x) => x.difficulty === 'intermediate')) {
      const { sex, name, value } = parse(q.prompt);
      const test = LABS.find((t) => t.shortName === name);
      if (!test) throw new Error(name);
      const other: Sex = sex === 'male' ? 'female' : 'male';
      expect(flagFor(value, referenceFor(test, other), test.critical), q.prompt).not.toBe(flagFor(value, referenceFor(test, sex), test.critical));
      expect(q.explanation).toMatch(/interval for the patient's sex/);
    }
  });
});

describe('abbreviations', () => {
  it('never offers a synonym of the answer as a distractor', () => {
    const abbreviations = ofKind(questions, 'abbreviation').filter((q) => q.format === 'multiple-choice');
    expect(abbreviations.length).toBeGreaterThan(15);
    for (const q of abbreviations) {
      for (const c of (q.choices ?? []).filter((x) => !x.correct)) expect(matchesAny(c.text, [q.answer]), `${q.id}: ${c.text}`).toBe(false);
    }
  });

  it('explains the answer and what the other choices mean', () => {
    for (const q of ofKind(questions, 'abbreviation').filter((x) => x.format === 'multiple-choice' && !x.prompt.includes('Do Not Use'))) {
      expect(q.explanation, q.id).toContain(q.answer);
      expect(q.explanation, q.id).toMatch(/The other choices: /);
    }
  });
});

describe('spot the error', () => {
  it('highlights the wrong line and offers the excerpt’s lines as choices', () => {
    for (const q of ofKind(questions, 'spot-the-error')) {
      const lines = (q.excerpt as string).split('\n').map((l) => l.trim());
      for (const c of q.choices ?? []) expect(lines, q.id).toContain(c.text);
      const { start, end } = q.evidence as { start: number; end: number };
      expect((q.excerpt as string).slice(start, end), q.id).toBe(q.answer);
    }
  });
});

describe('chronology', () => {
  it('orders the listed events by their dates', () => {
    const months: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };
    const toIso = (t: string): string => {
      let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
      if (m) return t;
      m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t);
      if (m) return `${(m[3] as string).length === 2 ? `20${m[3]}` : m[3]}-${(m[1] as string).padStart(2, '0')}-${(m[2] as string).padStart(2, '0')}`;
      m = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4})$/.exec(t);
      if (m) return `${m[3]}-${String(months[m[1] as string]).padStart(2, '0')}-${(m[2] as string).padStart(2, '0')}`;
      throw new Error(t);
    };
    for (const q of ofKind(questions, 'chronology')) {
      const events = q.prompt
        .split('\n')
        .map((l) => /^([A-E])\. .* — (.+)$/.exec(l))
        .filter((m): m is RegExpExecArray => !!m)
        .map((m) => ({ letter: m[1] as string, day: toIso(m[2] as string) }));
      expect(events.length, q.id).toBeGreaterThanOrEqual(3);
      const expected = [...events].sort((a, b) => (a.day < b.day ? -1 : 1)).map((e) => e.letter).join(', ');
      expect(q.answer, q.id).toBe(expected);
    }
  });
});

describe('record integrity', () => {
  it('shows two registrations and names the verdict with its reason', () => {
    for (const q of ofKind(questions, 'record-integrity')) {
      expect(q.excerpt?.match(/MRN \d{10}/g), q.id).toHaveLength(2);
      expect(q.answer, q.id).toMatch(/^(Same patient|Different people) — /);
      const verdicts = new Set((q.choices ?? []).map((c) => c.text.split(' — ')[0]));
      expect(verdicts.size, q.id).toBe(2);
    }
  });
});
