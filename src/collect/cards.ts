import { encode } from 'uqr';
import { html } from '../text/escape.js';

/** A QR code as an SVG (one path of dark modules), crisp at any print size. Pure. */
export function qrSvg(text: string): string {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (data[y]?.[x]) d += `M${x} ${y}h1v1h-1z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="30mm" height="30mm" shape-rendering="crispEdges" role="img" aria-label="QR code of the link with this card's code"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/**
 * The printable sheet of one-time codes: cut-out cards, each with the link, its code and a QR
 * code of the link with the code in it. Hand them out or draw them from a hat: the code sends one
 * response and is never stored with it. Pure.
 */
export function codeCards(o: { url: string; codes: readonly string[]; title: string; minutes: string }): string {
  const cards = o.codes
    .map(
      (c) => `<section class="card">
${qrSvg(`${o.url}?code=${c}`)}
<div><h2>Team pulse</h2><p>${html(o.title)}: about ${html(o.minutes)}.</p><p>Scan the code, or open<br><span class="url">${html(o.url)}</span><br>and type <strong class="code">${html(c)}</strong></p><p class="small">This code sends one response. It is never stored with your answers, and no one can tell which card was yours.</p></div>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Team pulse: ${o.codes.length} one-time codes</title>
<style>
body{font:11pt/1.35 system-ui,sans-serif;margin:10mm;color:#000;background:#fff}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:0}
.card{display:flex;gap:4mm;align-items:center;border:1px dashed #777;padding:5mm;break-inside:avoid;page-break-inside:avoid}
h1{font-size:14pt}h2{font-size:12pt;margin:0 0 1mm}p{margin:0 0 1.5mm}
.url{font-family:ui-monospace,monospace;font-size:9pt;word-break:break-all}.code{font-family:ui-monospace,monospace;font-size:13pt;letter-spacing:.05em}
.small{font-size:8.5pt;color:#333}
@media print{h1,.hint{display:none}body{margin:8mm}}
</style>
</head>
<body>
<h1>${o.codes.length} one-time codes</h1>
<p class="hint">Print this page, cut along the dashed lines, and hand the cards out or let people draw them from a hat. Delete this file once the cards are printed: the codes are not kept anywhere else.</p>
<div class="grid">
${cards}
</div>
</body>
</html>
`;
}
