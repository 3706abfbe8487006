// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { chartForSeed, chartWithAllergyNote, renderChart } from './chart-fixtures';

afterEach(() => cleanup());

describe('source documents and evidence', () => {
  it('highlights the evidence for an allergy picked in the banner, in the document that states it', async () => {
    const { chart } = chartWithAllergyNote();
    const { user } = renderChart(chart);
    const pane = screen.getByRole('region', { name: /Source documents/ });
    // The registration sheet is newest-first second, but the note is the one citing the allergy.
    const badge = within(screen.getByRole('list', { name: 'Allergies' })).getByRole('button', { name: /Penicillin G/ });
    await user.click(badge);

    expect(badge).toHaveAttribute('aria-pressed', 'true');
    expect(within(pane).getByRole('heading', { name: 'Nursing admission note' })).toBeInTheDocument();
    const text = within(pane).getByRole('region', { name: 'Text of Nursing admission note' });
    const marks = text.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['Penicillin G', 'anaphylaxis, hives']);
    expect(within(pane).getByRole('status')).toHaveTextContent('“Penicillin G allergy”, 2 passages in Nursing admission note');

    // Pressing it again clears the highlight.
    await user.click(badge);
    expect(badge).toHaveAttribute('aria-pressed', 'false');
    expect(text.querySelectorAll('mark')).toHaveLength(0);
  });

  it('works from the keyboard: Enter on an allergy row in the Allergies section', async () => {
    const { chart } = chartWithAllergyNote();
    const { user } = renderChart(chart);
    await user.click(screen.getByRole('tab', { name: /^Allergies/ }));
    const panel = screen.getByRole('tabpanel', { name: /^Allergies/ });
    within(panel).getByRole('button', { name: 'Penicillin G' }).focus();
    await user.keyboard('{Enter}');
    const text = screen.getByRole('region', { name: 'Text of Nursing admission note' });
    expect(text.querySelector('mark')).toHaveTextContent('Penicillin G');
  });

  it('says so when a fact has no evidence in any document', async () => {
    const { chart } = chartWithAllergyNote();
    const { user } = renderChart(chart);
    await user.click(screen.getByRole('tab', { name: /^Problems/ }));
    const condition = chart.conditions[0];
    await user.click(screen.getAllByRole('button', { name: new RegExp(`^${condition?.code?.text}`) })[0] as HTMLElement);
    const pane = screen.getByRole('region', { name: /Source documents/ });
    expect(within(pane).getByRole('status')).toHaveTextContent(/No evidence found\. No source document text is linked to/);
    expect(pane.querySelectorAll('mark:not(.evidence__swatch)')).toHaveLength(0);
  });

  it('opens a document from the Documents section and moves focus to it', async () => {
    const { chart } = chartWithAllergyNote();
    const { user } = renderChart(chart);
    await user.click(screen.getByRole('tab', { name: /^Documents/ }));
    await user.click(screen.getByRole('button', { name: 'Registration face sheet' }));
    const heading = screen.getByRole('heading', { name: 'Registration face sheet', level: 3 });
    expect(heading).toHaveFocus();
    expect(screen.getByRole('region', { name: 'Text of Registration face sheet' })).toHaveTextContent('No clinical content.');
  });

  it('explains when a chart has no source documents', () => {
    const chart = chartForSeed(42);
    chart.documents = [];
    renderChart(chart);
    const pane = screen.getByRole('region', { name: /Source documents/ });
    expect(within(pane).getByText('No source documents have been rendered for this chart.')).toBeInTheDocument();
  });
});
