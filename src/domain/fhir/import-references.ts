/**
 * Resolving references inside a bundle, following the R4 rules (hl7.org/fhir/R4/bundle.html#references):
 * a reference matches an entry's fullUrl (`urn:uuid:…`, `urn:oid:…` or an absolute URL); a
 * relative reference (`Patient/123`) is resolved against the base of the referring entry's
 * absolute fullUrl, and otherwise matched by type and id, as servers do for searchsets and as
 * hand-written bundles expect. Conditional references (`Patient?identifier=sys|value`, as newer
 * Synthea writes for practitioners and organizations) match an entry by identifier.
 */

type Json = Record<string, unknown>;

export interface IndexedEntry {
  type: string;
  id: string;
  fullUrl?: string;
  resource: Json;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE_TAIL = /\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** `http://x/fhir/Patient/1/_history/2` → `http://x/fhir/Patient/1`. */
function withoutHistory(url: string): string {
  const at = url.indexOf('/_history/');
  return at === -1 ? url : url.slice(0, at);
}

/** `http://x/fhir/Patient/1` → `http://x/fhir/`; undefined for urn: fullUrls. */
function baseOf(fullUrl: string | undefined): string | undefined {
  if (!fullUrl || !/^https?:\/\//.test(fullUrl)) return undefined;
  const m = ABSOLUTE_TAIL.exec(withoutHistory(fullUrl));
  return m ? withoutHistory(fullUrl).slice(0, m.index + 1) : undefined;
}

export class ReferenceIndex {
  private readonly byFullUrl = new Map<string, IndexedEntry>();
  private readonly byTypeId = new Map<string, IndexedEntry>();
  private byIdentifier: Map<string, IndexedEntry[]> | undefined;

  constructor(private readonly entries: readonly IndexedEntry[]) {
    for (const entry of entries) {
      const url = entry.fullUrl ? withoutHistory(entry.fullUrl) : undefined;
      if (url && !this.byFullUrl.has(url)) this.byFullUrl.set(url, entry);
      const key = `${entry.type}/${entry.id}`;
      if (!this.byTypeId.has(key)) this.byTypeId.set(key, entry);
    }
  }

  byKey(type: string, id: string): IndexedEntry | undefined {
    return this.byTypeId.get(`${type}/${id}`);
  }

  /**
   * The entry a reference points to; `undefined` when it points nowhere in the bundle. `#id`
   * (a contained resource) is not an entry and is left to the caller.
   */
  resolve(reference: string, fromFullUrl?: string): IndexedEntry | undefined {
    if (reference.startsWith('urn:')) return this.byFullUrl.get(reference);
    if (/^https?:\/\//.test(reference)) {
      const exact = this.byFullUrl.get(withoutHistory(reference));
      if (exact) return exact;
      const m = ABSOLUTE_TAIL.exec(reference);
      return m ? this.byTypeId.get(`${m[1]}/${m[2]}`) : undefined;
    }
    const question = reference.indexOf('?');
    if (question > 0) return this.resolveConditional(reference.slice(0, question), reference.slice(question + 1));
    const m = RELATIVE.exec(reference);
    if (!m) return undefined;
    const base = baseOf(fromFullUrl);
    if (base) {
      const exact = this.byFullUrl.get(`${base}${m[1]}/${m[2]}`);
      if (exact) return exact;
    }
    return this.byTypeId.get(`${m[1]}/${m[2]}`);
  }

  /** `Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999` → the one Practitioner with that identifier. */
  private resolveConditional(type: string, query: string): IndexedEntry | undefined {
    const params = new URLSearchParams(query);
    const wanted = params.get('identifier');
    if (!wanted || [...params.keys()].length !== 1) return undefined;
    if (!this.byIdentifier) {
      this.byIdentifier = new Map();
      for (const entry of this.entries) {
        const identifiers = entry.resource.identifier;
        if (!Array.isArray(identifiers)) continue;
        for (const identifier of identifiers as { system?: string; value?: string }[]) {
          if (!identifier?.value) continue;
          for (const key of [`${entry.type}?${identifier.system ?? ''}|${identifier.value}`, `${entry.type}?${identifier.value}`]) {
            const list = this.byIdentifier.get(key);
            if (list) list.push(entry);
            else this.byIdentifier.set(key, [entry]);
          }
        }
      }
    }
    const matches = this.byIdentifier.get(`${type}?${wanted}`) ?? [];
    return matches.length === 1 ? matches[0] : undefined;
  }
}

/** Calls `visit` for every Reference-shaped object (`{ reference: string }`) in a resource, contained resources included. */
export function forEachReference(value: unknown, visit: (ref: Json, path: string) => void, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => forEachReference(item, visit, `${path}[${i}]`));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const obj = value as Json;
  if (typeof obj.reference === 'string') visit(obj, path);
  for (const [key, child] of Object.entries(obj)) {
    if (typeof child === 'object' && child !== null) forEachReference(child, visit, path ? `${path}.${key}` : key);
  }
}
