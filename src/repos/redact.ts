/**
 * Replace every secret in `text` by `***`. Error messages from the network
 * stack can quote request options, headers or URLs; everything the checkers
 * return passes through here so that a token never reaches a report or log.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real tokens are long.
    if (secret === undefined || secret.length < 6) continue
    out = out.split(secret).join('***')
  }
  return out
}
