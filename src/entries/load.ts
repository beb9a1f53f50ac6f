import {type ParseResult, parseList} from './parse.js'
import {readListSources} from './sources.js'

/** Read and validate the list below `root`: the one entry point for commands. */
export async function loadList(root: string): Promise<ParseResult> {
  return parseList(await readListSources(root))
}
