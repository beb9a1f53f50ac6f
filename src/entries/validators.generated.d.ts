// Types of the generated standalone validators (see scripts/generate-validators.mjs).
import type {ErrorObject} from 'ajv'

export interface StandaloneValidator {
  (data: unknown): boolean
  errors?: ErrorObject[] | null
}

export const entry: StandaloneValidator
export const section: StandaloneValidator
