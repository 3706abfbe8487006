/** Seeds are unsigned 32-bit integers, the range the domain rng is seeded with. */
export const MAX_SEED = 4_294_967_295;

export type SeedResult = { ok: true; seed: number } | { ok: false; message: string };

export function parseSeed(text: string): SeedResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter a seed, or choose Random patient.' };
  if (!/^\d+$/.test(trimmed)) {
    return { ok: false, message: 'The seed must be a whole number written with digits only, such as 42.' };
  }
  const seed = Number(trimmed);
  if (seed > MAX_SEED) return { ok: false, message: `The seed must be between 0 and ${MAX_SEED.toLocaleString('en-US')}.` };
  return { ok: true, seed };
}

/** A fresh random seed. Randomness lives here in the UI; the domain only ever receives the seed. */
export function randomSeed(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0] ?? 0;
}
