/** The report page's inline stylesheet: no external fonts, images or scripts. */
export const HTML_STYLE = `
:root { --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --skip: #6e7781; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0 auto; padding: 24px; max-width: 1240px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 4px; } h3 { font-size: 15px; margin: 20px 0 6px; }
.muted, .file { color: var(--muted); } .file { font-family: ui-monospace, monospace; font-size: 12px; margin: 0 0 8px; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child, table.assertions td, table.faults td, table.assertions th, table.faults th { text-align: left; }
thead th { font-weight: 600; color: var(--muted); font-size: 12px; white-space: normal; vertical-align: bottom; }
.passed, .pass { color: var(--pass); } .failed, .fail { color: var(--fail); } .inconclusive { color: var(--warn); } .skipped { color: var(--skip); }
td.fail { font-weight: 600; }
table.assertions td { white-space: normal; }
table.wrap { width: 100%; table-layout: auto; }
table.wrap td { white-space: normal; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; }
nav.toc ol { margin: 4px 0 12px; padding-left: 22px; } nav.toc li { margin: 2px 0; }
nav.toc .cells a { font-size: 12px; margin-right: 6px; text-decoration: none; }
nav.toc h2, section.overview h2 { margin-top: 16px; }
a { color: inherit; } td a { text-decoration: none; }
table.run-table caption { caption-side: bottom; text-align: left; font-size: 12px; color: var(--muted); padding-top: 4px; white-space: normal; }
table.run-table tfoot td { font-weight: 600; border-bottom: none; }
.summary span { margin-right: 14px; }
article.cell { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 12px; margin: 12px 0; }
.reason { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 12px; }
ul.issues { font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap; }
svg.timeline { max-width: 100%; height: auto; display: block; margin: 8px 0; }
svg .plot { fill: #fafbfc; stroke: var(--line); }
svg .grid { stroke: #eaeef2; }
svg .tick { font-size: 10px; fill: var(--muted); }
svg .tick.rate { fill: var(--pass); } svg .tick.latency { fill: #bc4c00; }
svg .series { fill: none; stroke-width: 1.6; }
svg .series.rate { stroke: var(--pass); } svg .series.latency { stroke: #bc4c00; stroke-dasharray: 3 2; }
svg .threshold { stroke: var(--pass); stroke-dasharray: 2 4; opacity: 0.6; }
svg .mark line { stroke-width: 1.4; } svg .mark text { font-size: 10px; }
svg .mark.fault line { stroke: var(--fail); } svg .mark.fault text { fill: var(--fail); }
svg .mark.detect line { stroke: #8250df; stroke-dasharray: 4 3; } svg .mark.detect text { fill: #8250df; }
svg .mark.recover line { stroke: var(--pass); stroke-dasharray: 4 3; } svg .mark.recover text { fill: var(--pass); }
svg .mark.restart line { stroke: #0969da; stroke-dasharray: 1 2; } svg .mark.restart text { fill: #0969da; }
svg .mark.heal line { stroke: #bf8700; stroke-dasharray: 6 2; } svg .mark.heal text { fill: #9a6700; }
svg .fault-span { fill: var(--fail); opacity: 0.08; }
svg .resolution { fill: var(--pass); opacity: 0.12; }
svg .empty { font-size: 13px; fill: var(--muted); }
details.harness summary { cursor: pointer; font-size: 13px; font-weight: 600; margin-top: 8px; }
table.harness td { text-align: left; }
.legend span { margin-right: 14px; font-size: 12px; }
.flaky { color: var(--warn); border: 1px solid var(--warn); border-radius: 4px; padding: 0 5px; font-size: 12px; font-weight: 600; }
tr.flaky-row td:first-child { box-shadow: inset 3px 0 0 var(--warn); }
table.repeats caption { caption-side: bottom; text-align: left; font-size: 12px; color: var(--muted); padding-top: 4px; }
.note { color: var(--muted); font-size: 13px; margin: 6px 0; }
ul.differences, ul.verdicts { margin: 4px 0 12px; padding-left: 20px; font-size: 13px; }
ul.differences li.measurable { font-weight: 600; } ul.differences li.none { color: var(--muted); }
.legend i { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 4px; }
.legend span { display: inline-block; }
.sw.rate { background: #1a7f37; } .sw.latency { background: #bc4c00; } .sw.fault { background: #cf222e; } .sw.detect { background: #8250df; }
.sw.restart { background: #0969da; } .sw.heal { background: #bf8700; } .sw.recover { background: #1a7f37; height: 8px; opacity: 0.5; }
.sw.span { background: rgba(207, 34, 46, 0.15); height: 10px; }
@media (max-width: 900px) { body { padding: 12px; } article.cell { padding: 4px 8px 10px; } th, td { padding: 4px 6px; } }
`;
