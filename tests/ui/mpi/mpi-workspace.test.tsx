// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MpiExercise, MpiRecord } from '@/domain/exercise/exercise-types';
import { MPI_SURVIVOR_RULE, mpiKeyAnswers, scoreMpi } from '@/domain/exercise/mpi';
import type { MpiAnswers } from '@/domain/scoring/submission-schema';
import { indexName } from '@/ui/features/mpi/mpi-answers';
import { nameChangesMpi, renderMpi } from './mpi-fixtures';

afterEach(() => cleanup());

function recordOf(ex: MpiExercise, recordId: string): MpiRecord {
  const r = ex.records.find((x) => x.recordId === recordId);
  if (!r) throw new Error(`no record ${recordId}`);
  return r;
}

function checkbox(r: MpiRecord): HTMLElement {
  return screen.getByRole('checkbox', { name: `Select ${r.recordId}, ${indexName(r)}` });
}

/** The first duplicate pair of the key, the duplicate first. */
function keyPair(ex: MpiExercise) {
  const group = ex.key[0];
  if (!group || group.recordIds.length !== 2) throw new Error('the scenario has a duplicate pair');
  const survivor = recordOf(ex, group.survivorId);
  const duplicate = recordOf(ex, group.recordIds.find((id) => id !== group.survivorId) as string);
  return { group, survivor, duplicate };
}

function compareRow(field: string): HTMLElement {
  const table = screen.getByRole('table', { name: /vs/ });
  const header = within(table).getByRole('rowheader', { name: field });
  return header.closest('tr') as HTMLElement;
}

