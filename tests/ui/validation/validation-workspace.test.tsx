// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildExercise, scoreAnswers } from '@/domain/exercise/build-exercise';
import { ERROR_CATALOG } from '@/domain/exercise/error-catalog';
import type { ValidationExercise } from '@/domain/exercise/exercise-types';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { ValidationAnswers } from '@/domain/scoring/submission-schema';
import { ValidationExerciseWorkspace } from '@/ui/app/validation-workspace-view';
import { hostWorkspace, scenarioExercise } from '../../helpers/workspace-host';

afterEach(() => cleanup());

/** The medication safety audit at its own seed: a drug–allergy conflict, a duplicate and a stopped drug still active. */
const medicationSafetyAudit = scenarioExercise('scenarios/medication-safety-audit.json', (scenario, seed): ValidationExercise => {
  const exercise = buildExercise(scenario, seed);
  if (exercise.kind !== 'validation') throw new Error('medication-safety-audit is a validation scenario');
  return exercise;
});

let exercise: ValidationExercise;
beforeAll(() => {
  exercise = medicationSafetyAudit();
});

const empty: ValidationAnswers = { kind: 'validation', findings: [] };

/** Hosted the way the exercise session does; `onChange` sees every change. */
function renderWorkspace({ initial = empty, report, onChange }: { initial?: ValidationAnswers; report?: ScoreReport; onChange?: (next: ValidationAnswers) => void } = {}) {
  return hostWorkspace(ValidationExerciseWorkspace, { exercise, initial, report, onAnswers: onChange });
}

function errorOf(type: string) {
  const error = exercise.errors.find((e) => e.type === type);
  if (!error) throw new Error(`medication-safety-audit plants no ${type}`);
  return error;
}

function medicationName(ref: string): string {
  const statement = exercise.chart.medications.find((m) => `MedicationStatement/${m.id}` === ref);
  const name = statement?.medicationCodeableConcept?.text;
  if (!name) throw new Error(`no medication ${ref}`);
  return name;
}

function findingsPanel() {
  return screen.getByRole('region', { name: /^Findings/ });
}

async function openMedications(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('tab', { name: /^Medications/ }));
  return screen.getByRole('tabpanel', { name: /^Medications/ });
}

async function flagConflict(user: ReturnType<typeof userEvent.setup>) {
  const conflict = errorOf('drug-allergy-conflict');
  const panel = await openMedications(user);
  const flag = within(panel).getByRole('button', { name: `Flag ${medicationName(conflict.target)}` });
  await user.click(flag);
  return { conflict, flag };
}

