import type { QuizItemStats, QuizSession } from '@/db/records';
import { quizItemId } from '@/db/records';
import { regenerateQuestion } from '@/domain/quiz/generate-quiz';
import { dueAt, isLeitnerBox, nextBox, type LeitnerBox } from '@/domain/quiz/leitner';
import { QUIZ_TOPICS, type Difficulty, type Question, type QuizTopic } from '@/domain/quiz/question-schema';
import type { QuizMode, QuizResponse, QuizState } from '@/store/quiz-slice';
import { quizSessionDetailsSchema, type QuizSessionDetails } from './quiz-session-details';

/**
 * A finished quiz as the results screen reads it, and as it is stored: a QuizSession (its
 * `details` in the versioned shape below) plus one Leitner update per answered question. Pure.
 */

export interface QuizResultItem {
  itemKey: string;
  topic: string;
  /** Null when the question can no longer be rebuilt (made by an older quiz generator). */
  question: Question | null;
  response: QuizResponse | null;
}

export interface QuizOutcome {
  sessionId: string;
  mode: QuizMode;
  seed: number | null;
  topicsChosen: QuizTopic[] | null;
  difficulty: Difficulty | null;
  startedAt: number;
  finishedAt: number;
  timeLimitMs: number | null;
  passMark: number | null;
  timedOut: boolean;
  items: QuizResultItem[];
}

export interface QuizScore {
  correct: number;
  total: number;
  answered: number;
  fraction: number;
  /** Null unless the quiz has a pass mark. */
  passed: boolean | null;
}

export function scoreOutcome(outcome: Pick<QuizOutcome, 'items' | 'passMark'>): QuizScore {
  const total = outcome.items.length;
  const correct = outcome.items.filter((i) => i.response?.correct).length;
  const answered = outcome.items.filter((i) => i.response !== null).length;
  const fraction = total === 0 ? 0 : correct / total;
  // Compared in whole hundredths, so 4 of 5 (0.8 in floating point) passes an 80% mark.
  return { correct, total, answered, fraction, passed: outcome.passMark === null ? null : Math.round(fraction * 1e6) >= Math.round(outcome.passMark * 1e6) };
}

export interface TopicAccuracy {
  topic: string;
  correct: number;
  total: number;
}

/** Correct answers per topic, in the catalog's topic order (unknown topics last). */
export function topicAccuracy(items: readonly Pick<QuizResultItem, 'topic' | 'response'>[]): TopicAccuracy[] {
  const by = new Map<string, TopicAccuracy>();
  for (const item of items) {
    const row = by.get(item.topic) ?? { topic: item.topic, correct: 0, total: 0 };
    row.total += 1;
    if (item.response?.correct) row.correct += 1;
    by.set(item.topic, row);
  }
  const order = (t: string) => {
    const i = (QUIZ_TOPICS as readonly string[]).indexOf(t);
    return i === -1 ? QUIZ_TOPICS.length : i;
  };
  return [...by.values()].sort((a, b) => order(a.topic) - order(b.topic) || a.topic.localeCompare(b.topic));
}

/** The outcome of the quiz in the store (finished or not). */
export function outcomeFromState(quiz: QuizState): QuizOutcome {
  return {
    sessionId: quiz.sessionId ?? '',
    mode: quiz.mode,
    seed: quiz.seed,
    topicsChosen: quiz.topics,
    difficulty: quiz.difficulty,
    startedAt: quiz.startedAt ?? 0,
    finishedAt: quiz.finishedAt ?? quiz.startedAt ?? 0,
    timeLimitMs: quiz.timeLimitMs,
    passMark: quiz.passMark,
    timedOut: quiz.timedOut,
    items: quiz.questions.map((question, i) => ({ itemKey: question.id, topic: question.topic, question, response: quiz.responses[i] ?? null })),
  };
}

/** The session row for a finished quiz. */
export function buildQuizSession(outcome: QuizOutcome, learnerId: string): QuizSession {
  const score = scoreOutcome(outcome);
  const asked = QUIZ_TOPICS.filter((t) => outcome.items.some((i) => i.topic === t));
  const details: QuizSessionDetails = {
    format: 'chartlab.quiz',
    version: 1,
    mode: outcome.mode,
    topicsChosen: outcome.topicsChosen,
    difficulty: outcome.difficulty,
    timeLimitMs: outcome.timeLimitMs,
    passMark: outcome.passMark,
    timedOut: outcome.timedOut,
    passed: score.passed,
    itemTopics: outcome.items.map((i) => i.topic),
    responses: outcome.items.map((i) => i.response),
  };
  return {
    id: outcome.sessionId,
    learnerId,
    // Review quizzes are built from item keys, not a seed; 0 with mode "review" says so.
    seed: outcome.seed ?? 0,
    topics: outcome.topicsChosen ?? asked,
    startedAt: outcome.startedAt,
    finishedAt: outcome.finishedAt,
    questionCount: score.total,
    correctCount: score.correct,
    itemKeys: outcome.items.map((i) => i.itemKey),
    details,
  };
}

/**
 * The Leitner update for every answered question: up one box when right, back to box 1 when
 * wrong (src/domain/quiz/leitner.ts), due again after the box's interval from `now`. Questions
 * never answered (a test that ran out of time) keep their state: the learner never saw them.
 */
export function updatedItemStats(
  learnerId: string,
  outcome: Pick<QuizOutcome, 'items'>,
  existing: ReadonlyMap<string, QuizItemStats>,
  now: number,
): QuizItemStats[] {
  const updated = new Map<string, QuizItemStats>();
  for (const item of outcome.items) {
    if (!item.response) continue;
    const before = updated.get(item.itemKey) ?? existing.get(item.itemKey);
    const fromBox: LeitnerBox = before && isLeitnerBox(before.box) ? before.box : 1;
    const box = nextBox(fromBox, item.response.correct);
    updated.set(item.itemKey, {
      id: quizItemId(learnerId, item.itemKey),
      learnerId,
      itemKey: item.itemKey,
      topic: item.topic,
      box,
      dueAt: dueAt(box, now),
      seen: (before?.seen ?? 0) + 1,
      correct: (before?.correct ?? 0) + (item.response.correct ? 1 : 0),
      lastSeenAt: now,
    });
  }
  return [...updated.values()];
}

/** Rebuilds a stored quiz for its results page; null when its details are not a quiz's. */
export function outcomeFromSession(session: QuizSession, regenerate: (key: string) => Question = regenerateQuestion): QuizOutcome | null {
  const parsed = quizSessionDetailsSchema.safeParse(session.details);
  if (!parsed.success) return null;
  const details = parsed.data;
  const items = session.itemKeys.map((itemKey, i): QuizResultItem => {
    let question: Question | null = null;
    try {
      question = regenerate(itemKey);
    } catch {
      question = null;
    }
    const response = details.responses[i] ?? null;
    return {
      itemKey,
      topic: question?.topic ?? details.itemTopics[i] ?? 'unknown',
      question,
      response: response ? { entered: response.entered, correct: response.correct, ...(response.choice !== undefined ? { choice: response.choice } : {}) } : null,
    };
  });
  return {
    sessionId: session.id,
    mode: details.mode,
    seed: details.mode === 'review' ? null : session.seed,
    topicsChosen: details.topicsChosen,
    difficulty: details.difficulty,
    startedAt: session.startedAt,
    finishedAt: session.finishedAt ?? session.startedAt,
    timeLimitMs: details.timeLimitMs,
    passMark: details.passMark,
    timedOut: details.timedOut,
    items,
  };
}
