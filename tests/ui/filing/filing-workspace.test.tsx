// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SourceDocument } from '@/domain/chart/chart-types';
import type { FilingExercise, FilingKeyEntry } from '@/domain/exercise/exercise-types';
import { FILING_SECTION_LABELS, filingKeyAnswers, scoreFiling } from '@/domain/exercise/filing';
import type { FilingAnswers } from '@/domain/scoring/submission-schema';
import { formatDate } from '@/ui/components/chart-format';
import { documentLabel, printedIdentifiers } from '@/ui/features/filing/filing-answers';
import { lookalikeFiling, renderFiling } from './filing-fixtures';

afterEach(() => cleanup());

function docOf(ex: FilingExercise, documentId: string) {
  const doc = ex.pile.find((d) => d.id === documentId);
  if (!doc) throw new Error(`no document ${documentId}`);
  return doc;
}

function cardOf(ex: FilingExercise, patientId: string) {
  const card = ex.patients.find((c) => c.patientId === patientId);
  if (!card) throw new Error(`no patient ${patientId}`);
  return card;
}

/** A patient's key entries, oldest first. */
function entriesOf(ex: FilingExercise, patientId: string): FilingKeyEntry[] {
  return ex.key.filter((k) => k.patientId === patientId).sort((a, b) => a.position - b.position);
}

function folderList(ex: FilingExercise, patientId: string) {
  const card = cardOf(ex, patientId);
  return screen.getByRole('list', { name: `Documents in the chart of ${card.name}, MRN ${card.mrn}, oldest first` });
}

/** A document's card in the pile: its title, date and the MRN it prints. */
function pileButton(doc: SourceDocument): HTMLElement {
  const { mrn } = printedIdentifiers(doc);
  const matches = within(screen.getByRole('list', { name: 'Loose documents' }))
    .getAllByRole('button')
    .filter((b) => b.textContent?.includes(doc.title) && b.textContent.includes(formatDate(doc.date)) && b.textContent.includes(mrn ?? ''));
  expect(matches).toHaveLength(1);
  return matches[0] as HTMLElement;
}

/** Document titles in a folder, top to bottom. */
function titlesIn(list: HTMLElement): string[] {
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.filed-doc__title')?.textContent ?? '');
}

