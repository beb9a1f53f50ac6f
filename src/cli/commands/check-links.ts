import type {Command} from '../context.js'

// Placeholder until the link checker lands (issue 3); its owner replaces this file.
export const run: Command = async (_argv, context) => {
  context.stderr('check-links: not available yet\n')
  return 2
}
