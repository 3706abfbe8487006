import type { Chart, SourceDocument } from '@/domain/chart/chart-types';
import type { Rng } from '@/domain/rng/rng';

export function renderDocuments(_chart: Chart, _rng: Rng): SourceDocument[] {
  return [];
}
