export function generateValidators(): Promise<string>