describe('validation workspace', () => {
  it('opens the flag form from a medication row with the target prefilled and focus on the error type', async () => {
    const { user } = renderWorkspace();
    const { conflict } = await flagConflict(user);

    const dialog = screen.getByRole('dialog', { name: 'Flag an error' });
    expect(within(dialog).getByLabelText('Target')).toHaveValue(conflict.target);
    expect(within(dialog).getByText(medicationName(conflict.target))).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Error type')).toHaveFocus();
    // Every catalog type is offered, grouped by category, with the chosen one explained.
    expect(within(dialog).getAllByRole('group').length).toBeGreaterThanOrEqual(3);
    await user.selectOptions(within(dialog).getByLabelText('Error type'), 'Drug-allergy conflict');
    expect(within(dialog).getByLabelText('Error type')).toHaveAccessibleDescription(/belongs to a drug class the patient is documented to be allergic to/);
  });

  it('saves the type and correction as a finding through onChange and marks the row as flagged', async () => {
    const onChange = vi.fn();
    const { user } = renderWorkspace({ onChange });
    const { conflict } = await flagConflict(user);
    const dialog = screen.getByRole('dialog', { name: 'Flag an error' });
    await user.selectOptions(within(dialog).getByLabelText('Error type'), 'drug-allergy-conflict');
    await user.type(within(dialog).getByLabelText('Proposed correction'), 'Discontinue and contact the prescriber');
    await user.click(within(dialog).getByRole('button', { name: 'Save finding' }));

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith({
      kind: 'validation',
      findings: [{ target: conflict.target, errorType: 'drug-allergy-conflict', correction: 'Discontinue and contact the prescriber' }],
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Focus goes back to the Flag button that opened the form.
    expect(screen.getByRole('button', { name: `Flag ${medicationName(conflict.target)}` })).toHaveFocus();

    const panel = findingsPanel();
    expect(within(panel).getByRole('heading', { name: /Findings/ })).toHaveTextContent('Findings 1');
    expect(within(panel).getByText(medicationName(conflict.target))).toBeInTheDocument();
    expect(within(panel).getByText('Drug-allergy conflict')).toBeInTheDocument();
    expect(within(panel).getByRole('status')).toHaveTextContent(/Finding added: Medication: amoxicillin/);

    const row = screen.getByRole('button', { name: `Flag ${medicationName(conflict.target)}` }).closest('tr') as HTMLElement;
    expect(within(row).getByText('Flagged')).toBeInTheDocument();
  });

  it('requires an error type, and Escape closes the form without saving', async () => {
    const onChange = vi.fn();
    const { user } = renderWorkspace({ onChange });
    const { flag } = await flagConflict(user);
    const dialog = screen.getByRole('dialog', { name: 'Flag an error' });
    await user.click(within(dialog).getByRole('button', { name: 'Save finding' }));
    expect(within(dialog).getByLabelText('Error type')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText('Choose the type of error before saving.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Error type')).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
    expect(flag).toHaveFocus();
  });

  it('edits a finding in place', async () => {
    const conflict = errorOf('drug-allergy-conflict');
    const onChange = vi.fn();
    const initial: ValidationAnswers = { kind: 'validation', findings: [{ target: conflict.target, errorType: 'duplicate-entry', correction: '' }] };
    const { user } = renderWorkspace({ initial, onChange });

    await user.click(within(findingsPanel()).getByRole('button', { name: /^Edit finding 1/ }));
    const dialog = screen.getByRole('dialog', { name: 'Edit finding' });
    expect(within(dialog).getByLabelText('Error type')).toHaveValue('duplicate-entry');
    await user.selectOptions(within(dialog).getByLabelText('Error type'), 'drug-allergy-conflict');
    await user.type(within(dialog).getByLabelText('Proposed correction'), 'Discontinue');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    expect(onChange).toHaveBeenLastCalledWith({
      kind: 'validation',
      findings: [{ target: conflict.target, errorType: 'drug-allergy-conflict', correction: 'Discontinue' }],
    });
    expect(within(findingsPanel()).getByRole('heading', { name: /Findings/ })).toHaveTextContent('Findings 1');
    expect(within(findingsPanel()).getByRole('button', { name: /^Edit finding 1/ })).toHaveFocus();
  });

  it('removes a finding and puts it back in its place with Undo', async () => {
    const conflict = errorOf('drug-allergy-conflict');
    const duplicate = errorOf('duplicate-entry');
    const findings = [
      { target: conflict.target, errorType: 'drug-allergy-conflict', correction: 'Discontinue' },
      { target: duplicate.target, errorType: 'duplicate-entry', correction: 'Remove duplicate' },
    ];
    const onChange = vi.fn();
    const { user } = renderWorkspace({ initial: { kind: 'validation', findings }, onChange });

    await user.click(within(findingsPanel()).getByRole('button', { name: /^Remove finding 1/ }));
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'validation', findings: [findings[1]] });
    expect(within(findingsPanel()).getByRole('heading', { name: /Findings/ })).toHaveTextContent('Findings 1');
    const undo = within(findingsPanel()).getByRole('button', { name: 'Undo removing the finding' });
    expect(undo).toHaveFocus();
    expect(within(findingsPanel()).getByRole('status')).toHaveTextContent(/Removed the finding on Medication: amoxicillin/);

    await user.click(undo);
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'validation', findings });
    expect(within(findingsPanel()).getByRole('heading', { name: /Findings/ })).toHaveTextContent('Findings 2');
    expect(within(findingsPanel()).queryByRole('button', { name: /Undo/ })).not.toBeInTheDocument();
    expect(within(findingsPanel()).getByRole('button', { name: /^Edit finding 1/ })).toHaveFocus();
  });

  it('flags a source document as DocumentReference/<document id>', async () => {
    const onChange = vi.fn();
    const { user } = renderWorkspace({ onChange });
    const document = exercise.chart.documents.find((d) => d.kind === 'discharge-summary');
    if (!document) throw new Error('the audit chart has a discharge summary');
    const list = screen.getByRole('list', { name: 'Documents' });
    const item = within(list)
      .getAllByRole('listitem')
      .find((li) => within(li).queryByText(document.title) !== null);
    await user.click(within(item as HTMLElement).getByRole('button', { name: /^Flag Document: Discharge Summary/ }));

    const dialog = screen.getByRole('dialog', { name: 'Flag an error' });
    expect(within(dialog).getByLabelText('Target')).toHaveValue(`DocumentReference/${document.id}`);
    await user.selectOptions(within(dialog).getByLabelText('Error type'), 'missing-signature');
    await user.click(within(dialog).getByRole('button', { name: 'Save finding' }));
    expect(onChange).toHaveBeenLastCalledWith({
      kind: 'validation',
      findings: [{ target: `DocumentReference/${document.id}`, errorType: 'missing-signature', correction: '' }],
    });
    expect(within(findingsPanel()).getByText(/^Discharge Summary, \d\d\/\d\d\/\d{4}$/)).toBeInTheDocument();
  });

  it('flags the patient banner as Patient/<id>', async () => {
    const { user } = renderWorkspace();
    const banner = screen.getByRole('region', { name: new RegExp(exercise.chart.patient.name?.[0]?.family ?? '', 'i') });
    await user.click(within(banner).getByRole('button', { name: /^Flag Patient banner: / }));
    expect(within(screen.getByRole('dialog')).getByLabelText('Target')).toHaveValue(`Patient/${exercise.chart.patient.id}`);
  });

  it('after submission shows which findings matched, the false alarm, and the missed error with its evidence', async () => {
    const [first, second, missed] = exercise.errors;
    if (!first || !second || !missed) throw new Error('the audit plants three errors');
    const falseAlarm = exercise.chart.medications.find((m) => ![first, second, missed].some((e) => e.target === `MedicationStatement/${m.id}` || e.alsoAccept.includes(`MedicationStatement/${m.id}`)));
    if (!falseAlarm) throw new Error('the audit chart has an error-free medication');
    const answers: ValidationAnswers = {
      kind: 'validation',
      findings: [
        { target: first.target, errorType: first.type, correction: first.correction },
        { target: second.target, errorType: 'unit-error', correction: '' },
        { target: `MedicationStatement/${falseAlarm.id}`, errorType: 'duplicate-entry', correction: 'Remove duplicate' },
      ],
    };
    const report = scoreAnswers(exercise, answers);
    const { user } = renderWorkspace({ initial: answers, report });
    const panel = findingsPanel();

    // Read-only: no Flag, Edit or Remove.
    expect(screen.queryByRole('button', { name: /^Flag / })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /^(Edit|Remove) finding/ })).not.toBeInTheDocument();

    const items = [...within(panel).getByRole('list', { name: 'Your findings' }).children];
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Matches a planted error');
    expect(items[0]).toHaveTextContent(first.description);
    expect(items[1]).toHaveTextContent('Matches a planted error');
    // Flagged on the right target but classified as a unit error: found, type wrong, no correction.
    expect(items[1]).toHaveTextContent(`It is “${ERROR_CATALOG[second.type].label}”.`);
    expect(items[1]).toHaveTextContent(`Expected: ${second.correction}`);
    expect(items[2]).toHaveTextContent('False alarm');

    expect(within(panel).getByText('Precision').nextElementSibling).toHaveTextContent('66%');
    expect(within(panel).getByText('Recall').nextElementSibling).toHaveTextContent('66%');

    const missedSection = within(panel).getByRole('region', { name: /Missed errors/ });
    expect(missedSection).toHaveTextContent(missed.description);
    expect(missedSection).toHaveTextContent(missed.correction);
    const evidence = missed.evidence[0];
    if (!evidence) throw new Error('the missed error has evidence');
    const document = exercise.chart.documents.find((d) => d.id === evidence.documentId);
    await user.click(within(missedSection).getAllByRole('button', { name: new RegExp(`^Show in ${document?.title}`) })[0] as HTMLElement);

    const text = screen.getByRole('region', { name: `Text of ${document?.title}` });
    const marks = [...text.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toContain(document?.text.slice(evidence.start, evidence.end));
    expect(screen.getByRole('heading', { name: document?.title, level: 3 })).toHaveFocus();
  });
});
