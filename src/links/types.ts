/** One place in the list's sources that links a URL. */
export interface LinkSource {
  url: string
  file: string
  line: number
  column: number
}
