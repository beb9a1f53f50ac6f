/** Writing what the checkers learned back into the entry files. */
export {applyRenames, applyRenamesToFile} from './renames.js'
export {renamesFromResults} from './from-results.js'
export {compileRename, rewriteText, type UrlRename, type UrlRewriter} from './rename-url.js'
