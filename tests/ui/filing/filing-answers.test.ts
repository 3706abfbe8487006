import { describe, expect, it } from 'vitest';
import type { FilingAnswers } from '@/domain/scoring/submission-schema';
import { fileDocument, folderOf, moveDocument, restorePlacement, unfileDocument } from '@/ui/features/filing/filing-answers';

const answers = (...placements: [string, string, number][]): FilingAnswers => ({
  kind: 'filing',
  placements: placements.map(([documentId, patientId, position]) => ({ documentId, patientId, section: 'laboratory', position })),
});

const order = (a: FilingAnswers, patientId: string) => folderOf(a, patientId).map((p) => `${p.documentId}${p.position}`);

describe('filing answer edits', () => {
  it('puts a newly filed document last in its folder', () => {
    const next = fileDocument(answers(['a', 'p1', 1]), 'b', 'p1', 'medications');
    expect(order(next, 'p1')).toEqual(['a1', 'b2']);
    expect(next.placements.find((p) => p.documentId === 'b')?.section).toBe('medications');
  });

  it('closes the gap in the old folder when a document moves to another patient', () => {
    const next = fileDocument(answers(['a', 'p1', 1], ['b', 'p1', 2], ['c', 'p1', 3], ['d', 'p2', 1]), 'b', 'p2', 'laboratory');
    expect(order(next, 'p1')).toEqual(['a1', 'c2']);
    expect(order(next, 'p2')).toEqual(['d1', 'b2']);
  });

  it('refiling in the same folder changes only the section', () => {
    const next = fileDocument(answers(['a', 'p1', 1], ['b', 'p1', 2]), 'a', 'p1', 'registration');
    expect(order(next, 'p1')).toEqual(['a1', 'b2']);
    expect(next.placements[0]?.section).toBe('registration');
  });

  it('moves within a folder and stops at either end', () => {
    const start = answers(['a', 'p1', 1], ['b', 'p1', 2], ['c', 'p1', 3]);
    expect(order(moveDocument(start, 'c', -1), 'p1')).toEqual(['a1', 'c2', 'b3']);
    expect(moveDocument(start, 'a', -1)).toBe(start);
    expect(moveDocument(start, 'c', 1)).toBe(start);
  });

  it('undoes an unfile by putting the document back at its position', () => {
    const start = answers(['a', 'p1', 1], ['b', 'p1', 2], ['c', 'p1', 3]);
    const { answers: without, removed } = unfileDocument(start, 'b');
    expect(order(without, 'p1')).toEqual(['a1', 'c2']);
    expect(removed).toMatchObject({ documentId: 'b', position: 2 });
    expect(order(restorePlacement(without, removed as NonNullable<typeof removed>), 'p1')).toEqual(['a1', 'b2', 'c3']);
  });

  it('[regression] heals gaps and ties from a saved draft on the next edit', () => {
    const next = moveDocument(answers(['a', 'p1', 4], ['b', 'p1', 4], ['c', 'p1', 9]), 'c', -1);
    expect(order(next, 'p1')).toEqual(['a1', 'c2', 'b3']);
  });
});
