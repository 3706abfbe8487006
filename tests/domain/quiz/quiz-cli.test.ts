import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (args: string[]) => execFileSync(process.execPath, ['bin/chartlab.mjs', 'quiz', ...args], { encoding: 'utf8' });

describe('chartlab quiz', () => {
  it('prints the same bytes twice for the same arguments, n questions of the documented shape', () => {
    const first = run(['--seed', '7', '--count', '12']);
    const second = run(['--seed', '7', '--count', '12']);
    expect(second).toBe(first);
    const questions = JSON.parse(first) as Record<string, unknown>[];
    expect(questions).toHaveLength(12);
    for (const q of questions) {
      for (const key of ['kind', 'prompt', 'answer', 'explanation']) expect(typeof q[key], key).toBe('string');
      if (q.format === 'multiple-choice') {
        const choices = q.choices as { text: string; correct: boolean }[];
        expect(choices.length).toBeGreaterThanOrEqual(3);
        for (const c of choices) expect(Object.keys(c).sort()).toEqual(['correct', 'text']);
        expect(choices.filter((c) => c.correct)).toHaveLength(1);
      }
    }
  }, 60_000);

  it('keeps to one topic when asked', () => {
    const questions = JSON.parse(run(['--seed', '3', '--count', '4', '--topic', 'interpretation'])) as { topic: string }[];
    expect(questions.map((q) => q.topic)).toEqual(['interpretation', 'interpretation', 'interpretation', 'interpretation']);
  }, 60_000);

  it.each([
    [['--seed', 'abc', '--count', '3'], /--seed must be a whole number/],
    [['--seed', '1', '--count', '0'], /--count must be between 1 and 500/],
    [['--seed', '1', '--count', '501'], /--count must be between 1 and 500/],
    [['--seed', '1', '--count', '3', '--topic', 'cooking'], /unknown --topic "cooking"; valid topics: abstraction, coding, interpretation, terminology, data-quality, chronology, record-integrity/],
    [['--count', '3'], /--seed is required/],
  ])('exits non-zero with a message for %j', (args, message) => {
    const result = spawnSync(process.execPath, ['bin/chartlab.mjs', 'quiz', ...args], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  }, 60_000);
});
