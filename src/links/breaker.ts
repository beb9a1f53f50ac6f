/**
 * Stops a run that cannot succeed, in seconds instead of minutes of
 * retries: when the first requests of a run (HTTP checks and API lookups
 * alike) all fail at the network level, the network is down, not the links.
 * Once any server has answered, the breaker stays closed for the run.
 */
export interface NetworkBreaker {
  /** Record one request's outcome: a response of any status, or a network failure without one. */
  record(outcome: 'answered' | 'network-error'): void
  /** Whether the run should stop sending requests. */
  readonly open: boolean
  /** Why it opened, for the message. */
  readonly reason: string | undefined
}

/** @param threshold Network failures in a row, from the start of the run, that open it; default 24. */
export function createNetworkBreaker(threshold = 24): NetworkBreaker {
  let failures = 0
  let answered = false
  let reason: string | undefined
  return {
    record(outcome) {
      if (answered || reason !== undefined) return
      if (outcome === 'answered') {
        answered = true
        return
      }
      failures++
      if (failures >= threshold)
        reason = `the first ${failures} requests all failed without an answer (no DNS, no connection): the network is down; stopped early`
    },
    get open() {
      return reason !== undefined
    },
    get reason() {
      return reason
    }
  }
}
