// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fromBundleText } from '@/domain/fhir/from-bundle';
import { useShowMore } from '@/ui/components/show-more';
import { LabsSection } from '@/ui/features/chart-viewer/sections/labs-section';
import { VitalsSection } from '@/ui/features/chart-viewer/sections/vitals-section';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildLargeBundle } from '../../../bench/large-bundle';

afterEach(() => cleanup());

const CRIS = resolve(__dirname, '../../../../shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json');

function Numbers({ items }: { items: number[] }) {
  const { shown, more } = useShowMore(items, 3, 'numbers');
  return (
    <>
      <ul>
        {shown.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      {more}
    </>
  );
}

describe('long lists in pages', () => {
  it('shows a page, then more, then all', async () => {
    const user = userEvent.setup();
    render(<Numbers items={[1, 2, 3, 4, 5, 6, 7, 8]} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByText('Showing 3 of 8 numbers.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show 3 more' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(6);
    await user.click(screen.getByRole('button', { name: 'Show all' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(8);
    expect(screen.queryByRole('button', { name: /Show/ })).not.toBeInTheDocument();
  });

  it('adds nothing to a short list', () => {
    render(<Numbers items={[1, 2]} />);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('pages the labs and vitals of an imported chart with thousands of observations', async () => {
    const user = userEvent.setup();
    const { chart } = fromBundleText(buildLargeBundle(readFileSync(CRIS, 'utf8'), 2 * 1024 * 1024).text);
    expect(chart.labReports.length).toBeGreaterThan(100);
    const labs = render(<LabsSection chart={chart} />);
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(50);
    expect(screen.getByText(`Showing 50 of ${chart.labReports.length.toLocaleString('en-US')} panels.`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(100);
    labs.unmount();
    render(<VitalsSection chart={chart} />);
    // 100 rows of vitals plus the header row.
    expect(screen.getByRole('table').querySelectorAll('tbody tr')).toHaveLength(100);
    expect(screen.getByText(/^Showing 100 of [\d,]+ sets of vitals\.$/)).toBeInTheDocument();
  });
});
