/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace, so the same data always
 * gives the same text, whatever order its keys were written in. Used for the checksums of the
 * progress file and of the instructor files (assignments, results). Follows JSON.stringify for
 * everything else: `undefined` and functions are left out of objects and become null in arrays,
 * `toJSON` is honoured. Non-finite numbers are refused rather than silently turned into null.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value);
  if (out === undefined) throw new TypeError('canonicalJson: nothing to write');
  return out;
}

function write(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} can't be written as JSON`);
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError("canonicalJson: a bigint can't be written as JSON");
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const v = write(record[key]);
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
  }
  return `{${parts.join(',')}}`;
}
