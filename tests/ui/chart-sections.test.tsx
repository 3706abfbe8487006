// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { chartForSeed, renderChart } from './chart-fixtures';

afterEach(() => cleanup());

const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const SECTIONS = ['Summary', 'Problems', 'Medications', 'Allergies', 'Immunizations', 'Vitals', 'Labs', 'Encounters', 'History', 'Documents'];

function flagCount(chart: ReturnType<typeof chartForSeed>, flag: string): number {
  return chart.labs.filter((o) => o.interpretation?.[0]?.coding?.[0]?.code === flag).length;
}

describe('chart sections', () => {
  it('lists every section as a tab with its count, with one tab stop', () => {
    renderChart(chartForSeed(42));
    const tabs = within(screen.getByRole('tablist', { name: 'Chart sections' })).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent?.replace(/ (\d+|NKA)$/, ''))).toEqual(SECTIONS);
    expect(screen.getByRole('tablist')).toHaveAttribute('aria-orientation', 'vertical');
    expect(tabs.filter((t) => t.tabIndex === 0)).toHaveLength(1);
    expect(screen.getByRole('tab', { name: /^Summary/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: /^Summary/ })).toBeInTheDocument();
  });

  it('moves down and up the section list with the arrow keys, Home and End, wrapping at the ends', async () => {
    const { user } = renderChart(chartForSeed(42));
    await user.click(screen.getByRole('tab', { name: /^Summary/ }));

    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('tab', { name: /^Problems/ })).toHaveFocus();
    expect(screen.getByRole('tab', { name: /^Problems/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: /^Problems/ })).toBeInTheDocument();

    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: /^Documents/ })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('tab', { name: /^Summary/ })).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('tab', { name: /^Documents/ })).toHaveFocus();
    await user.keyboard('{Home}');
    expect(screen.getByRole('tab', { name: /^Summary/ })).toHaveAttribute('aria-selected', 'true');

    // Tab leaves the tab list for the panel.
    await user.tab();
    expect(screen.getByRole('tabpanel', { name: /^Summary/ })).toHaveFocus();
  });

  it('flags high and low lab values with the words High and Low, not colour alone', async () => {
    const chart = chartForSeed(42);
    // Pin one high and one low result so the test does not hang on what the generator draws.
    const [first, second] = chart.labs;
    if (!first || !second) throw new Error('seed 42 has labs');
    first.interpretation = [{ coding: [{ system: INTERPRETATION, code: 'H', display: 'High' }] }];
    second.interpretation = [{ coding: [{ system: INTERPRETATION, code: 'L', display: 'Low' }] }];
    const { user } = renderChart(chart);
    await user.click(screen.getByRole('tab', { name: /^Labs/ }));

    const panel = screen.getByRole('tabpanel', { name: /^Labs/ });
    expect(within(panel).getAllByText('High')).toHaveLength(flagCount(chart, 'H'));
    expect(within(panel).getAllByText('Low')).toHaveLength(flagCount(chart, 'L'));
    // The flag sits in the row of its test: visible letters and arrow, the word for assistive tech.
    const rows = within(panel)
      .getAllByText(first.code?.text as string, { selector: 'th' })
      .map((th) => th.closest('tr') as HTMLElement);
    const flagged = rows.find((row) => within(row).queryByText('High'));
    expect(flagged).toBeDefined();
    expect(within(flagged as HTMLElement).getByText('▲ H')).toBeInTheDocument();
  });

  it('shows critical results as Critical high, and can hide normal results', async () => {
    const chart = chartForSeed(42);
    const first = chart.labs[0];
    if (!first) throw new Error('seed 42 has labs');
    first.interpretation = [{ coding: [{ system: INTERPRETATION, code: 'HH' }] }];
    const abnormal = chart.labs.filter((o) => !['N', undefined].includes(o.interpretation?.[0]?.coding?.[0]?.code)).length;
    const { user } = renderChart(chart);
    await user.click(screen.getByRole('tab', { name: /^Labs/ }));
    const panel = screen.getByRole('tabpanel', { name: /^Labs/ });
    expect(within(panel).getByText('Critical high')).toBeInTheDocument();

    await user.click(within(panel).getByRole('checkbox', { name: 'Abnormal only' }));
    const resultButtons = within(panel)
      .getAllByRole('row')
      .filter((r) => within(r).queryAllByRole('button').length > 0);
    expect(resultButtons).toHaveLength(abnormal);
  });

  it('shows problems with their ICD-10-CM codes and medications with the condition they treat', async () => {
    const chart = chartForSeed(42);
    const { user } = renderChart(chart);
    await user.click(screen.getByRole('tab', { name: /^Problems/ }));
    for (const condition of chart.conditions) {
      const icd = condition.code?.coding?.find((c) => c.system === 'http://hl7.org/fhir/sid/icd-10-cm')?.code as string;
      expect(screen.getAllByText(icd).length).toBeGreaterThan(0);
    }

    await user.click(screen.getByRole('tab', { name: /^Medications/ }));
    const treated = chart.medications.find((m) => m.reasonReference?.length);
    if (!treated) throw new Error('seed 42 has a medication with an indication');
    const reason = chart.conditions.find((c) => `Condition/${c.id}` === treated.reasonReference?.[0]?.reference);
    const row = screen.getByRole('button', { name: treated.medicationCodeableConcept?.text }).closest('tr') as HTMLElement;
    expect(within(row).getByText(new RegExp(`^${reason?.code?.text}`))).toBeInTheDocument();
  });

  it('plots blood pressure, heart rate, weight and BMI beside the vitals flowsheet', async () => {
    const { user } = renderChart(chartForSeed(42));
    await user.click(screen.getByRole('tab', { name: /^Vitals/ }));
    for (const name of [/^Blood pressure Latest \d+\/\d+ mmHg/, /^Heart rate Latest \d+ bpm/, /^Weight Latest/, /^Body mass index Latest/]) {
      expect(screen.getByRole('img', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('img', { name: /^Blood pressure/ })).toHaveAccessibleDescription(/Systolic: \d+ readings from/);
    expect(screen.getByRole('table', { name: 'Flowsheet' })).toBeInTheDocument();
  });

  it('lists encounters newest first with their provider', async () => {
    const chart = chartForSeed(42);
    const { user } = renderChart(chart);
    await user.click(screen.getByRole('tab', { name: /^Encounters/ }));
    const rows = within(screen.getByRole('table', { name: 'Encounters' })).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(chart.encounters.length);
    const starts = [...chart.encounters].map((e) => e.period?.start as string).sort().reverse();
    expect(rows[0]).toHaveTextContent(`${starts[0]?.slice(5, 7)}/${starts[0]?.slice(8, 10)}/${starts[0]?.slice(0, 4)}`);
  });
});
