// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { scoreAnswers } from '@/domain/exercise/build-exercise';
import { ScoreReport } from '@/ui/features/score-report/score-report';
import { allergyIntakeExercise, keyAnswersOf } from './exercise-fixtures';

afterEach(() => cleanup());

/** The key for allergy-intake-intro with the reaction wrong, one medication left out and one made up. */
function reportWithMistakes() {
  const exercise = allergyIntakeExercise();
  const answers = keyAnswersOf(exercise);
  (answers.allergies[0] as { reaction: string }).reaction = 'nausea';
  answers.medications.pop();
  answers.medications.push({ drug: 'warfarin', dose: '5 mg', route: 'by mouth', frequency: 'daily' });
  return { exercise, report: scoreAnswers(exercise, answers) };
}

function renderReport() {
  const { exercise, report } = reportWithMistakes();
  const user = userEvent.setup();
  render(<ScoreReport report={report} documents={exercise.documents} />);
  return { user, report };
}

const items = () => screen.getAllByRole('listitem').filter((li) => li.classList.contains('feedback-item'));

describe('score report', () => {
  it('shows the score against the pass mark and the points of each section', () => {
    const { report } = renderReport();
    const percent = `${Math.floor(report.score * 100)}%`;
    expect(report.passed).toBe(false);
    expect(screen.getByRole('img', { name: `Score ${percent}, pass mark 80%` })).toBeInTheDocument();
    expect(screen.getByText('Not passed')).toBeInTheDocument();
    const bars = screen.getByRole('figure', { name: /Score by section/ });
    expect(within(bars).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      // The reaction is 1 of 4 allergy points; the left-out drug costs 5 and the made-up one adds 1 to 10.
      'Allergies75% 3 of 4 points',
      'Medications45% 5 of 11 points',
    ]);
  });

  it('lists each item with what was expected, what was entered and why it matters', () => {
    renderReport();
    const wrong = items().find((li) => li.textContent?.includes('— reaction')) as HTMLElement;
    expect(within(wrong).getByText('Wrong')).toBeInTheDocument();
    expect(within(wrong).getByText('Expected').nextElementSibling).toHaveTextContent('anaphylaxis');
    expect(within(wrong).getByText('You entered').nextElementSibling).toHaveTextContent('nausea');
    expect(wrong).toHaveTextContent(/Why it matters: The reaction tells prescribers/);

    const missing = items().find((li) => li.textContent?.includes('Medication: losartan') && li.textContent.includes('— drug')) as HTMLElement;
    expect(within(missing).getByText('Missing')).toBeInTheDocument();
    expect(within(missing).getByText('You entered').nextElementSibling).toHaveTextContent('Not recorded');

    const extra = items().find((li) => li.textContent?.includes('Not in the record: warfarin')) as HTMLElement;
    expect(within(extra).getByText('Expected').nextElementSibling).toHaveTextContent('Nothing: the documents do not support it');
  });

  it('opens the document with the evidence marked when asked', async () => {
    const { user } = renderReport();
    const wrong = items().find((li) => li.textContent?.includes('— reaction')) as HTMLElement;
    const button = within(wrong).getByRole('button', { name: /^Show evidence for Allergy: penicillin G — reaction/ });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const text = within(wrong).getByRole('region', { name: /^Evidence for Allergy: penicillin G — reaction: text of / });
    expect([...text.querySelectorAll('mark')].map((m) => m.textContent?.toLowerCase())).toContainEqual(expect.stringContaining('anaphylaxis'));
    await user.click(button);
    expect(within(wrong).queryByRole('region', { name: /^Evidence for/ })).not.toBeInTheDocument();
  });

  it('shows only what was missed when the filter is on', async () => {
    const { user, report } = renderReport();
    const missed = report.items.filter((i) => i.verdict !== 'correct');
    expect(items()).toHaveLength(report.items.length);
    await user.click(screen.getByRole('checkbox', { name: 'Only what I missed' }));
    expect(items()).toHaveLength(missed.length);
    expect(screen.queryByText('Correct', { selector: '.feedback-item .verdict-badge' })).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(`Showing ${missed.length} of ${report.items.length} items`);
    await user.click(screen.getByRole('checkbox', { name: 'Only what I missed' }));
    expect(items()).toHaveLength(report.items.length);
  });
});
