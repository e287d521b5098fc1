// The pieces every HTML report is made of (the audit report, the history, the team report): one
// self-contained page with its stylesheet and a CSP, band colours with patterns, a bar chart and
// a line chart drawn as small hand-written SVG. Pure: strings in, a string out.
//
// Why no charting library: the charts are bars from 0 to 100 and one line chart; hand-written SVG
// is under 150 lines, has no script (the page's CSP forbids scripts), adds nothing to the bundle
// or to start-up, and stays readable when printed. Labels are HTML text beside the SVG, so they
// wrap and can never overlap, and screen readers read the table rather than the picture.
import { createHash } from 'node:crypto';
import { html } from '../text/escape.js';

/** A band as reports carry it. */
export interface HtmlBand {
  id: string;
  label: string;
  min: number;
}

/**
 * How each band is drawn, by position from the lowest band to the highest: Okabe–Ito colours,
 * which colour-blind readers tell apart, and a different pattern each, so that bands stay
 * distinct in greyscale; the band's name is always printed beside the bar as well.
 */
const BAND_LOOKS = [
  { colour: '#D55E00', pattern: 'hatch' }, // lowest
  { colour: '#E69F00', pattern: 'dots' },
  { colour: '#56B4E9', pattern: 'cross' },
  { colour: '#009E73', pattern: 'solid' }, // highest
] as const;

/** The look of band `i` of `n`: the lowest and highest always get the ends of the table. */
function bandLook(i: number, n: number) {
  if (i === n - 1) return BAND_LOOKS[BAND_LOOKS.length - 1]!;
  if (i === 0) return BAND_LOOKS[0];
  return BAND_LOOKS[1 + ((i - 1) % (BAND_LOOKS.length - 2))]!;
}

/** The pattern overlays, drawn in translucent black over the band colour. */
const PATTERN_MARKS: Record<string, string> = {
  hatch: '<path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" class="mark"/>',
  dots: '<circle cx="4" cy="4" r="1.6" class="mark-dot"/>',
  cross: '<path d="M0 4H8M4 0V8" class="mark"/>',
  solid: '',
};

/** The fill id of a band (an SVG pattern defined once per page by bandDefs). */
export const bandFill = (bands: readonly HtmlBand[], id: string | null): string => {
  const i = id === null ? -1 : bands.findIndex((b) => b.id === id);
  return i < 0 ? 'none' : `url(#band-${i})`;
};

/** The SVG patterns of the bands: one hidden SVG whose defs every chart on the page uses. */
export function bandDefs(bands: readonly HtmlBand[]): string {
  const patterns = bands.map((_, i) => {
    const look = bandLook(i, bands.length);
    return `<pattern id="band-${i}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${look.colour}"/>${PATTERN_MARKS[look.pattern]}</pattern>`;
  });
  return `<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>${patterns.join('')}</defs></svg>`;
}

/** The label of a band id, or "not scored". */
export const bandLabel = (bands: readonly HtmlBand[], id: string | null): string =>
  id === null ? 'not scored' : (bands.find((b) => b.id === id)?.label ?? id);

/** A score with one decimal, or "n/a". */
export const score1 = (s: number | null): string => (s === null ? 'n/a' : s.toFixed(1));

/** A small swatch of a band's fill and pattern, for legends and beside band names. */
export function swatch(bands: readonly HtmlBand[], id: string | null): string {
  return `<svg class="swatch" width="14" height="14" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="13" height="13" fill="${bandFill(bands, id)}" class="bar-edge"/></svg>`;
}

/** The band name with its swatch: the band shown by pattern and by text, never by colour alone. */
export const bandTag = (bands: readonly HtmlBand[], id: string | null): string =>
  `<span class="band">${swatch(bands, id)} ${html(bandLabel(bands, id))}</span>`;

