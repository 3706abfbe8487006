import { describe, expect, it } from 'vitest';
import {
  assignmentLink,
  createAssignment,
  decodeAssignmentPayload,
  encodeAssignmentPayload,
  readAssignment,
  resolveItemScenario,
  serializeAssignment,
} from '@/domain/instructor/assignment';
import { InstructorFileError } from '@/domain/instructor/format-errors';
import { authoredLabAudit, hashing, lookupShipped, week3Assignment } from './instructor-fixtures';

describe('assignment files', () => {
  it('round-trips through the file text unchanged, checksum and all', async () => {
    const assignment = await week3Assignment();
    expect(assignment).toMatchObject({ format: 'chartlab.assignment', version: 1, id: 'week-3-audit', attemptsAllowed: 2, passMark: 0.7 });
    expect(assignment.checksum).toMatch(/^[0-9a-f]{64}$/);
    const read = await readAssignment(serializeAssignment(assignment), hashing);
    expect(read).toEqual(assignment);
  });

  it('names shipped scenarios by id and carries authored ones in full', async () => {
    const assignment = await week3Assignment();
    expect(assignment.items[0]).toEqual({ scenario: 'mpi-duplicates-intro', seed: 17105 });
    expect(assignment.items[1]?.scenario).toMatchObject({ id: 'unit-check-drill', task: { kind: 'validation', errorCount: 1 } });
  });

  it('applies the assignment pass mark to every item scenario', async () => {
    const assignment = await week3Assignment();
    const scenario = resolveItemScenario(assignment.items[0]!, assignment.passMark, lookupShipped);
    expect(scenario?.passingScore).toBe(0.7);
    expect(resolveItemScenario({ scenario: 'no-such-scenario', seed: 1 }, 0.7, lookupShipped)).toBeUndefined();
  });

  it('refuses a file whose pass mark was changed after it was made', async () => {
    const assignment = await week3Assignment();
    const edited = { ...assignment, passMark: 0.1 };
    await expect(readAssignment(JSON.stringify(edited), hashing)).rejects.toMatchObject({ reason: 'tampered' });
  });

  it('refuses other files with a message that says what they are', async () => {
    await expect(readAssignment('{"format":"chartlab.result"}', hashing)).rejects.toThrow(/result file/);
    await expect(readAssignment('not json', hashing)).rejects.toBeInstanceOf(InstructorFileError);
    await expect(readAssignment({ format: 'chartlab.assignment', version: 2 }, hashing)).rejects.toMatchObject({ reason: 'newer-version' });
  });

  it('refuses the same scenario and seed twice, because attempts are matched by them', async () => {
    await expect(
      createAssignment(
        {
          id: 'twice',
          title: 'Twice',
          dueDate: '2026-07-10',
          attemptsAllowed: 1,
          passMark: 0.7,
          items: [
            { scenario: authoredLabAudit, seed: 5, shipped: false },
            { scenario: authoredLabAudit, seed: 5, shipped: false },
          ],
          createdAt: '2026-07-01T09:00:00.000Z',
        },
        hashing,
      ),
    ).rejects.toThrow(/twice/);
  });

  it('travels in a link fragment, compressed and base64url, and reads back the same', async () => {
    const assignment = await week3Assignment();
    const payload = encodeAssignmentPayload(assignment);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(payload.length).toBeLessThan(JSON.stringify(assignment).length);
    const link = assignmentLink('https://chartlab.school.edu/app/#/exercises', assignment);
    expect(link).toBe(`https://chartlab.school.edu/app/#/assignment/${payload}`);
    expect(await readAssignment(decodeAssignmentPayload(payload), hashing)).toEqual(assignment);
  });

  it('says a cut-off link is damaged', async () => {
    const payload = encodeAssignmentPayload(await week3Assignment());
    expect(() => decodeAssignmentPayload(payload.slice(0, 40))).toThrow(/damaged or cut off/);
    expect(() => decodeAssignmentPayload('abc$%')).toThrow(/damaged/);
  });
});
