import type {ColumnId} from '../model/types.js'

/** Header texts of the hand-made lists and the entry field each column holds. */
const headerFields: Record<string, ColumnId> = {
  contributor: 'contributor',
  贡献者: 'contributor',
  license: 'license',
  language: 'language',
  domain: 'domain',
  'base model': 'base_model',
  'main feature': 'description',
  主要特征: 'description',
  'used in': 'used_in',
  'llm as': 'llm_as'
}

export interface ImportedColumn {
  id: ColumnId
  /** The header as written, kept as the column title when it is not the field's usual one. */
  header: string
}

/**
 * Map a table's headers to entry fields. The project column has many names
 * (model/project, method, benchmark, db, repo, …): the first header that is
 * not a known field is it. A second `main feature` column becomes `details`.
 */
export function mapColumns(headers: readonly string[]): {
  columns: ImportedColumn[]
  problems: string[]
} {
  const columns: ImportedColumn[] = []
  const problems: string[] = []
  for (const header of headers) {
    let id: ColumnId | undefined = headerFields[header.replace(/\s+/g, ' ').toLowerCase()]
    if (id !== undefined && columns.some(c => c.id === id))
      id = id === 'description' ? 'details' : undefined
    if (id === undefined && !columns.some(c => c.id === 'name')) id = 'name'
    if (id === undefined) {
      problems.push(`Cannot map column header \`${header}\` to an entry field`)
      continue
    }
    columns.push({id, header})
  }
  if (!columns.some(c => c.id === 'name')) problems.push('Table has no project column')
  return {columns, problems}
}

/** The usual header of each column in the hand-made lists: other headers are kept as titles. */
export const usualHeaders: Partial<Record<ColumnId, string>> = {
  name: 'project',
  contributor: 'contributor',
  license: 'license',
  language: 'language',
  domain: 'domain',
  base_model: 'base model',
  used_in: 'used in',
  llm_as: 'LLM as',
  description: 'main feature',
  details: 'main feature'
}
