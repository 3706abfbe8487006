import { describe, expect, it } from 'vitest';
import { buildItemStatements, isoDuration, stableUuid, type ItemAttemptFacts } from '@/domain/instructor/xapi';

const facts: ItemAttemptFacts = {
  learner: { key: 'student:s1001', name: 'Maria López' },
  assignment: { id: 'week-3-audit', title: 'Week 3 audit', course: 'HIT 110', checksum: 'a'.repeat(64) },
  item: { index: 1, scenarioId: 'lab-data-quality', title: 'Laboratory data quality', summary: 'Check structured lab results.', seed: 10120 },
  attempt: { id: 'att-1', number: 2, startedAt: '2026-07-02T10:00:00.000Z', finishedAt: '2026-07-02T10:12:30.000Z', elapsedMs: 750_000 },
  score: { scaled: 0.8333, passed: true, passingScore: 0.7 },
  homePage: 'https://chartlab.school.edu/',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('xAPI statements', () => {
  it('are experienced, completed and passed, with the learner account, the scenario activity and the assignment as context', () => {
    const [experienced, completed, passed] = buildItemStatements(facts);
    expect([experienced?.verb.id, completed?.verb.id, passed?.verb.id]).toEqual([
      'http://adlnet.gov/expapi/verbs/experienced',
      'http://adlnet.gov/expapi/verbs/completed',
      'http://adlnet.gov/expapi/verbs/passed',
    ]);
    expect(completed).toEqual({
      id: expect.stringMatching(UUID),
      actor: { objectType: 'Agent', name: 'Maria López', account: { homePage: 'https://chartlab.school.edu/', name: 'student:s1001' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
      object: {
        objectType: 'Activity',
        id: 'https://chartlab.example/xapi/scenarios/lab-data-quality',
        definition: { name: { 'en-US': 'Laboratory data quality' }, description: { 'en-US': 'Check structured lab results.' }, type: 'http://adlnet.gov/expapi/activities/assessment' },
      },
      result: { score: { scaled: 0.8333, raw: 83.3, min: 0, max: 100 }, completion: true, duration: 'PT12M30S' },
      context: {
        registration: expect.stringMatching(UUID),
        platform: 'ChartLab',
        language: 'en-US',
        contextActivities: {
          parent: [{ objectType: 'Activity', id: 'https://chartlab.example/xapi/assignments/week-3-audit', definition: { name: { 'en-US': 'Week 3 audit' }, type: 'http://adlnet.gov/expapi/activities/module' } }],
          grouping: [{ objectType: 'Activity', id: 'https://chartlab.example/xapi/courses/hit-110', definition: { name: { 'en-US': 'HIT 110' }, type: 'http://adlnet.gov/expapi/activities/course' } }],
        },
        extensions: {
          'https://chartlab.example/xapi/extensions/seed': 10120,
          'https://chartlab.example/xapi/extensions/item-index': 1,
          'https://chartlab.example/xapi/extensions/attempt-number': 2,
          'https://chartlab.example/xapi/extensions/passing-score': 0.7,
        },
      },
      timestamp: '2026-07-02T10:12:30.000Z',
    });
    expect(passed?.result).toMatchObject({ success: true, score: { scaled: 0.8333 } });
    expect(experienced?.timestamp).toBe('2026-07-02T10:00:00.000Z');
    expect(experienced?.result).toEqual({ duration: 'PT12M30S' });
  });

  it('says failed below the pass mark and keeps the scaled score within 0 to 1', () => {
    const statements = buildItemStatements({ ...facts, score: { scaled: 1.2, passed: false, passingScore: 0.7 } });
    expect(statements[2]?.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(statements[2]?.result).toMatchObject({ success: false, score: { scaled: 1, raw: 100 } });
  });

  it('gives the same ids for the same attempt (a retried POST is not stored twice) and different ids per verb', () => {
    const a = buildItemStatements(facts).map((s) => s.id);
    const b = buildItemStatements(facts).map((s) => s.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(3);
    expect(stableUuid('x')).not.toBe(stableUuid('y'));
    expect(stableUuid('x')).toMatch(UUID);
  });

  it('writes durations in ISO 8601', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(83_400)).toBe('PT1M23.4S');
    expect(isoDuration(3_600_000)).toBe('PT1H');
    expect(isoDuration(3_725_000)).toBe('PT1H2M5S');
  });
});
