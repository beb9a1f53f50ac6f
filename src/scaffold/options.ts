import {didYouMean} from '../diagnostics/suggest.js'
import {type TextField, textFields} from '../model/types.js'

/** A text given on the command line: one value for every language and/or one per locale. */
export interface TextInput {
  all?: string
  byLocale: Record<string, string>
}

/** What the contributor said about the new entry, before anything is checked. */
export interface EntryInput {
  section?: string
  slug?: string
  url?: string
  added?: string
  /** `name` and the text fields, as given. */
  texts: Partial<Record<'name' | TextField, TextInput>>
}

export const newEntryUsage = [
  'usage: new-entry --section <id> --name <name> --url <url> [--description <text>] [field options]',
  '',
  'Creates entries/<section>/<slug>.yaml. Missing values are asked for when run in a terminal.',
  '',
  '  --section <id>        section folder below entries/ (e.g. agent)',
  '  --name <name>         project name as shown in the table',
  '  --url <url>           main link (repository, model card or paper)',
  '  --slug <slug>         file name without .yaml (default: derived from the name)',
  '  --added <YYYY-MM-DD>  date the entry joins the list (default: today)',
  `  --<field> <text>      ${textFields.map(f => f.replaceAll('_', '-')).join(', ')}`,
  '  --<field>-<locale> <text>  the text in one language, e.g. --description-zh "…"',
  '  --help                show this help'
].join('\n')

/** Thrown for arguments `new-entry` cannot use; the command turns it into a usage error. */
export class ArgumentError extends Error {
  override name = 'ArgumentError'
}

/**
 * Parse `new-entry`'s arguments (`--flag value` or `--flag=value`). Text
 * fields take `--field` for every language and `--field-<locale>` for one;
 * underscores and hyphens in field names are interchangeable.
 */
export function parseNewEntryArgs(
  argv: readonly string[],
  locales: readonly string[]
): {input: EntryInput; help: boolean} {
  const input: EntryInput = {texts: {}}
  let help = false
  const textKeys: ReadonlyArray<'name' | TextField> = ['name', ...textFields]
  const flags = new Map<string, (value: string) => void>()
  for (const key of ['section', 'slug', 'url', 'added'] as const)
    flags.set(key, value => (input[key] = value))
  for (const field of textKeys) {
    const text = () => (input.texts[field] ??= {byLocale: {}})
    for (const spelling of new Set([field, field.replaceAll('_', '-')])) {
      flags.set(spelling, value => (text().all = value))
      for (const locale of locales)
        flags.set(`${spelling}-${locale}`, value => (text().byLocale[locale] = value))
    }
  }

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!
    if (arg === '--help' || arg === '-h') {
      help = true
      continue
    }
    if (!arg.startsWith('--'))
      throw new ArgumentError(
        `unexpected argument \`${arg}\`; values follow an option, e.g. \`--name "${arg}"\``
      )
    const equals = arg.indexOf('=')
    const flag = arg.slice(2, equals === -1 ? undefined : equals)
    const set = flags.get(flag)
    if (!set)
      throw new ArgumentError(
        `unknown option \`--${flag}\`${didYouMean(flag, flags.keys()).replace('`', '`--')}`
      )
    const value = equals === -1 ? argv[++index] : arg.slice(equals + 1)
    if (value === undefined || (equals === -1 && value.startsWith('--')))
      throw new ArgumentError(`\`--${flag}\` needs a value`)
    set(value)
  }
  return {input, help}
}
