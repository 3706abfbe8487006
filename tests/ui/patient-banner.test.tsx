// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { ageOn, printDate } from '@/domain/time/dates';
import { chartForSeed, penicillinAllergy, renderChart } from './chart-fixtures';

const NKA = '716186003';

afterEach(() => cleanup());

describe('patient banner', () => {
  it("shows seed 42's name, MRN, DOB and every allergy on the chart", () => {
    const chart = chartForSeed(42);
    renderChart(chart);
    const family = chart.patient.name?.[0]?.family?.toUpperCase() as string;
    const banner = screen.getByRole('region', { name: new RegExp(`^${family},`) });

    const mrn = chart.patient.identifier?.find((i) => i.type?.coding?.[0]?.code === 'MR')?.value as string;
    expect(within(banner).getByText(mrn)).toBeInTheDocument();
    expect(within(banner).getByText(printDate(chart.patient.birthDate as string, 'us'))).toBeInTheDocument();
    expect(within(banner).getByText(`${ageOn(chart.patient.birthDate as string, chart.meta.refDate)} y`)).toBeInTheDocument();

    const allergies = within(banner).getByRole('list', { name: 'Allergies' });
    expect(chart.allergies.length).toBeGreaterThan(0);
    for (const allergy of chart.allergies) {
      if (allergy.code?.coding?.some((c) => c.code === NKA)) {
        expect(within(allergies).getByRole('button', { name: /^NKA/ })).toBeInTheDocument();
      } else {
        const substance = allergy.code?.text ?? allergy.code?.coding?.[0]?.display ?? '';
        expect(within(allergies).getByRole('button', { name: new RegExp(substance, 'i') })).toBeInTheDocument();
      }
    }
  });

  it('names the substance and reactions of an allergy, and marks high criticality in words', () => {
    const chart = chartForSeed(42);
    chart.allergies = [penicillinAllergy(chart)];
    renderChart(chart);
    const allergies = screen.getByRole('list', { name: 'Allergies' });
    const badge = within(allergies).getByRole('button', { name: /Penicillin G/ });
    expect(badge).toHaveAccessibleName('High criticality: Penicillin G, reaction: anaphylaxis, hives');
    expect(within(allergies).queryByRole('button', { name: /^NKA/ })).not.toBeInTheDocument();
  });

  it('shows an NKA badge for the coded no-known-allergy statement', () => {
    const chart = chartForSeed(42);
    chart.allergies = [
      {
        resourceType: 'AllergyIntolerance',
        id: 'nka',
        clinicalStatus: { coding: [{ code: 'active' }] },
        code: { coding: [{ system: 'http://snomed.info/sct', code: NKA, display: 'No known allergy (situation)' }], text: 'No known allergies' },
        patient: { reference: `Patient/${chart.patient.id}` },
      },
    ];
    renderChart(chart);
    const allergies = screen.getByRole('list', { name: 'Allergies' });
    expect(within(allergies).getByRole('button', { name: 'NKA (no known allergies)' })).toBeInTheDocument();
  });
});
