/**
 * A small seeded generator (mulberry32) for the tests that compare a fast
 * path with a library on generated input: a failing input is the same on
 * every run.
 */
export function seededRandom(seed: number): {
  next: () => number
  pick: <T>(items: readonly T[]) => T
} {
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {next, pick: items => items[Math.floor(next() * items.length)]!}
}
