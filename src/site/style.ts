/**
 * The site's one style sheet. Colours follow the system setting
 * (`prefers-color-scheme`); the layout is one column on a phone (360 px) and
 * a grid of cards on wider screens.
 */
export const siteStyle = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa;
  --accent: #0550ae; --mark: #9a6700; --focus: #0969da;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23;
    --accent: #4493f8; --mark: #d29922; --focus: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); overflow-wrap: anywhere; }
a { color: var(--accent); }
a:focus-visible, input:focus-visible, select:focus-visible, button:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; z-index: 2; }
.skip:focus { left: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.site-header { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: center;
  padding: .75rem max(1rem, calc((100% - 72rem) / 2)); border-bottom: 1px solid var(--line); }
.site-title { margin: 0; font-weight: 600; }
.site-title a { color: inherit; text-decoration: none; }
.site-header ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; list-style: none; }
.languages { margin-left: auto; }
[aria-current] { font-weight: 600; text-decoration: none; color: var(--fg); }
main { max-width: 72rem; margin: 0 auto; padding: 0 1rem 3rem; }
h1 { font-size: 1.75rem; margin: 1.25rem 0 .25rem; }
.tagline { color: var(--muted); margin-top: 0; }
.filters { padding: 1rem; background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
.filters[hidden] { display: none; }
.more summary { cursor: pointer; font-weight: 600; margin-top: .75rem; }
.more-fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .75rem 1rem;
  align-items: end; margin-top: .5rem; }
.field { display: flex; flex-direction: column; gap: .25rem; min-width: 0; }
.field small { color: var(--muted); }
.field-check { flex-direction: row; align-items: center; gap: .5rem; }
label { font-weight: 600; font-size: .9rem; }
input, select, button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line);
  border-radius: .375rem; padding: .4rem .5rem; min-height: 2.5rem; max-width: 100%; }
input[type=checkbox] { min-height: auto; width: 1.25rem; height: 1.25rem; }
button { cursor: pointer; }
.count { font-weight: 600; margin: 1rem 0 .5rem; }
.toc summary { cursor: pointer; font-weight: 600; padding: .25rem 0; }
.toc ul { margin: .25rem 0; padding-left: 1.25rem; }
.toc > nav > ul { columns: 16rem; }
.section[hidden] { display: none; }
/* Sections off screen are laid out only when scrolled to: a long page becomes usable sooner. */
.section { content-visibility: auto; contain-intrinsic-size: auto 60rem; }
.section h2, .section h3, .section h4 { margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.anchor { margin-left: .5rem; color: var(--muted); text-decoration: none; font-weight: 400; }
.prose { color: var(--muted); }
.entries { list-style: none; margin: 0; padding: 0; display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 21rem), 1fr)); gap: .75rem; }
.entry { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; min-width: 0; }
.entry[hidden] { display: none; }
.entry:target { outline: 3px solid var(--focus); }
.entry-name { margin: 0 0 .25rem; font-weight: 600; }
.entry-text { margin: .25rem 0; }
.is-dead .entry-name a, .is-archived .entry-name a { color: var(--muted); }
.mark { color: var(--mark); font-weight: 400; }
.facts { display: flex; flex-wrap: wrap; gap: .125rem 1rem; margin: .5rem 0 0; font-size: .875rem; color: var(--muted); }
.facts div { display: flex; gap: .375rem; }
.facts dt::after { content: ":"; }
.facts dd { margin: 0; color: var(--fg); }
.month h2 { margin-top: 2rem; }
.new-entries { padding-left: 1.25rem; }
.new-entries li { margin: .5rem 0; }
.meta { color: var(--muted); font-weight: 400; font-size: .9rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.4rem; }
  .languages { margin-left: 0; }
  .filters { padding: .75rem; }
  .more-fields { grid-template-columns: 1fr 1fr; }
}
`