describe('MPI workspace', () => {
  it('shows the survivor rule and links two selected records with the earliest created as survivor', async () => {
    const onAnswers = vi.fn();
    const { user, exercise } = renderMpi({ onAnswers });
    const { survivor, duplicate } = keyPair(exercise);
    expect(screen.getByText(MPI_SURVIVOR_RULE)).toBeInTheDocument();

    // Select with the keyboard: the duplicate (created later) first.
    checkbox(duplicate).focus();
    await user.keyboard(' ');
    checkbox(survivor).focus();
    await user.keyboard(' ');
    expect(checkbox(duplicate)).toBeChecked();

    const picker = screen.getByRole('group', { name: 'Survivor of the merge' });
    const suggested = within(picker).getByRole('radio', { name: new RegExp(`^${survivor.recordId} .*earliest created: suggested`) });
    expect(suggested).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Link as same person' }));
    expect(onAnswers).toHaveBeenLastCalledWith({
      kind: 'mpi',
      groups: [{ recordIds: [survivor.recordId, duplicate.recordId].sort(), survivorId: survivor.recordId }],
    });
    const heading = screen.getByRole('heading', { name: new RegExp(`^Person 1: ${survivor.given}`) });
    expect(heading).toHaveFocus();
    const members = within(screen.getByRole('list', { name: 'Records of Person 1' })).getAllByRole('listitem');
    expect(members.find((li) => li.textContent?.includes(survivor.recordId))).toHaveTextContent('Survivor');
    // The selection is cleared and the index shows the link.
    expect(checkbox(duplicate)).not.toBeChecked();
    expect(checkbox(survivor).closest('tr')).toHaveTextContent('Person 1 Survivor');
  });

  it('compares the selected records side by side and marks the fields that differ', async () => {
    const { user, exercise } = renderMpi();
    const { survivor, duplicate } = keyPair(exercise);
    await user.click(checkbox(survivor));
    await user.click(checkbox(duplicate));

    const table = screen.getByRole('table', { name: new RegExp(`${survivor.recordId} vs ${duplicate.recordId}`) });
    expect(within(table).getByRole('columnheader', { name: survivor.recordId })).toBeInTheDocument();
    // A maiden-name duplicate: same DOB, another family name.
    expect(survivor.birthDate).toBe(duplicate.birthDate);
    expect(compareRow('DOB')).toHaveTextContent('= Same');
    expect(compareRow('Family name')).toHaveTextContent('≠ Differs');
    expect(compareRow('Family name')).toHaveTextContent(survivor.family);
    expect(compareRow('Family name')).toHaveTextContent(duplicate.family);
    // Every registration has its own MRN: shown, never flagged.
    expect(compareRow('MRN')).toHaveTextContent('Own to each');
  });

  it('unlinks a group, and Undo links it again in the same place', async () => {
    const exercise = nameChangesMpi();
    const initial = mpiKeyAnswers(exercise);
    const onAnswers = vi.fn();
    const { user } = renderMpi({ initial, onAnswers });
    expect(screen.getAllByRole('button', { name: /^Unlink Person/ })).toHaveLength(initial.groups.length);

    await user.click(screen.getByRole('button', { name: 'Unlink Person 1' }));
    expect(onAnswers).toHaveBeenLastCalledWith({ kind: 'mpi', groups: initial.groups.slice(1) });
    expect(screen.getAllByRole('button', { name: /^Unlink Person/ })).toHaveLength(initial.groups.length - 1);
    const undo = screen.getByRole('button', { name: /^Undo/ });
    expect(undo).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(onAnswers).toHaveBeenLastCalledWith(initial);
    expect(screen.getByRole('heading', { name: /^Person 1:/ })).toHaveFocus();
  });

  it('changes the survivor of a linked group', async () => {
    const exercise = nameChangesMpi();
    const { group, duplicate } = keyPair(exercise);
    const initial: MpiAnswers = { kind: 'mpi', groups: [{ recordIds: group.recordIds, survivorId: group.survivorId }] };
    const onAnswers = vi.fn();
    const { user } = renderMpi({ initial, onAnswers });
    const select = screen.getByRole('combobox', { name: 'Survivor' });
    expect(select).toHaveValue(group.survivorId);
    await user.selectOptions(select, duplicate.recordId);
    expect(onAnswers).toHaveBeenLastCalledWith({ kind: 'mpi', groups: [{ recordIds: group.recordIds, survivorId: duplicate.recordId }] });
    expect(select).toHaveValue(duplicate.recordId);
  });

  it('searches and sorts the index', async () => {
    const { user, exercise } = renderMpi();
    const { survivor } = keyPair(exercise);
    const table = screen.getByRole('table', { name: /Master patient index/ });
    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(exercise.records.length);

    await user.type(screen.getByRole('searchbox', { name: 'Search the index' }), survivor.ssnLast4 ?? survivor.phone);
    const matching = exercise.records.filter((r) => r.ssnLast4 === survivor.ssnLast4 || r.phone.includes(survivor.ssnLast4 ?? '~'));
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThan(exercise.records.length);
    expect(rows().length).toBe(matching.length);
    expect(screen.getByText(`${matching.length} of ${exercise.records.length} records shown`)).toBeInTheDocument();

    await user.clear(screen.getByRole('searchbox', { name: 'Search the index' }));
    const dobHeader = within(table).getByRole('columnheader', { name: /DOB/ });
    await user.click(within(dobHeader).getByRole('button'));
    expect(dobHeader).toHaveAttribute('aria-sort', 'ascending');
    const oldest = [...exercise.records].sort((a, b) => a.birthDate.localeCompare(b.birthDate))[0] as MpiRecord;
    expect(within(rows()[0] as HTMLElement).getByRole('rowheader')).toHaveTextContent(oldest.recordId);
    await user.click(within(dobHeader).getByRole('button'));
    expect(dobHeader).toHaveAttribute('aria-sort', 'descending');
  });

  it('after submission shows verdicts, the missed duplicate, the wrong link and precision and recall, read-only', () => {
    const exercise = nameChangesMpi();
    const key = mpiKeyAnswers(exercise);
    const decoy = exercise.decoys[0];
    if (!decoy) throw new Error('the scenario has a look-alike');
    // Leave out one true group and link the look-alike pair instead.
    const missed = key.groups.find((g) => !g.recordIds.some((id) => decoy.recordIds.includes(id)));
    if (!missed) throw new Error('a group away from the decoy');
    const answers: MpiAnswers = {
      kind: 'mpi',
      groups: [...key.groups.filter((g) => g !== missed && !g.recordIds.some((id) => decoy.recordIds.includes(id))), { recordIds: [...decoy.recordIds], survivorId: decoy.recordIds[0] }],
    };
    const report = scoreMpi(exercise, answers);
    renderMpi({ initial: answers, report });

    expect(screen.queryByRole('button', { name: 'Link as same person' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Unlink/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Survivor' })).not.toBeInTheDocument();

    expect(screen.getByText('Precision').nextElementSibling).toHaveTextContent(`${Math.floor((report.metrics?.precision ?? 0) * 100)}%`);
    expect(screen.getByText('Recall').nextElementSibling).toHaveTextContent(`${Math.floor((report.metrics?.recall ?? 0) * 100)}%`);

    const missedSection = screen.getByRole('region', { name: /Missed duplicates/ });
    const missedDuplicate = missed.recordIds.find((id) => id !== missed.survivorId) as string;
    expect(missedSection).toHaveTextContent(`Not linked: ${missedDuplicate} is`);

    const groups = screen.getByRole('region', { name: /Linked as same person/ });
    const overlay = within(groups)
      .getAllByRole('listitem')
      .find((li) => li.classList.contains('link-group') && li.textContent?.includes(decoy.recordIds[0])) as HTMLElement;
    expect(overlay).toHaveTextContent('Wrong');
    expect(overlay).toHaveTextContent(`Different people — ${decoy.reason}`);
    const right = within(groups)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('link-group') && li !== overlay);
    expect(right.length).toBeGreaterThan(0);
    for (const li of right) expect(li).toHaveTextContent('Correct');
  });
});
