declare module 'cmark-gfm' {
  interface Options {
    unsafe?: boolean
    extensions?: Partial<
      Record<'table' | 'autolink' | 'strikethrough' | 'tagfilter' | 'tasklist', boolean>
    >
  }
  const cmark: {renderHtmlSync(markdown: string, options?: Options): string}
  export default cmark
}
