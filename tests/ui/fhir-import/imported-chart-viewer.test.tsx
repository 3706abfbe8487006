// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chart } from '@/domain/chart/chart-types';
import { fromBundle, fromBundleText } from '@/domain/fhir/from-bundle';
import { useAppStore } from '@/store/app-store';
import { App } from '@/ui/app/app';
import { resetApp } from '../chart-fixtures';

const FIXTURES = resolve(__dirname, '../../fixtures/fhir');
const CRIS = resolve(__dirname, '../../../../shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json');
const SECTIONS = ['Summary', 'Problems', 'Medications', 'Allergies', 'Immunizations', 'Vitals', 'Labs', 'Encounters', 'History', 'Documents'];

beforeEach(() => resetApp('#/chart'));
afterEach(() => cleanup());

async function openEverySection(chart: Chart) {
  useAppStore.getState().showImportedChart(chart);
  const user = userEvent.setup();
  render(<App />);
  const tabs = screen.getByRole('tablist', { name: 'Chart sections' });
  for (const name of SECTIONS) {
    await user.click(within(tabs).getByRole('tab', { name: new RegExp(`^${name}`) }));
    expect(screen.getByRole('tabpanel').querySelector('h2')).not.toBeNull();
  }
}

describe('imported charts in the chart viewer', () => {
  it('shows every section of an imported Synthea chart', async () => {
    await openEverySection(fromBundleText(readFileSync(CRIS, 'utf8')).chart);
    expect(screen.getByRole('heading', { level: 2, name: 'RATH779, Cris921' })).toBeInTheDocument();
  });

  it('[regression] opens a chart whose dates are partial (a birth year, an onset month), as R4 allows', async () => {
    const bundle = JSON.parse(readFileSync(resolve(FIXTURES, 'resources/encounter.json'), 'utf8'));
    bundle.entry[0].resource.birthDate = '1961';
    bundle.entry[3].resource.onsetDateTime = '2019-03';
    const { chart, warnings } = fromBundle(bundle);
    expect(warnings).toEqual([]);
    await openEverySection(chart);
    const banner = screen.getByRole('region', { name: 'OKAFOR, Adaeze N' });
    expect(within(banner).getByText('1961')).toBeInTheDocument();
  });

  it('[regression] names the file an imported chart came from in the banner, not a seed it does not have', async () => {
    const { chart } = fromBundleText(readFileSync(CRIS, 'utf8'), { fileName: 'cris.json' });
    useAppStore.getState().showImportedChart(chart);
    render(<App />);
    const banner = screen.getByRole('region', { name: 'RATH779, Cris921' });
    expect(within(banner).getByText(/^Chart as of/)).toHaveTextContent('Chart as of 03/25/2020 · Imported from cris.json');
    expect(within(banner).queryByText(/Seed/)).not.toBeInTheDocument();
    cleanup();
    // Without a file name (a chart imported from parsed JSON) it still says imported.
    useAppStore.getState().showImportedChart(fromBundle(JSON.parse(readFileSync(CRIS, 'utf8'))).chart);
    render(<App />);
    expect(screen.getByText(/^Chart as of/)).toHaveTextContent('Chart as of 03/25/2020 · Imported');
  });

  it('[regression] shows the answer of a coded lab result, not a dash', async () => {
    const user = userEvent.setup();
    useAppStore.getState().showImportedChart(fromBundleText(readFileSync(CRIS, 'utf8')).chart);
    render(<App />);
    await user.click(within(screen.getByRole('tablist', { name: 'Chart sections' })).getByRole('tab', { name: /^Labs/ }));
    const panel = screen.getByRole('table', { name: /^SARS-CoV-2 RNA Pnl Resp NAA\+probe/ });
    const row = within(panel).getByRole('row', { name: /^SARS-CoV-2 RNA Pnl Resp NAA\+probe/ });
    expect(within(row).getByRole('button', { name: 'Detected (qualifier value)' })).toBeInTheDocument();
    const results = screen.getAllByRole('row').flatMap((r) => (r.querySelector('td') ? [r.querySelectorAll('td')[0]?.textContent] : []));
    expect(results.filter((t) => t === 'Negative (qualifier value)')).toHaveLength(9);
    expect(results).not.toContain('—');
  });

  it('shows the documents a bundle brought beside the rendered ones', async () => {
    const { chart } = fromBundleText(readFileSync(resolve(FIXTURES, 'resources/document-reference.json'), 'utf8'));
    await openEverySection(chart);
    expect(screen.getAllByText('Clinic progress note').length).toBeGreaterThan(0);
  });
});
