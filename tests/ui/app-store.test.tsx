// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { initialAppState, useAppStore } from '@/store/app-store';
import { chartWithAllergyNote } from './chart-fixtures';

beforeEach(() => useAppStore.setState(initialAppState));

describe('app store', () => {
  it('shows loading at once, then the chart, with a fresh view', async () => {
    useAppStore.setState({ chartSection: 'labs' });
    const pending = useAppStore.getState().generatePatient({ seed: 42 });
    expect(useAppStore.getState().status).toBe('loading');
    await pending;
    const state = useAppStore.getState();
    expect(state.status).toBe('ready');
    expect(state.chart?.meta.seed).toBe(42);
    expect(state.chartSection).toBe('summary');
  });

  it('keeps only the newest of two overlapping requests', async () => {
    const first = useAppStore.getState().generatePatient({ seed: 1 });
    const second = useAppStore.getState().generatePatient({ seed: 2 });
    await Promise.all([first, second]);
    expect(useAppStore.getState().chart?.meta.seed).toBe(2);
    expect(useAppStore.getState().request).toEqual({ seed: 2 });
  });

  it('reports a generator error instead of throwing', async () => {
    await useAppStore.getState().generatePatient({ seed: 3, minAge: 50, maxAge: 10 });
    expect(useAppStore.getState().status).toBe('error');
    expect(useAppStore.getState().error).toMatch(/age band/i);
  });

  it('switches to the document citing a picked fact and toggles the pick', () => {
    const { chart, allergy, note } = chartWithAllergyNote();
    useAppStore.setState({ chart, status: 'ready', activeDocumentId: 'doc-registration' });
    useAppStore.getState().toggleFact(`AllergyIntolerance/${allergy.id}`, 'Penicillin G allergy');
    expect(useAppStore.getState().activeDocumentId).toBe(note.id);
    expect(useAppStore.getState().selectedFact?.label).toBe('Penicillin G allergy');
    useAppStore.getState().toggleFact(`AllergyIntolerance/${allergy.id}`, 'Penicillin G allergy');
    expect(useAppStore.getState().selectedFact).toBeNull();
  });
});
