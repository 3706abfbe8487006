import type { PatientRequest } from '@/store/patient-slice';
import { MAX_SEED } from '@/ui/features/patient-generator/seed';

/** `seed=42&sex=female&age=40-64` ⇄ a patient request, for links that open a chart. */
export function requestToParams(request: PatientRequest): URLSearchParams {
  const params = new URLSearchParams({ seed: String(request.seed) });
  if (request.sex) params.set('sex', request.sex);
  if (request.minAge !== undefined && request.maxAge !== undefined) params.set('age', `${request.minAge}-${request.maxAge}`);
  return params;
}

export function requestFromParams(params: URLSearchParams): PatientRequest | null {
  const seedText = params.get('seed');
  if (!seedText || !/^\d+$/.test(seedText) || Number(seedText) > MAX_SEED) return null;
  const request: PatientRequest = { seed: Number(seedText) };
  const sex = params.get('sex');
  if (sex === 'female' || sex === 'male') request.sex = sex;
  const age = /^(\d+)-(\d+)$/.exec(params.get('age') ?? '');
  if (age && Number(age[1]) <= Number(age[2])) {
    request.minAge = Number(age[1]);
    request.maxAge = Number(age[2]);
  }
  return request;
}