/** The legend of the bands: swatch, name and range; says what the dashed lines are. */
export function bandLegend(bands: readonly HtmlBand[]): string {
  const items = bands.map((b, i) => {
    const next = bands[i + 1];
    const range = next ? `${b.min} to under ${next.min}` : `${b.min} and above`;
    return `<li>${bandTag(bands, b.id)} <span class="muted">${html(range)}</span></li>`;
  });
  return `<ul class="legend">${items.join('')}</ul><p class="muted small">Dashed lines mark where each band starts.</p>`;
}

/** Vertical dashed lines at each band's lower bound (above 0), in percent of the bar's width. */
const thresholds = (bands: readonly HtmlBand[]) =>
  bands
    .filter((b) => b.min > 0 && b.min < 100)
    .map((b) => `<line x1="${b.min}%" x2="${b.min}%" y1="0" y2="100%" class="threshold"/>`)
    .join('');

/**
 * One horizontal bar from 0 to 100, with the band thresholds. Coordinates are percentages, so
 * the bar stretches with its table cell while its lines keep their thickness.
 */
export function scoreBar(bands: readonly HtmlBand[], score: number | null, band: string | null): string {
  const bar =
    score === null
      ? '<rect x="0" y="30%" width="100%" height="40%" class="empty"/>'
      : `<rect x="0" y="15%" width="${Math.max(score, 0.5)}%" height="70%" fill="${bandFill(bands, band)}" class="bar-edge"/>`;
  return `<svg class="bar" width="100%" height="22" aria-hidden="true" focusable="false"><rect x="0" y="0" width="100%" height="100%" class="track"/>${bar}${thresholds(bands)}</svg>`;
}

/** The axis over a column of bars: tick labels at 0 and at each band's lower bound. */
export function scoreAxis(bands: readonly HtmlBand[]): string {
  const ticks = [0, ...bands.map((b) => b.min).filter((m) => m > 0 && m < 100)];
  const text = ticks
    .map((t) => `<text x="${t}%" y="14" text-anchor="${t === 0 ? 'start' : 'middle'}" class="tick">${t}</text>`)
    .join('');
  return `<svg class="axis" width="100%" height="18" aria-hidden="true" focusable="false">${text}</svg>`;
}

/** A group of rows in a bar chart (an area and its elements). */
export interface BarGroup {
  title: string;
  rows: { label: string; href?: string; score: number | null; band: string | null }[];
}

/**
 * A horizontal bar chart as a table: the label, the bar, the score and the band name in each
 * row, grouped under headings. The table is what is read; the bars are the picture of it.
 */
export function barChart(bands: readonly HtmlBand[], caption: string, groups: readonly BarGroup[]): string {
  const head = `<thead><tr><th scope="col">Element</th><th scope="col" class="bar-col"><span class="visually-hidden">Bar, 0 to 100</span>${scoreAxis(bands)}</th><th scope="col" class="num">Score</th><th scope="col">Band</th></tr></thead>`;
  const bodies = groups.map((g) => {
    const rows = g.rows.map((r) => {
      const label = r.href ? `<a href="${html(r.href)}">${html(r.label)}</a>` : html(r.label);
      return `<tr><th scope="row">${label}</th><td class="bar-col">${scoreBar(bands, r.score, r.band)}</td><td class="num">${score1(r.score)}</td><td>${bandTag(bands, r.band)}</td></tr>`;
    });
    return `<tbody><tr class="group"><th scope="rowgroup" colspan="4">${html(g.title)}</th></tr>${rows.join('')}</tbody>`;
  });
  return `<table class="chart"><caption>${html(caption)}</caption>${head}${bodies.join('')}</table>`;
}

/** Two bars on one track: a measured share beside a reference share (both 0 to 100). */
export function pairedBars(ours: number | null, reference: number, oursInterval?: readonly [number, number]): string {
  const interval = oursInterval
    ? `<line x1="${oursInterval[0]}%" x2="${oursInterval[1]}%" y1="25%" y2="25%" class="interval"/>`
    : '';
  const oursBar = ours === null ? '' : `<rect x="0" y="8%" width="${Math.max(ours, 0.5)}%" height="34%" class="ours"/>`;
  return `<svg class="bar" width="100%" height="26" aria-hidden="true" focusable="false"><rect x="0" y="0" width="100%" height="100%" class="track"/>${oursBar}${interval}<rect x="0" y="58%" width="${Math.max(reference, 0.5)}%" height="34%" fill="url(#poll)" class="bar-edge"/></svg>`;
}

