import { describe, expect, it } from 'vitest';
import { gradeResults } from '@/domain/instructor/grade';
import { createResult, readResult, resultItemsFromAttempts, serializeResult, type ResultFile } from '@/domain/instructor/result';
import { keyedHashOf } from '@/domain/instructor/hashing';
import { asFile, hashing, lookupShipped, resultFor, week3Assignment } from './instructor-fixtures';

const grade = (files: { name: string; content: unknown }[], extra = {}) => gradeResults(files, { hashing, lookupScenario: lookupShipped, ...extra });

describe('result files', () => {
  it('round-trip through the file text and verify as intact', async () => {
    const result = await resultFor(await week3Assignment(), { id: 'l-1', name: 'Maria López', studentId: 'S1001', choices: ['key', 'empty'] });
    const read = await readResult(serializeResult(result), hashing);
    expect(read).toEqual({ ok: true, result, intact: true });
    expect(result.integrity.algorithm).toBe('sha256-keyed-v1');
  });

  it('pick the best attempt per item, numbered among that item’s attempts', async () => {
    const assignment = await week3Assignment();
    const base = { scenarioId: 'mpi-duplicates-intro', seed: 17105, startedAt: 0, elapsedMs: 1000, answers: { kind: 'mpi' as const, groups: [] } };
    const report = (score: number) => ({ score, earned: score * 10, possible: 10, passed: score >= 0.7, passingScore: 0.7 });
    const items = resultItemsFromAttempts(assignment, [
      { ...base, id: 'a1', finishedAt: 1000, report: report(0.4) },
      { ...base, id: 'a2', finishedAt: 2000, report: report(0.9) },
      { ...base, id: 'a3', finishedAt: 3000, report: report(0.6) },
      { ...base, id: 'other', scenarioId: 'lab-data-quality', finishedAt: 4000, report: report(1) },
    ]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ index: 0, attemptId: 'a2', attemptNumber: 2, attemptsUsed: 3, summary: { score: 0.9 } });
  });
});

