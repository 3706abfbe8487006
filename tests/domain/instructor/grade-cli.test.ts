import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeAssignment } from '@/domain/instructor/assignment';
import { serializeResult } from '@/domain/instructor/result';
import { resultFor, week3Assignment } from './instructor-fixtures';

const run = (args: string[]) => spawnSync(process.execPath, ['bin/chartlab.mjs', 'grade', ...args], { encoding: 'utf8', timeout: 60_000 });

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chartlab-grade-'));
  const assignment = await week3Assignment();
  writeFileSync(join(dir, 'week-3.assignment.json'), serializeAssignment(assignment));
  const maria = await resultFor(assignment, { id: 'l-1', name: 'López, María', studentId: 'S1001', choices: ['key', 'key'] });
  const ben = await resultFor(assignment, { id: 'l-2', name: 'Ben Okafor', choices: ['key', 'empty'] });
  const tampered = structuredClone(ben);
  tampered.items[1]!.summary.score = 1;
  writeFileSync(join(dir, 'maria.json'), serializeResult(maria));
  writeFileSync(join(dir, 'maria-again.json'), serializeResult(maria));
  writeFileSync(join(dir, 'ben.json'), serializeResult(ben));
  writeFileSync(join(dir, 'ben-edited.json'), serializeResult(tampered));
});

describe('chartlab grade', () => {
  it('re-scores result files (a shipped and an embedded authored scenario) into a JSON gradebook and a CSV', () => {
    const csv = join(dir, 'grades.csv');
    const files = ['maria.json', 'ben.json', 'maria-again.json', 'ben-edited.json'].map((f) => join(dir, f));
    const result = run([...files, '--csv', csv, '--assignment', join(dir, 'week-3.assignment.json')]);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as {
      assignments: { assignment: { id: string }; items: { title: string }[]; rows: { learner: { name: string }; items: ({ percent: number } | null)[]; totalPercent: number; passed: boolean }[] }[];
      files: { status: string }[];
    };
    expect(out.assignments).toHaveLength(1);
    expect(out.assignments[0]?.items.map((i) => i.title)).toEqual(['Find duplicate registrations', 'Unit check drill']);
    expect(out.assignments[0]?.rows.map((r) => [r.learner.name, r.items.map((i) => i?.percent ?? null), r.totalPercent, r.passed])).toEqual([
      ['Ben Okafor', [100, 0], 50, false],
      ['López, María', [100, 100], 100, true],
    ]);
    expect(out.files.map((f) => f.status)).toEqual(['counted', 'counted', 'duplicate', 'tampered']);
    expect(result.stderr).toMatch(/duplicate: .*maria-again\.json/);
    expect(result.stderr).toMatch(/tampered: .*ben-edited\.json: Ben Okafor/);
    expect(result.stderr).toMatch(/2 of 4 files counted/);
    expect(readFileSync(csv, 'utf8')).toBe(
      'Learner,Student ID,1. Find duplicate registrations (%),2. Unit check drill (%),Total (%),Passed,Time (minutes)\r\n' +
        'Ben Okafor,,100,0,50,no,25\r\n' +
        '"López, María",S1001,100,100,100,yes,25\r\n',
    );
  }, 60_000);

  it('exits 1 for a file it cannot read, and still grades the others', () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a result');
    const result = run([join(dir, 'maria.json'), join(dir, 'missing.json'), notes]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/unreadable: .*missing\.json: No such file/);
    expect(result.stderr).toMatch(/unreadable: .*notes\.txt: This is not a ChartLab result file/);
    expect((JSON.parse(result.stdout) as { assignments: unknown[] }).assignments).toHaveLength(1);
  }, 60_000);

  it('asks for at least one file', () => {
    const result = run([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/name at least one result file/);
  }, 60_000);
});