/** The pattern of the reference (poll) bar, and the legend of paired bars. */
export const POLL_DEFS =
  '<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs><pattern id="poll" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" class="poll-fill"/><path d="M0 6L6 0" class="mark"/></pattern></defs></svg>';

/** One line of a line chart: a name and a value (or a gap) per point on the x axis. */
export interface LineSeries {
  name: string;
  values: (number | null)[];
  /** Points not joined to the one before (the questions changed between them). */
  breakBefore?: boolean[];
  /** The overall line is drawn heavier. */
  main?: boolean;
}

const LINE_DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 4', '10 4'];
const LINE_MARKERS = ['circle', 'square', 'diamond', 'triangle'] as const;

function marker(kind: (typeof LINE_MARKERS)[number], x: number, y: number): string {
  const r = 3.5;
  const table = {
    circle: `<circle cx="${x}" cy="${y}" r="${r}"/>`,
    square: `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}"/>`,
    diamond: `<path d="M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z"/>`,
    triangle: `<path d="M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z"/>`,
  };
  return table[kind];
}

const f1 = (n: number) => +n.toFixed(1);

/**
 * A line chart of scores (0 to 100) over the points of `xLabels`, band bounds as dashed lines.
 * Each line has its own dash and marker, named in the legend, so lines are told apart without
 * colour. A gap in the values (null) or a break before a point leaves the two points unjoined.
 */
export function lineChart(
  bands: readonly HtmlBand[],
  caption: string,
  xLabels: readonly string[],
  series: readonly LineSeries[],
): string {
  const W = 520;
  const H = 240;
  const left = 36;
  const right = 16;
  const top = 12;
  const bottom = 40;
  const x = (i: number) =>
    f1(xLabels.length === 1 ? left + (W - left - right) / 2 : left + (i * (W - left - right)) / (xLabels.length - 1));
  const y = (v: number) => f1(top + ((100 - v) * (H - top - bottom)) / 100);
  const grid = [0, ...bands.map((b) => b.min).filter((m) => m > 0 && m < 100), 100]
    .map(
      (v) =>
        `<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" class="${v === 0 || v === 100 ? 'gridline' : 'threshold'}"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" class="tick">${v}</text>`,
    )
    .join('');
  // The first and last labels hang inward, so that they stay inside the picture.
  const anchor = (i: number) =>
    xLabels.length === 1 ? 'middle' : i === 0 ? 'start' : i === xLabels.length - 1 ? 'end' : 'middle';
  const xTicks = xLabels
    .map((l, i) => `<text x="${x(i)}" y="${H - bottom + 18}" text-anchor="${anchor(i)}" class="tick">${html(l)}</text>`)
    .join('');
  // A series with no value draws no line, so it has no place in the legend either.
  const drawn = series.filter((s) => s.values.some((v) => v !== null));
  const lines = drawn.map((s, k) => {
    const dash = LINE_DASHES[k % LINE_DASHES.length]!;
    const kind = LINE_MARKERS[k % LINE_MARKERS.length]!;
    const segments: string[] = [];
    let run: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null || s.breakBefore?.[i]) {
        if (run.length) segments.push(run.join(' '));
        run = [];
      }
      if (v !== null) run.push(`${run.length ? 'L' : 'M'}${x(i)} ${y(v)}`);
    });
    if (run.length) segments.push(run.join(' '));
    const marks = s.values.map((v, i) => (v === null ? '' : marker(kind, x(i), y(v)))).join('');
    return `<g class="series${s.main ? ' main' : ''}"><title>${html(s.name)}</title><path d="${segments.join(' ')}"${dash ? ` stroke-dasharray="${dash}"` : ''} class="line"/><g class="markers">${marks}</g></g>`;
  });
  const legend = drawn.map((s, k) => {
    const dash = LINE_DASHES[k % LINE_DASHES.length]!;
    const kind = LINE_MARKERS[k % LINE_MARKERS.length]!;
    return `<li><svg class="key" width="36" height="12" aria-hidden="true" focusable="false"><g class="series${s.main ? ' main' : ''}"><path d="M2 6H34"${dash ? ` stroke-dasharray="${dash}"` : ''} class="line"/><g class="markers">${marker(kind, 18, 6)}</g></g></svg> ${html(s.name)}</li>`;
  });
  return `<figure class="line-chart"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${html(caption)}">${grid}${xTicks}${lines.join('')}</svg><figcaption>${html(caption)}</figcaption><ul class="legend lines">${legend.join('')}</ul></figure>`;
}

