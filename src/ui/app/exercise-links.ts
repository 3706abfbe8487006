import type { Scenario } from '@/domain/scenario/scenario-schema';
import { formatHash } from './routes';

export const EXERCISES_HASH = formatHash({ section: 'exercises' });

/** `#/exercise/<id>?seed=<n>`: the link that opens one exercise. */
export function exerciseHash(scenarioId: string, seed: number): string {
  return formatHash({ section: 'exercise', id: scenarioId, params: new URLSearchParams({ seed: String(seed) }) });
}

/** The seed a link asks for: digits in the unsigned 32-bit range, else the scenario's own. */
export function seedFromParams(params: URLSearchParams, scenario: Scenario): number {
  const text = params.get('seed') ?? '';
  if (!/^\d{1,10}$/.test(text) || Number(text) > 4_294_967_295) return scenario.patients.seed;
  return Number(text);
}
