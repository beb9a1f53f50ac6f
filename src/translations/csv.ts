/** The columns of a translation sheet, in order; `translation` is the one a translator fills in. */
export const sheetColumns = [
  'file',
  'field',
  'locale',
  'status',
  'source_hash',
  'source',
  'translation'
] as const
export type SheetRow = Record<(typeof sheetColumns)[number], string>

/** A CSV file (RFC 4180: comma-separated, double quotes doubled, CRLF or LF) with a header row. */
export function writeSheet(rows: readonly SheetRow[]): string {
  const line = (cells: readonly string[]) => cells.map(quote).join(',')
  return `${[line(sheetColumns), ...rows.map(row => line(sheetColumns.map(c => row[c])))].join('\n')}\n`
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
}

/** Why a sheet cannot be read. */
export class SheetError extends Error {
  override name = 'SheetError'
}

/** Read a sheet written by `writeSheet` (and edited in a spreadsheet); rows keyed by the header. */
export function readSheet(text: string): SheetRow[] {
  const records = parseCsv(text.replace(/^\uFEFF/, ''))
  const [header, ...rows] = records
  const missing = sheetColumns.filter(column => !header?.includes(column))
  if (!header || missing.length > 0)
    throw new SheetError(
      `line 1: the header lacks ${missing.map(m => `\`${m}\``).join(', ')}; expected ${sheetColumns.join(',')}`
    )
  return rows
    .filter(row => row.some(cell => cell !== ''))
    .map(row => {
      const record = {} as SheetRow
      for (const column of sheetColumns) record[column] = row[header.indexOf(column)] ?? ''
      return record
    })
}

function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else {
        if (char === '\n') line++
        cell += char
      }
    } else if (char === '"' && cell === '') quoted = true
    else if (char === ',') {
      record.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      record.push(cell)
      records.push(record)
      record = []
      cell = ''
      line++
    } else cell += char
  }
  if (quoted)
    throw new SheetError(`line ${line}: a quoted cell is not closed; expected a closing \`"\``)
  if (cell !== '' || record.length > 0) {
    record.push(cell)
    records.push(record)
  }
  return records
}
