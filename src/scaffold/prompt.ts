import {createInterface} from 'node:readline/promises'
import type {Readable, Writable} from 'node:stream'
import {isHttpUrl} from '../links/normalize.js'
import {isSlug} from '../model/slug.js'
import {textIn} from '../model/text.js'
import {isTextField, type TextField} from '../model/types.js'
import {type ListInfo, sectionsWithTable} from './list-info.js'
import type {EntryInput} from './options.js'
import {checkSection, deriveSlug, textValue} from './plan.js'

/** Asks one question and resolves to the answer; rejects with `PromptClosed` at end of input. */
export interface Prompter {
  ask: (question: string) => Promise<string>
  close: () => void
}

/** The input ended (Ctrl-D) or was interrupted (Ctrl-C) before every question was answered. */
export class PromptClosed extends Error {
  override name = 'PromptClosed'
}

/**
 * Fields whose text usually differs by language, so each language is asked
 * for; names of people, licenses and languages read the same everywhere.
 */
const translatedFields: ReadonlySet<TextField> = new Set([
  'description',
  'details',
  'domain',
  'used_in',
  'llm_as'
])

/**
 * Ask for what is missing or wrong, one question at a time, re-asking until
 * the answer is usable: the section (listing the choices), name, URL, a free
 * file name, then each column the section's table shows. Blank answers skip
 * optional fields. Returns a new input; `say` prints hints between questions.
 */
export async function askForMissing(
  given: EntryInput,
  info: ListInfo,
  prompter: Prompter,
  say: (text: string) => void
): Promise<EntryInput> {
  const input: EntryInput = {...given, texts: {...given.texts}}
  const [defaultLocale, ...otherLocales] = info.locales

  let problem = input.section === undefined ? undefined : checkSection(input.section, info)
  if (input.section === undefined || problem) {
    if (problem) say(`${problem.message}\n`)
    say(
      `Sections:\n${sectionsWithTable(info)
        .map(s => `  ${s.id.padEnd(36)} ${textIn(s.title, defaultLocale ?? '', info.locales)}`)
        .join('\n')}\n`
    )
    for (;;) {
      const answer = (await prompter.ask('Section: ')).trim()
      problem = answer === '' ? undefined : checkSection(answer, info)
      if (answer !== '' && !problem) {
        input.section = answer
        break
      }
      if (problem) say(`${problem.message}\n`)
    }
  }
  const section = info.sections.get(input.section!)!

  if (textValue(input.texts.name, info.locales) === undefined) {
    input.texts.name = {
      all: await askUntil(prompter, 'Project name: ', answer => answer !== ''),
      byLocale: {}
    }
  }
  if (input.url === undefined || !isHttpUrl(input.url.trim())) {
    if (input.url !== undefined)
      say(`Invalid URL \`${input.url}\`; expected a full http(s) address\n`)
    input.url = await askUntil(prompter, 'URL (https://…): ', isHttpUrl, answer =>
      say(
        `Invalid URL \`${answer}\`; expected a full http(s) address such as https://github.com/owner/repo\n`
      )
    )
  }

  const name = textValue(input.texts.name, info.locales)!
  const slug = input.slug ?? deriveSlug(name, input.url)
  if (!isSlug(slug) || section.slugs.has(slug)) {
    say(
      slug === ''
        ? 'Cannot derive a file name from the name.\n'
        : section.slugs.has(slug)
          ? `entries/${section.id}/${slug}.yaml exists already: if it is the same project, edit that file instead (Ctrl-C to stop).\n`
          : `Invalid file name \`${slug}\`.\n`
    )
    input.slug = await askUntil(
      prompter,
      'File name (lowercase words joined by hyphens): ',
      answer => isSlug(answer) && !section.slugs.has(answer),
      answer =>
        say(
          section.slugs.has(answer)
            ? `entries/${section.id}/${answer}.yaml exists already\n`
            : `Invalid file name \`${answer}\`\n`
        )
    )
  }

  for (const column of section.columns) {
    // `name` was asked for; `stars` and the like are the machine's to fill.
    if (!isTextField(column) || input.texts[column] !== undefined) continue
    const label = column.replaceAll('_', ' ')
    const all = (await prompter.ask(`${label} (Enter to skip): `)).trim()
    if (all === '') continue
    const text: {all: string; byLocale: Record<string, string>} = {all, byLocale: {}}
    if (translatedFields.has(column)) {
      for (const locale of otherLocales) {
        const translated = (
          await prompter.ask(
            `${label} in ${info.localeNames[locale] ?? locale} (Enter: the same text): `
          )
        ).trim()
        if (translated !== '') text.byLocale[locale] = translated
      }
    }
    input.texts[column] = text
  }
  return input
}

/** A prompter on a readline interface; closing the input rejects the pending question. */
export function readlinePrompter(input: Readable, output: Writable): Prompter {
  const rl = createInterface({input, output, terminal: Boolean((input as {isTTY?: boolean}).isTTY)})
  let closed = false
  let rejectPending: ((error: Error) => void) | undefined
  rl.on('close', () => {
    closed = true
    rejectPending?.(new PromptClosed('input closed'))
  })
  // Ctrl-C while a question waits: stop asking rather than hang.
  rl.on('SIGINT', () => rl.close())
  return {
    ask(question) {
      if (closed) return Promise.reject(new PromptClosed('input closed'))
      return new Promise<string>((resolve, reject) => {
        rejectPending = reject
        rl.question(question).then(resolve, (error: unknown) =>
          reject(closed ? new PromptClosed('input closed') : error)
        )
      })
    },
    close: () => rl.close()
  }
}

async function askUntil(
  prompter: Prompter,
  question: string,
  accept: (answer: string) => boolean,
  reject?: (answer: string) => void
): Promise<string> {
  for (;;) {
    const answer = (await prompter.ask(question)).trim()
    if (accept(answer)) return answer
    if (answer !== '') reject?.(answer)
  }
}
