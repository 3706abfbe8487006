/**
 * Deterministic hashes and ids for imported records: no clock, no Math.random, so the same file
 * imports to the same chart (same ids, same rendered documents) in Node and in the browser.
 */

/** cyrb128 (public domain, bryc): four 32-bit lanes of a fast non-cryptographic string hash. */
export function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A 32-bit seed from text (the seed of an imported chart's rendered documents). */
export function hashSeed(text: string): number {
  return hash128(text)[0];
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** A version-4-shaped UUID derived from `name`: the same name always gives the same UUID. */
export function stableUuid(name: string): string {
  const [a, b, c, d] = hash128(name);
  const h = hex8(a) + hex8(b) + hex8(c) + hex8(d);
  const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** FHIR R4 `id`: 1 to 64 of A–Z, a–z, 0–9, `-` and `.`. */
export const FHIR_ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;
