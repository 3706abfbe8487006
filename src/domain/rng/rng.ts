/**
 * Seeded pseudo-random numbers for everything ChartLab generates.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) uses only 32-bit integer
 * arithmetic, so the same seed gives the same sequence in every JavaScript engine, in Node and
 * in the browser. Never use Math.random() in the domain core.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform float in [min, max), rounded to `decimals`. */
  float(min: number, max: number, decimals: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** k distinct items in random order (k is capped at items.length). */
  sample<T>(items: readonly T[], k: number): T[];
  shuffle<T>(items: readonly T[]): T[];
  /** Approximately normal value (Irwin–Hall sum of 4 uniforms), mean and standard deviation. */
  normal(mean: number, sd: number): number;
  /** A version-4-shaped UUID drawn from this generator (FHIR ids and `urn:uuid:` fullUrls). */
  uuid(): string;
  /** A 32-bit unsigned integer, to seed a sub-generator. */
  uint32(): number;
}

function mix(seed: number): [number, number, number, number] {
  // splitmix32 spreads a small seed over the whole 128-bit state.
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    out.push((z ^ (z >>> 16)) >>> 0);
  }
  return out as [number, number, number, number];
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return (HEX[n >>> 24] as string) + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
}

export function createRng(seed: number): Rng {
  let [a, b, c, d] = mix(seed);
  const uint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();

  const next = () => uint32() / 4294967296;
  const rng: Rng = {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max, decimals) => roundTo(min + next() * (max - min), decimals),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('rng.pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items, weight) => {
      const total = items.reduce((sum, item) => sum + Math.max(0, weight(item)), 0);
      if (items.length === 0 || total <= 0) throw new Error('rng.weighted needs a positive total weight');
      let r = next() * total;
      for (const item of items) {
        r -= Math.max(0, weight(item));
        if (r < 0) return item;
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    shuffle: (items) => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    sample: (items, k) => rng.shuffle(items).slice(0, Math.max(0, Math.min(k, items.length))),
    normal: (mean, sd) => mean + (next() + next() + next() + next() - 2) * sd * Math.sqrt(3),
    uuid: () => {
      const a = hex32(uint32());
      const b = hex32(uint32());
      const c = uint32();
      const d = hex32(uint32());
      // Version 4 in the third group, RFC 4122 variant (10xx) in the fourth.
      const variant = hex32(((c & 0x3fffffff) | 0x80000000) >>> 0);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant.slice(0, 4)}-${variant.slice(4, 8)}${d}`;
    },
  };
  return rng;
}

/** The seed of case `n` of a run started from `master` (Synthea derives one seed per person). */
export function deriveSeed(master: number, n: number): number {
  const [first] = mix((Math.imul(master >>> 0, 0x27d4eb2d) ^ Math.imul(n + 1, 0x165667b1)) >>> 0);
  return first;
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
