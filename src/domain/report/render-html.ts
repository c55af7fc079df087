import { escapeMarkup } from '../markup/escape-markup';
import type { EscalationReport, ReportBlock } from './report-model';

/** The one escaping function of the printable HTML page. */
export function escapeHtml(text: string): string {
  return escapeMarkup(text);
}

const lines = (text: string) => escapeHtml(text).split('\n').join('<br>');

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${lines(b.text)}</p>`;
    case 'heading':
      return `<h3>${lines(b.text)}</h3>`;
    case 'note':
      return `<p class="note">${lines(b.text)}</p>`;
    case 'facts':
      return `<table class="facts"><tbody>${b.items.map((i) => `<tr><th scope="row">${lines(i.label)}</th><td>${lines(i.value)}</td></tr>`).join('')}</tbody></table>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${lines(i)}</li>`).join('')}</ul>`;
    case 'table':
      return `<table><thead><tr>${b.columns.map((c) => `<th scope="col">${lines(c)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((cell) => `<td>${lines(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

const CSS = `
body{font:11pt/1.45 -apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#172b4d;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;border-bottom:1px solid #dfe1e6;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}.note{color:#5e6c84;font-style:italic}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92em}
th,td{border:1px solid #c1c7d0;padding:.3rem .45rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th,.facts th{background:#f4f5f7}.facts th{width:30%}
.toolbar{margin:1rem 0}
@page{size:A4;margin:18mm 15mm}
@media print{body{margin:0;max-width:none;font-size:10pt}.toolbar{display:none}h2{break-after:avoid}h3{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}}
`;

/**
 * The report as one standalone, printable HTML page (no scripts, no external resources; print CSS for
 * A4). Opened from the panel as a blob URL; the browser's print dialog makes a PDF.
 */
export function renderHtml(report: EscalationReport): string {
  const lang = report.locale;
  const body = report.sections
    .map((s) => `<section id="${s.id}"><h2>${lines(s.title)}</h2>${s.blocks.map(block).join('\n')}</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(report.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${lines(report.title)}</h1>
<p class="note">${lines(report.subtitle)}</p>
${body}
</body>
</html>
`;
}