describe('filing workspace', () => {
  it('files the open document from the keyboard and calls onChange with the placement', async () => {
    const onAnswers = vi.fn();
    const { user, exercise } = renderFiling({ onAnswers });
    const first = exercise.pile[0];
    const key = exercise.key.find((k) => k.documentId === first?.id);
    if (!first || !key) throw new Error('empty pile');
    const card = cardOf(exercise, key.patientId);
    expect(screen.getByText('0 of 12 filed')).toBeInTheDocument();

    // Open it from the pile: focus goes to the document.
    const pile = screen.getByRole('list', { name: 'Loose documents' });
    within(pile).getAllByRole('button')[0]?.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { level: 3, name: first.title })).toHaveFocus();

    // The namesakes differ only by DOB and MRN, which every option shows.
    screen.getByRole('radio', { name: new RegExp(card.mrn) }).focus();
    await user.keyboard(' ');
    await user.selectOptions(screen.getByLabelText('Chart section'), FILING_SECTION_LABELS[key.section]);
    screen.getByRole('button', { name: 'File document' }).focus();
    await user.keyboard('{Enter}');

    expect(onAnswers).toHaveBeenCalledTimes(1);
    expect(onAnswers).toHaveBeenLastCalledWith({
      kind: 'filing',
      placements: [{ documentId: first.id, patientId: key.patientId, section: key.section, position: 1 }],
    });
    expect(screen.getByText('1 of 12 filed')).toBeInTheDocument();
    expect(within(folderList(exercise, key.patientId)).getByRole('button', { name: first.title })).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Loose documents' })).getAllByRole('listitem')).toHaveLength(11);
    expect(screen.getByRole('status')).toHaveTextContent(`Filed “${documentLabel(first)}” to ${card.name} (MRN ${card.mrn})`);
    // The next loose document opens, ready to read.
    expect(screen.getByRole('heading', { level: 3, name: exercise.pile[1]?.title })).toHaveFocus();
  });

  it('says what is missing instead of filing when no patient or section is chosen', async () => {
    const onAnswers = vi.fn();
    const { user } = renderFiling({ onAnswers });
    await user.click(screen.getByRole('button', { name: 'File document' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the patient and the chart section first.');
    expect(onAnswers).not.toHaveBeenCalled();
  });

  it('reorders a folder with Up and Down and keeps focus on the moved document', async () => {
    const exercise = lookalikeFiling();
    const patientId = exercise.key[0]?.patientId as string;
    const [a, b] = entriesOf(exercise, patientId);
    if (!a || !b) throw new Error('a patient with two documents');
    // Filed in the wrong order: the newer document first.
    const initial: FilingAnswers = {
      kind: 'filing',
      placements: [
        { documentId: b.documentId, patientId, section: b.section, position: 1 },
        { documentId: a.documentId, patientId, section: a.section, position: 2 },
      ],
    };
    const onAnswers = vi.fn();
    const { user } = renderFiling({ initial, onAnswers });
    const docA = docOf(exercise, a.documentId);
    const docB = docOf(exercise, b.documentId);
    expect(titlesIn(folderList(exercise, patientId))).toEqual([docB.title, docA.title]);

    const down = screen.getByRole('button', { name: `Down: move “${documentLabel(docB)}” later` });
    await user.click(down);

    expect(onAnswers).toHaveBeenLastCalledWith({
      kind: 'filing',
      placements: [
        { documentId: b.documentId, patientId, section: b.section, position: 2 },
        { documentId: a.documentId, patientId, section: a.section, position: 1 },
      ],
    });
    expect(titlesIn(folderList(exercise, patientId))).toEqual([docA.title, docB.title]);
    // Down is disabled at the bottom, so focus lands on Up of the same document.
    expect(screen.getByRole('button', { name: `Down: move “${documentLabel(docB)}” later` })).toBeDisabled();
    expect(screen.getByRole('button', { name: `Up: move “${documentLabel(docB)}” earlier` })).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(titlesIn(folderList(exercise, patientId))).toEqual([docB.title, docA.title]);
  });

  it('returns an unfiled document to the pile, and Undo puts it back in its place', async () => {
    const exercise = lookalikeFiling();
    const patientId = exercise.key[0]?.patientId as string;
    const entries = entriesOf(exercise, patientId).slice(0, 3);
    const initial: FilingAnswers = {
      kind: 'filing',
      placements: entries.map((e, i) => ({ documentId: e.documentId, patientId, section: e.section, position: i + 1 })),
    };
    const onAnswers = vi.fn();
    const { user } = renderFiling({ initial, onAnswers });
    const middle = docOf(exercise, entries[1]?.documentId as string);
    expect(screen.getByText('3 of 12 filed')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: `Unfile “${documentLabel(middle)}”, back to the pile` }));

    const last = onAnswers.mock.lastCall?.[0] as FilingAnswers;
    expect(last.placements.map((p) => [p.documentId, p.position])).toEqual([
      [entries[0]?.documentId, 1],
      [entries[2]?.documentId, 2],
    ]);
    expect(pileButton(middle)).toBeInTheDocument();
    expect(screen.getByText('2 of 12 filed')).toBeInTheDocument();
    const undo = screen.getByRole('button', { name: /^Undo/ });
    expect(undo).toHaveFocus();

    await user.keyboard('{Enter}');
    const restored = onAnswers.mock.lastCall?.[0] as FilingAnswers;
    expect([...restored.placements].sort((x, y) => x.position - y.position)).toEqual(initial.placements);
    expect(titlesIn(folderList(exercise, patientId))[1]).toBe(middle.title);
    expect(screen.queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: middle.title })).toHaveFocus();
  });

  it('refiles a filed document to another section without changing its place', async () => {
    const exercise = lookalikeFiling();
    const patientId = exercise.key[0]?.patientId as string;
    const [a, b] = entriesOf(exercise, patientId);
    if (!a || !b) throw new Error('a patient with two documents');
    const initial: FilingAnswers = {
      kind: 'filing',
      placements: [
        { documentId: a.documentId, patientId, section: a.section, position: 1 },
        { documentId: b.documentId, patientId, section: 'registration', position: 2 },
      ],
    };
    const onAnswers = vi.fn();
    const { user } = renderFiling({ initial, onAnswers });
    await user.click(within(folderList(exercise, patientId)).getByRole('button', { name: docOf(exercise, b.documentId).title }));
    expect(screen.getByRole('heading', { name: 'Refile this document' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Chart section'), FILING_SECTION_LABELS[b.section]);
    await user.click(screen.getByRole('button', { name: 'Refile document' }));
    expect(onAnswers).toHaveBeenLastCalledWith({
      kind: 'filing',
      placements: [initial.placements[0], { documentId: b.documentId, patientId, section: b.section, position: 2 }],
    });
  });

  it('after submission shows each placement read-only with its verdict, the note and the evidence', async () => {
    const exercise = lookalikeFiling();
    // The key, but one document of a namesake filed to the other namesake.
    const namesakes = exercise.patients.filter((c) => exercise.patients.some((o) => o !== c && o.name === c.name));
    const [truth, other] = namesakes;
    if (!truth || !other) throw new Error('the scenario has namesakes');
    const misfiled = entriesOf(exercise, truth.patientId)[0] as FilingKeyEntry;
    const answers = filingKeyAnswers(exercise);
    answers.placements = answers.placements.map((p) =>
      p.documentId === misfiled.documentId ? { ...p, patientId: other.patientId, position: 5 } : p,
    );
    const report = scoreFiling(exercise, answers);
    const onAnswers = vi.fn();
    const { user } = renderFiling({ initial: answers, report, onAnswers });

    expect(screen.queryByRole('button', { name: /File document|Refile document/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Up:/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Unfile/ })).not.toBeInTheDocument();
    const summary = screen.getByRole('heading', { name: 'Filing results' }).parentElement as HTMLElement;
    expect(within(summary).getByText('Right patient').nextElementSibling).toHaveTextContent('11 of 12');

    const doc = docOf(exercise, misfiled.documentId);
    const item = within(folderList(exercise, other.patientId))
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes(doc.title) && li.textContent.includes('Wrong')) as HTMLElement;
    expect(item).toHaveTextContent(/Patient\s*Wrong/);
    expect(item).toHaveTextContent(`Same name, but the DOB on the document is`);
    expect(item).toHaveTextContent(`not the ${other.name}`);
    // Right documents say so in one line.
    expect(within(folderList(exercise, truth.patientId)).getAllByText('Correct').length).toBeGreaterThan(0);

    await user.click(within(item).getByRole('button', { name: /^Show evidence/ }));
    const text = screen.getByRole('region', { name: `Text of ${doc.title}` });
    const marks = [...text.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks.join(' ')).toContain(truth.mrn);
    expect(screen.getByText(/You filed it to/)).toHaveTextContent(`${other.name} (MRN ${other.mrn})`);
    expect(onAnswers).not.toHaveBeenCalled();
  });
});
