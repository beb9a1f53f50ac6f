import {Document} from 'yaml'
import {schemaComment, yamlWriteOptions} from '../entries/yaml-style.js'
import {textFields} from '../model/types.js'
import type {EntryDraft, SectionDraft} from './import-list.js'

/** An entry file's text: fields in the documented order, with the schema line editors read. */
export function entryToYaml(entry: EntryDraft): string {
  const value: Record<string, unknown> = {name: entry.name}
  if (entry.url !== undefined) value['url'] = entry.url
  if (entry.links.length > 0) value['links'] = entry.links
  for (const field of textFields) {
    const text = entry.fields[field]
    if (text !== undefined) value[field] = text
  }
  value['added'] = entry.added
  return toYaml(value, schemaComment('entry.schema.json'))
}

/** A section file's text. */
export function sectionToYaml(section: SectionDraft): string {
  const value: Record<string, unknown> = {title: section.title}
  if (section.parent !== undefined) value['parent'] = section.parent
  value['order'] = section.order
  if (section.columns.length > 0)
    value['columns'] = section.columns.map(c => (c.title === undefined ? c.field : c))
  if (section.intro !== undefined) value['intro'] = section.intro
  if (section.outro !== undefined) value['outro'] = section.outro
  return toYaml(value, schemaComment('section.schema.json'))
}

function toYaml(value: Record<string, unknown>, comment: string): string {
  const document = new Document(value, yamlWriteOptions)
  document.commentBefore = comment
  return document.toString(yamlWriteOptions)
}
