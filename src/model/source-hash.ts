import {createHash} from 'node:crypto'

/**
 * A short, stable fingerprint of a source text: what a translation records
 * to say which text it translates. Unicode-normalised and trimmed, so an
 * editor's invisible changes do not make every translation stale.
 */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').trim()).digest('hex').slice(0, 8)
}
