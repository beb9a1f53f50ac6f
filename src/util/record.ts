/** Whether a value is a plain object, for reading untyped JSON or YAML before trusting its shape. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
