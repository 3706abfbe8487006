import { describe, expect, it } from 'vitest';
import { classAnalytics, scoreHistogram } from '@/domain/instructor/analytics';
import { gradeResults } from '@/domain/instructor/grade';
import { asFile, hashing, lookupShipped, resultFor, week3Assignment } from './instructor-fixtures';

describe('class analytics', () => {
  it('bins scores by ten points, 100% in the last bin', () => {
    const bins = scoreHistogram([0, 0.05, 0.5, 0.7, 0.99, 1]);
    expect(bins.map((b) => b.count)).toEqual([2, 0, 0, 0, 0, 1, 0, 1, 0, 2]);
    expect(bins[9]).toEqual({ from: 0.9, to: 1, count: 2 });
  });

  it('finds the facts and error types most of the class missed', async () => {
    const assignment = await week3Assignment();
    const files = [
      asFile('a.json', await resultFor(assignment, { id: 'l-1', name: 'A', choices: ['key', 'key'] })),
      asFile('b.json', await resultFor(assignment, { id: 'l-2', name: 'B', choices: ['key', 'empty'] })),
      asFile('c.json', await resultFor(assignment, { id: 'l-3', name: 'C', choices: ['empty', 'empty'] })),
    ];
    const book = (await gradeResults(files, { hashing, lookupScenario: lookupShipped })).assignments[0]!;
    const stats = classAnalytics(book);
    expect(stats.learners).toBe(3);
    expect(stats.histogram.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(stats.passRate).toBeCloseTo(1 / 3);
    expect(stats.items.map((i) => [i.title, i.submitted, i.averageScore])).toEqual([
      ['Find duplicate registrations', 3, 2 / 3],
      ['Unit check drill', 3, 1 / 3],
    ]);
    // The unit error was missed by two of three (its found, type and correction items); it leads the list.
    expect(stats.mostMissed[0]).toMatchObject({ index: 1, itemTitle: 'Unit check drill', missed: 2, learners: 3, errorType: 'unit-error' });
    expect(stats.mostMissedErrorTypes).toEqual([{ errorType: 'unit-error', missed: 2, planted: 3, share: 2 / 3, learners: 2 }]);
  });
});