describe('the gradebook', () => {
  it('re-scores every item and shows learners × items with totals and pass/fail', async () => {
    const assignment = await week3Assignment();
    const maria = await resultFor(assignment, { id: 'l-1', name: 'Maria López', studentId: 'S1001', choices: ['key', 'key'] });
    const ben = await resultFor(assignment, { id: 'l-2', name: 'Ben Okafor', choices: ['key', null] });
    const book = await grade([asFile('maria.json', maria), asFile('ben.json', ben)]);
    expect(book.files.map((f) => f.status)).toEqual(['counted', 'counted']);
    const [a] = book.assignments;
    expect(a?.columns.map((c) => [c.title, c.seed])).toEqual([
      ['Find duplicate registrations', 17105],
      ['Unit check drill', 10120],
    ]);
    expect(a?.rows.map((r) => [r.learner.name, r.items.map((i) => i?.score ?? null), r.total, r.passed])).toEqual([
      ['Ben Okafor', [1, null], 0.5, false],
      ['Maria López', [1, 1], 1, true],
    ]);
    expect(a?.rows[1]?.items[1]?.report.items.length).toBeGreaterThan(0);
    expect(a?.rows[1]?.elapsedMs).toBe(1_500_000);
  });

  it('[tamper] flags a changed score (hash no longer matches) and does not count it', async () => {
    const assignment = await week3Assignment();
    const result = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['empty', 'empty'] });
    const edited = structuredClone(result);
    edited.items[0]!.summary.score = 1;
    const book = await grade([asFile('maria.json', edited)]);
    expect(book.files[0]).toMatchObject({ status: 'tampered', learnerName: 'Maria López' });
    expect(book.files[0]?.message).toMatch(/changed after it was exported/);
    expect(book.assignments).toEqual([]);
  });

  it('[tamper] flags a changed score even when the hash was recomputed, by re-scoring the answers', async () => {
    const assignment = await week3Assignment();
    const result = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['empty', 'key'] });
    const { integrity: _old, ...body } = structuredClone(result);
    body.items[0]!.summary.score = 1;
    const forged: ResultFile = { ...body, integrity: { algorithm: 'sha256-keyed-v1', hash: await keyedHashOf(body, hashing) } };
    const book = await grade([asFile('forged.json', forged)]);
    expect(book.files[0]?.status).toBe('score-mismatch');
    expect(book.files[0]?.message).toMatch(/claims 100% but its answers score 0% when re-scored/);
  });

  it('[tamper] flags a changed answer and a changed hash', async () => {
    const assignment = await week3Assignment();
    const result = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['key', 'key'] });
    const answer = structuredClone(result);
    (answer.items[1]!.answers as { findings: { correction: string }[] }).findings[0]!.correction = 'something else';
    const hash = structuredClone(result);
    hash.integrity.hash = `${'0'.repeat(63)}1`;
    const book = await grade([asFile('answer.json', answer), asFile('hash.json', hash)]);
    expect(book.files.map((f) => f.status)).toEqual(['tampered', 'tampered']);
  });

  it('[tamper] flags an item that is not in the assignment', async () => {
    const assignment = await week3Assignment();
    const result = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['key', null] });
    const { integrity: _old, ...body } = structuredClone(result);
    body.items[0]!.seed = 17106;
    const forged = await createResult(body, hashing);
    expect((await grade([asFile('seed.json', forged)])).files[0]).toMatchObject({ status: 'tampered' });
  });

  it('counts a duplicate file once and says which file it repeats', async () => {
    const assignment = await week3Assignment();
    const result = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['key', 'key'] });
    const book = await grade([asFile('a.json', result), asFile('b.json', result)]);
    expect(book.files.map((f) => f.status)).toEqual(['counted', 'duplicate']);
    expect(book.files[1]?.message).toMatch(/duplicate of a\.json/);
    expect(book.assignments[0]?.rows).toHaveLength(1);
  });

  it('counts the newest export of a learner and marks the older one superseded', async () => {
    const assignment = await week3Assignment();
    const first = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['empty', null] });
    const second = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['key', 'key'], exportedAt: '2026-07-03T08:00:00.000Z', attemptSuffix: '-b' });
    const book = await grade([asFile('new.json', second), asFile('old.json', first)]);
    expect(book.files.map((f) => f.status)).toEqual(['counted', 'superseded']);
    expect(book.assignments[0]?.rows[0]?.total).toBe(1);
  });

  it('flags a result made for a changed copy of the instructor’s assignment', async () => {
    const assignment = await week3Assignment();
    const { checksum: _c, ...body } = assignment;
    const otherCopy = { ...body, passMark: 0.1, checksum: '' };
    otherCopy.checksum = await hashing.sha256Hex(hashing.canonicalJson({ ...body, passMark: 0.1 }));
    const result = await resultFor(otherCopy, { id: 'l-1', name: 'Maria López', choices: ['key', 'key'] });
    const book = await grade([asFile('m.json', result)], { knownAssignments: [assignment] });
    expect(book.files[0]?.status).toBe('assignment-mismatch');
    // The instructor's assignment still gets its (empty) gradebook.
    expect(book.assignments[0]?.rows).toEqual([]);
  });

  it('reports unreadable files and scenarios it does not have, and carries on with the rest', async () => {
    const assignment = await week3Assignment();
    const good = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['key', 'key'] });
    const book = await gradeResults(
      [asFile('good.json', good), { name: 'notes.txt', content: 'hello' }, asFile('assignment.json', assignment)],
      { hashing, lookupScenario: (id) => (id === 'mpi-duplicates-intro' ? undefined : lookupShipped(id)) },
    );
    expect(book.files.map((f) => f.status)).toEqual(['unscorable', 'unreadable', 'unreadable']);
    expect(book.files[2]?.message).toMatch(/assignment, not a learner/);
  });
});
