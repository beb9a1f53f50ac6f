/**
 * The candidate closest to `value` by edit distance, when it is close enough
 * to be a likely typo (at most a third of the longer word), else undefined.
 */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best === undefined) return undefined
  return bestDistance <= Math.max(1, Math.floor(Math.max(value.length, best.length) / 3))
    ? best
    : undefined
}

/** `; did you mean `x`` when a close candidate exists, else an empty string. */
export function didYouMean(value: string, candidates: Iterable<string>): string {
  const match = closest(value, candidates)
  return match === undefined ? '' : `; did you mean \`${match}\`?`
}

/**
 * Edit distance for typos: insertions, deletions, substitutions and swaps of
 * two adjacent characters (the commonest typo) each count as one edit
 * (optimal string alignment). Keeps three rows of the table.
 */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = []
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, beforePrevious[j - 2]! + 1)
      current[j] = value
    }
    beforePrevious = previous
    previous = current
  }
  return previous[b.length]!
}
