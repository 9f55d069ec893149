// Seeded randomness and shuffling helpers shared by draw.ts and view.ts. Pure.

export type Random = () => number;

/** A small, fast seeded PRNG (Mulberry32) returning numbers in [0, 1); the same seed gives the same sequence. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit FNV-1a hash of a string, e.g. to derive a seed from an id. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** An index in 0..length-1 from `random`, clamped so a misbehaving generator (1, NaN, negatives) stays in range. */
function randomIndex(random: Random, length: number): number {
  const value = random();
  const index = Number.isFinite(value) ? Math.floor(value * length) : 0;
  return Math.min(length - 1, Math.max(0, index));
}

/** A shuffled copy (Fisher–Yates); the input is not modified. */
export function shuffle<T>(list: readonly T[], random: Random): T[] {
  const result = [...list];
  for (let index = result.length - 1; index > 0; index--) {
    const other = randomIndex(random, index + 1);
    [result[index], result[other]] = [result[other], result[index]];
  }
  return result;
}

/** A shuffled copy that is never equal to `list` itself (when it has two entries or more). */
export function shuffleAwayFrom(list: readonly string[], random: Random): string[] {
  const result = shuffle(list, random);
  const unchanged = result.every((id, index) => id === list[index]);
  return unchanged && result.length > 1 ? [...result.slice(1), result[0]] : result;
}
