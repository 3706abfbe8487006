import type { PatientRequest } from '@/store/patient-slice';

export type SexFilter = '' | 'female' | 'male';

export interface AgeBand {
  /** `min-max`, also the value in links (`age=40-64`). */
  id: string;
  label: string;
  min: number;
  max: number;
}

/** The generator's own age bands (src/domain/chart/generate-chart.ts), named for the form. */
export const AGE_BANDS: readonly AgeBand[] = [
  { id: '0-2', label: '0–2 years', min: 0, max: 2 },
  { id: '3-17', label: '3–17 years', min: 3, max: 17 },
  { id: '18-39', label: '18–39 years', min: 18, max: 39 },
  { id: '40-64', label: '40–64 years', min: 40, max: 64 },
  { id: '65-92', label: '65 years and older', min: 65, max: 92 },
];

export function ageBandOf(request: Pick<PatientRequest, 'minAge' | 'maxAge'>): AgeBand | undefined {
  return AGE_BANDS.find((b) => b.min === request.minAge && b.max === request.maxAge);
}

export function buildRequest(seed: number, sex: SexFilter, ageBandId: string): PatientRequest {
  const band = AGE_BANDS.find((b) => b.id === ageBandId);
  return {
    seed,
    ...(sex ? { sex } : {}),
    ...(band ? { minAge: band.min, maxAge: band.max } : {}),
  };
}
