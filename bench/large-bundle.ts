/**
 * A several-MB FHIR bundle for measuring import and for the browser test: a real Synthea patient
 * bundle whose Observations and DiagnosticReports are copied, round after round, with fresh ids
 * and dates moved back one day per round, until the JSON reaches `targetBytes`. The copies keep
 * their references (patient, encounter, report → results), so the result imports like a long
 * Synthea life history with thousands of observations.
 */

interface Entry {
  fullUrl?: string;
  resource: Record<string, unknown> & { resourceType: string; id?: string };
  request?: unknown;
}

const DAY_MS = 86_400_000;

/** `2020-02-29T06:09:27-08:00` moved back `days` days (the time and zone kept). */
function shiftBack(value: string, days: number): string {
  const day = Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day)) return value;
  return new Date(day - days * DAY_MS).toISOString().slice(0, 10) + value.slice(10);
}

function freshId(round: number, index: number): string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  return `${hex(round, 8)}-${hex(index, 4)}-4000-8000-${hex(round * 65536 + index, 12)}`;
}

const DATE_KEYS = new Set(['effectiveDateTime', 'issued', 'start', 'end']);

function rewrite(value: unknown, days: number, urls: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, days, urls));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'reference' && typeof v === 'string') out[key] = urls.get(v) ?? v;
    else if (DATE_KEYS.has(key) && typeof v === 'string') out[key] = shiftBack(v, days);
    else out[key] = rewrite(v, days, urls);
  }
  return out;
}

export interface LargeBundle {
  text: string;
  observations: number;
  resources: number;
}

export function buildLargeBundle(syntheaText: string, targetBytes: number): LargeBundle {
  const bundle = JSON.parse(syntheaText) as { entry: Entry[] } & Record<string, unknown>;
  const templates = bundle.entry.filter((e) => e.resource.resourceType === 'Observation' || e.resource.resourceType === 'DiagnosticReport');
  if (templates.length === 0) throw new Error('The bundle has no Observations to copy');
  const entries = [...bundle.entry];
  let size = JSON.stringify(bundle).length;
  for (let round = 1; size < targetBytes; round++) {
    const urls = new Map<string, string>();
    templates.forEach((e, i) => urls.set(e.fullUrl as string, `urn:uuid:${freshId(round, i)}`));
    templates.forEach((e, i) => {
      const id = freshId(round, i);
      const resource = rewrite(e.resource, round, urls) as Entry['resource'];
      resource.id = id;
      const entry: Entry = { fullUrl: `urn:uuid:${id}`, resource, request: e.request };
      entries.push(entry);
      size += JSON.stringify(entry).length + 1;
    });
  }
  const text = JSON.stringify({ ...bundle, entry: entries });
  return {
    text,
    observations: entries.filter((e) => e.resource.resourceType === 'Observation').length,
    resources: entries.length,
  };
}
