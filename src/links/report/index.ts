import type {LinkCheckRun} from '../types.js'
import {json} from './json.js'
import {markdown, type MarkdownOptions} from './markdown.js'

export type ReportFormat = 'markdown' | 'json'

export type ReportOptions = MarkdownOptions

/** Formats by name: one function each, picked by `createReporter`. */
const formats: Record<ReportFormat, (run: LinkCheckRun, options: ReportOptions) => string> = {
  markdown,
  json: run => json(run)
}

/** A function that renders a run in `format`. */
export function createReporter(
  format: ReportFormat,
  options: ReportOptions = {}
): (run: LinkCheckRun) => string {
  const render = formats[format]
  return run => render(run, options)
}

/** The format a report file's name asks for (`.json` → JSON, anything else → Markdown). */
export function formatForFile(file: string): ReportFormat {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'markdown'
}
