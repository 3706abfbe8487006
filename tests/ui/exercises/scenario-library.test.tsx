// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SKILL_DOMAIN_LABELS } from '@/domain/scenario/scenario-schema';
import { App } from '@/ui/app/app';
import ExercisesPage from '@/ui/app/exercises-page';
import { scenarioCatalog } from '@/ui/app/scenario-catalog';
import { variantSeed } from '@/ui/features/scenario-library/variant-seed';
import { resetExerciseApp } from './exercise-fixtures';

beforeEach(() => resetExerciseApp('#/exercises'));
afterEach(() => cleanup());

const all = scenarioCatalog.scenarios;

function renderLibrary(navigate: (hash: string) => void = () => {}) {
  const user = userEvent.setup();
  render(<ExercisesPage route={{ section: 'exercises', params: new URLSearchParams() }} navigate={navigate} />);
  return { user };
}

const cardTitles = () => screen.getAllByRole('article').map((a) => within(a).getByRole('heading', { level: 3 }).textContent);

describe('scenario library', () => {
  it('is the Exercises section of the app, reached from the main navigation', async () => {
    resetExerciseApp('#/chart');
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('link', { name: 'Exercises' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Exercises' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Exercises' })).toHaveAttribute('aria-current', 'page');
  });

  it('lists every scenario as a card with its kind, difficulty, objectives, time limit and pass mark', () => {
    renderLibrary();
    expect(screen.getByRole('status')).toHaveTextContent(`Showing ${all.length} of ${all.length} exercises`);
    expect(screen.getAllByRole('article')).toHaveLength(all.length);
    const card = screen.getByRole('article', { name: 'Allergies and home medications from the intake form' });
    expect(card).toHaveTextContent('Recording');
    expect(card).toHaveTextContent('Intro');
    expect(card).toHaveTextContent('Recognise NKDA and common abbreviations such as PCN');
    expect(within(card).getByText('Time limit').nextElementSibling).toHaveTextContent('20 min');
    expect(within(card).getByText('Pass mark').nextElementSibling).toHaveTextContent('80%');
    expect(within(card).getByRole('link', { name: /^Start/ })).toHaveAttribute('href', '#/exercise/allergy-intake-intro?seed=1101');
    // Plain labels for every kind of task, grouped under the skill domains.
    const kinds = screen.getByLabelText('Task');
    for (const label of ['Recording', 'Organizing: filing', 'Organizing: MPI', 'Validating']) {
      expect(within(kinds).getByRole('option', { name: new RegExp(`^${label} \\(`) })).toBeInTheDocument();
    }
    expect(screen.getByRole('heading', { level: 2, name: /^Data abstraction/ })).toBeInTheDocument();
  });

  it('filters by skill domain and difficulty', async () => {
    const { user } = renderLibrary();
    const domain = screen.getByLabelText('Skill domain');
    await user.selectOptions(domain, 'data-abstraction');
    const abstraction = all.filter((s) => s.domain === 'data-abstraction');
    expect(screen.getByRole('status')).toHaveTextContent(`Showing ${abstraction.length} of ${all.length} exercises`);
    expect(cardTitles()).toEqual(abstraction.map((s) => s.title));
    expect(screen.queryByRole('heading', { level: 2, name: new RegExp(`^${SKILL_DOMAIN_LABELS['mpi-integrity']}`) })).not.toBeInTheDocument();

    // The next filter is one Tab away (jsdom does not emulate arrow keys in a select, so pick the option).
    await user.tab();
    expect(screen.getByLabelText('Difficulty')).toHaveFocus();
    await user.selectOptions(screen.getByLabelText('Difficulty'), 'intro');
    const intro = abstraction.filter((s) => s.difficulty === 'intro');
    expect(screen.getByLabelText('Difficulty')).toHaveValue('intro');
    expect(cardTitles()).toEqual(intro.map((s) => s.title));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getAllByRole('article')).toHaveLength(all.length);
  });

  it('finds scenarios by words of their title or objectives and says when nothing matches', async () => {
    const { user } = renderLibrary();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'abbrev PCN');
    expect(cardTitles()).toEqual(['Allergies and home medications from the intake form']);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), ' zebra');
    expect(screen.getByRole('heading', { name: 'No exercises match' })).toBeInTheDocument();
  });

  it('opens a new variant at another seed within the scenario’s seed range', async () => {
    const navigate = vi.fn();
    const { user } = renderLibrary(navigate);
    const card = screen.getByRole('article', { name: 'Allergies and home medications from the intake form' });
    await user.click(within(card).getByRole('button', { name: /^New variant/ }));
    const [hash] = navigate.mock.calls[0] as [string];
    const seed = Number(/seed=(\d+)$/.exec(hash)?.[1]);
    expect(hash).toMatch(/^#\/exercise\/allergy-intake-intro\?seed=\d+$/);
    expect(seed).toBeGreaterThanOrEqual(1101);
    expect(seed).toBeLessThanOrEqual(1199);
    expect(seed).not.toBe(1101);
  });

  it('draws variant seeds uniformly from the range without repeating the current one', () => {
    const seen = new Set<number>();
    for (let r = 0; r < 50; r++) seen.add(variantSeed([10, 14], 12, () => r));
    expect([...seen].sort()).toEqual([10, 11, 13, 14]);
    expect(variantSeed([7, 7], 7, () => 3)).toBe(7);
    expect(variantSeed(undefined, 42, () => 3)).toBe(42);
  });
});
