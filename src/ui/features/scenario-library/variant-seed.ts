/** A uniformly random unsigned 32-bit integer. Randomness lives in the UI; the domain only gets seeds. */
export function randomUint32(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0] ?? 0;
}

/**
 * Another seed for a "new variant": within the scenario's `patients.seedRange`, and not the seed
 * the learner has just worked on when the range has room for another. Without a range the
 * scenario has no variants, and its own seed comes back.
 */
export function variantSeed(range: readonly [number, number] | undefined, current: number, random: () => number = randomUint32): number {
  if (!range) return current;
  const [from, to] = range;
  const size = to - from + 1;
  if (size <= 1) return from;
  // Skip the current seed by drawing from the other size - 1 seeds (uniform, no retry loop).
  const inRange = current >= from && current <= to;
  const pick = from + (random() % (inRange ? size - 1 : size));
  return inRange && pick >= current ? pick + 1 : pick;
}