/** The stylesheet every report page shares: light and dark, screen and print. */
export const CSS = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#4a4a4a;--rule:#c8c8c8;--track:#eeeeee;--link:#0a4fb5;--ours:#1b1b1b;--poll:#9a9a9a}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#141414;--muted:#bdbdbd;--rule:#555;--track:#2a2a2a;--link:#9cc3ff;--ours:#ececec;--poll:#8a8a8a}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:60rem;padding:1.5rem 1rem 3rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;overflow-wrap:break-word}
a{color:var(--link)}
h1{font-size:1.7rem;line-height:1.2;margin:0 0 .25rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--rule)}
h3{font-size:1.1rem;margin:0 0 .4rem}
h4{font-size:.95rem;margin:.5rem 0 .2rem}
.muted{color:var(--muted)}
.small{font-size:.85rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header .subtitle{margin:0 0 .75rem;color:var(--muted)}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0 0 1rem}
.facts div{min-width:8rem}
.facts dt{font-size:.8rem;color:var(--muted)}
.facts dd{margin:0;font-weight:600}
.overall{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem 1rem;padding:.75rem 1rem;border:1px solid var(--rule);border-radius:.4rem}
.overall .big{font-size:2.2rem;font-weight:700;line-height:1}
.warning{border-left:4px solid #E69F00;padding:.25rem .75rem}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;padding-bottom:.4rem}
th,td{text-align:left;vertical-align:middle;padding:.3rem .5rem;border-bottom:1px solid var(--rule)}
thead th{font-size:.85rem;color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.group th{padding-top:.9rem;font-size:.95rem;border-bottom:2px solid var(--fg)}
.chart th[scope=row]{font-weight:500;width:36%}
.bar-col{width:34%;min-width:8rem}
.engagement th[scope=row]{width:46%;font-weight:500}
.engagement .bar-col{width:22%;min-width:5rem}
svg{display:block;overflow:visible}
svg.swatch{display:inline-block;vertical-align:-2px}
svg.key{display:inline-block;vertical-align:middle}
.band{white-space:nowrap}
.track{fill:var(--track)}
.empty{fill:none;stroke:var(--muted);stroke-dasharray:3 3}
.bar-edge{stroke:var(--fg);stroke-width:1}
.threshold{stroke:var(--fg);stroke-width:1;stroke-dasharray:3 3;opacity:.7}
.gridline{stroke:var(--rule);stroke-width:1}
.tick{fill:var(--muted);font-size:12px}
/* The chart is drawn 520 units wide and scaled to the page: on a phone (about 360 px of it) its labels grow, so they are still 12 px as drawn. */
@media (max-width:40rem){.line-chart .tick{font-size:18px}}
.mark{stroke:#000;stroke-opacity:.45;stroke-width:1.5}
.mark-dot{fill:#000;fill-opacity:.45}
.ours{fill:var(--ours)}
.poll-fill{fill:var(--poll)}
.interval{stroke:#E69F00;stroke-width:3}
.line{fill:none;stroke:var(--fg);stroke-width:1.5}
.series.main .line{stroke-width:3}
.markers{fill:var(--bg);stroke:var(--fg);stroke-width:1.5}
figure{margin:0}
.line-chart figcaption{font-weight:600;margin-top:.25rem}
.legend{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
ol.actions{padding-left:1.5rem}
ol.actions li{margin-bottom:.6rem}
.element{border:1px solid var(--rule);border-radius:.4rem;padding:.75rem 1rem;margin:0 0 1rem}
.element ul{padding-left:1.25rem;margin:.4rem 0}
.element li{margin-bottom:.4rem}
.rec{display:block;margin-top:.15rem}
blockquote{margin:.4rem 0;padding:.1rem .75rem;border-left:3px solid var(--rule)}
code{font-size:.9em;overflow-wrap:anywhere}
.facts dd{overflow-wrap:anywhere}
footer{margin-top:2rem;font-size:.85rem;color:var(--muted)}
.history tr.group th{border-bottom:1px solid var(--rule);padding-top:.3rem}
.history th[scope=row]{font-weight:400}
.history tr.group th[scope=row]{font-weight:700}
.scroll{overflow-x:auto}
/* Narrow screens: each chart row puts its label on a line of its own above the bar. */
@media (max-width:40rem){
body{padding:1rem .75rem 2rem;font-size:15px}
.chart tr{display:grid;grid-template-columns:1fr 3.8rem 7.5rem;align-items:center;border-bottom:1px solid var(--rule)}
.chart th,.chart td{border-bottom:none}
.chart th[scope=row],.chart tr.group th{grid-column:1/-1;width:auto;padding-bottom:0}
.chart tr.group{border-bottom:2px solid var(--fg)}
.chart thead th:first-child{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.chart .bar-col{width:auto;min-width:0}
.engagement tr{display:grid;grid-template-columns:repeat(3,minmax(4.2rem,auto)) 1fr;align-items:center;border-bottom:1px solid var(--rule)}
.engagement th,.engagement td{border-bottom:none}
.engagement th[scope=row]{grid-column:1/-1;padding-bottom:0}
.engagement thead th:first-child{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
thead th.num{white-space:normal}
.history .word{display:none}
th,td{padding:.3rem}
}
@page{margin:14mm 12mm}
@page{margin:12mm}
@media print{
:root{--fg:#000;--bg:#fff;--muted:#333;--rule:#999;--track:#f0f0f0;--link:#000;--ours:#000;--poll:#8a8a8a;color-scheme:light}
body{max-width:none;padding:0;font-size:10.5pt}
h2{margin-top:1.2rem;break-after:avoid}
h3{break-after:avoid}
section{break-before:auto}
header,tr,li,.element,.overall,figure,blockquote,.legend,table.engagement,#engagement{break-inside:avoid}
h1{font-size:1.4rem}
.overall{padding:.4rem .75rem}
.overall .big{font-size:1.8rem}
.chart th,.chart td{padding:.1rem .4rem}
tr.group th{padding-top:.4rem}
.element{padding:.35rem .6rem;margin-bottom:.5rem;font-size:9pt;line-height:1.25}
.element h3{margin:0 0 .2rem}
.element p{margin:.2rem 0}
.element h4{margin:.3rem 0 .1rem}
.element ul{columns:2;column-gap:1.2rem;margin:.2rem 0}
.element li{margin-bottom:.2rem;font-size:8.5pt}
.rec{margin-top:.05rem}
thead{display:table-header-group}
a{text-decoration:none;color:inherit}
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.9em}
}
`
  .trim()
  .replace(/\n/g, '');

/** The CSP of a report page: nothing may load, no script may run; only this page's own stylesheet. */
export function csp(css: string): string {
  const hash = createHash('sha256').update(css).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** A whole page: a title (escaped here), a body (already HTML), the shared stylesheet and CSP. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp(CSS)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${html(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
