import { createHash } from 'node:crypto';
import type { Bank } from '../bank/schema.js';
import { html } from '../text/escape.js';
import { aboutMinutes } from './duration.js';
import { NOT_APPLICABLE, NOTE_MAX, numberWords, REASON_MAX, type FormItem, type FormState } from './submission.js';

// The collect form: server-rendered, no script, no external request, readable on a phone.
// Every value that came from the bank or from a person goes through html().

/** The page's only style sheet; the Content-Security-Policy allows exactly this text (by hash). */
export const FORM_CSS = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--line:#c8c8c8;--accent:#0b57d0;--err:#b3261e;--card:#f6f7f9}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#121212;--muted:#b5b5b5;--line:#4a4a4a;--accent:#8ab4f8;--err:#f2b8b5;--card:#1d1f22}}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 4rem}
h1{font-size:1.5rem;margin:.5rem 0 0}
.sub{color:var(--muted);margin:.25rem 0 1rem}
.privacy{background:var(--card);border-left:4px solid var(--accent);padding:.75rem 1rem;margin:1rem 0 1.5rem}
.privacy h2{font-size:1rem;margin:0 0 .25rem}
.privacy p{margin:0}
.summary{border:2px solid var(--err);padding:.75rem 1rem;margin:0 0 1.5rem}
.summary h2{font-size:1rem;margin:0 0 .25rem;color:var(--err)}
.summary a{color:var(--err)}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:0 0 1.25rem;padding:.75rem 1rem 1rem;min-width:0}
fieldset.invalid{border:2px solid var(--err)}
legend{font-weight:600;float:left;width:100%;padding:0;margin:0 0 .25rem}
legend+*{clear:both}
.error{color:var(--err);font-weight:600;margin:.25rem 0}
details{margin:.25rem 0 .5rem}
summary{cursor:pointer;color:var(--accent);min-height:2.75rem;display:flex;align-items:center}
summary:focus-visible,input:focus-visible,textarea:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.choice{display:flex;gap:.75rem;align-items:center;min-height:2.75rem;padding:.25rem 0}
.choice input{width:1.35rem;height:1.35rem;margin:0;flex:none;accent-color:var(--accent)}
.field{display:block;margin:.5rem 0 .25rem}
input[type=text],input[type=number],textarea{width:100%;font:inherit;color:inherit;background:var(--bg);border:1px solid var(--muted);border-radius:.375rem;padding:.5rem .625rem}
.reason{margin:.25rem 0 0 2.1rem}
@supports selector(:has(a)){.reason{display:none}fieldset:has(input[value="${NOT_APPLICABLE}"]:checked) .reason,.reason.shown{display:block}}
button{font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:.5rem;padding:.875rem 1.5rem;min-height:3rem;width:100%}
@media (prefers-color-scheme:dark){button{color:#0b1d3a}}
.muted{color:var(--muted)}
`;

/** The Content-Security-Policy of every page: nothing may load, connect or run; only this style and a form post to the same origin. */
export const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(FORM_CSS).digest('base64')}'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${html(title)}</title>
<link rel="icon" href="data:,">
<style>${FORM_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface FormPage {
  bank: Bank;
  items: readonly FormItem[];
  /** The form posts back to this path (it carries the token). */
  action: string;
  nonce: string;
  group?: string;
  state?: FormState;
  errors?: Record<string, string>;
  /** A message about the form as a whole (expired, nothing answered, not saved). */
  notice?: string;
  /** A pulse with one-time codes: the code from the card's link (asked for when empty). */
  code?: string;
  /** Preview: nothing sent is stored, and the page says so. */
  preview?: boolean;
}

/** What is kept, said plainly at the top of the form. */
function privacy(group: string | undefined): string {
  const kept = group ? `your answers, today's date and the group “${html(group)}”` : "your answers and today's date";
  return `<section class="privacy" aria-labelledby="kept"><h2 id="kept">What is kept</h2><p>Only ${kept}. No name, no device or network address, no time of day. Answers are pooled with your colleagues’, and a small group never gets results of its own.</p></section>`;
}

function question(item: FormItem, n: number, p: FormPage): string {
  const q = item.question;
  const id = `q${n}`;
  const value = p.state?.values[q.id] ?? '';
  const error = p.errors?.[q.id];
  const errId = `${id}-error`;
  const described = error ? ` aria-describedby="${errId}"` : '';
  const checked = (v: string) => (value === v ? ' checked' : '');
  const parts = [
    `<fieldset id="${id}"${error ? ' class="invalid"' : ''}${described}>`,
    `<legend>${n}. ${html(q.text)}</legend>`,
  ];
  if (error) parts.push(`<p class="error" id="${errId}">${html(error)}</p>`);
  parts.push(`<details><summary>Why we ask</summary><p>${html(q.help)}</p></details>`);
  if (q.options) {
    q.options.forEach((o, i) => {
      parts.push(
        `<label class="choice"><input type="radio" name="q:${html(q.id)}" value="${html(o.value)}" id="${id}-${i}"${checked(o.value)}> ${html(o.label)}</label>`,
      );
    });
    parts.push(
      `<label class="choice"><input type="radio" name="q:${html(q.id)}" value="${NOT_APPLICABLE}" id="${id}-na"${checked(NOT_APPLICABLE)}> Does not apply to me</label>`,
    );
  } else {
    const typed = value === NOT_APPLICABLE ? '' : value;
    // A number question is labelled with its unit; the server checks the value whatever the browser allows.
    const [label, max] =
      q.type === 'number'
        ? [`${numberWords(q).replace(/^a n/, 'N')}`, q.max === undefined ? '' : ` max="${q.max}"`]
        : ['Percent, from 0 to 100', ' max="100"'];
    parts.push(
      `<label class="field" for="${id}-v">${html(label)}</label><input type="number" inputmode="decimal" min="0"${max} step="any" name="q:${html(q.id)}" id="${id}-v" value="${html(typed)}"${error ? ' aria-invalid="true"' : ''}>`,
    );
    parts.push(
      `<label class="choice"><input type="checkbox" name="q:${html(q.id)}" value="${NOT_APPLICABLE}" id="${id}-na"${checked(NOT_APPLICABLE)}> Does not apply to me</label>`,
    );
  }
  const reason = p.state?.reasons[q.id] ?? '';
  parts.push(
    `<div class="reason${value === NOT_APPLICABLE ? ' shown' : ''}"><label class="field" for="${id}-why">Why does it not apply?</label><input type="text" name="na:${html(q.id)}" id="${id}-why" maxlength="${REASON_MAX}" value="${html(reason)}"></div>`,
  );
  const note = p.state?.notes[q.id] ?? '';
  parts.push(
    `<details${note ? ' open' : ''}><summary>Add a comment (optional)</summary><label class="field" for="${id}-note">Your comment</label><textarea name="note:${html(q.id)}" id="${id}-note" rows="3" maxlength="${NOTE_MAX}">${html(note)}</textarea></details>`,
  );
  parts.push('</fieldset>');
  return parts.join('\n');
}

/** The whole form, with kept values and problems beside their questions when it comes back. Pure. */
export function renderForm(p: FormPage): string {
  const errorIds = p.items.map((x, i) => ({ x, n: i + 1 })).filter(({ x }) => p.errors?.[x.question.id]);
  const summary =
    errorIds.length > 0 || p.notice
      ? `<div class="summary" role="alert" aria-labelledby="problems"><h2 id="problems">${errorIds.length > 0 ? `Please check ${errorIds.length === 1 ? 'one answer' : `${errorIds.length} answers`}` : 'Please check'}</h2>${p.notice ? `<p>${html(p.notice)}</p>` : ''}${errorIds.length > 0 ? `<ul>${errorIds.map(({ x, n }) => `<li><a href="#q${n}">Question ${n}: ${html(p.errors![x.question.id]!)}</a></li>`).join('')}</ul>` : ''}</div>`
      : '';
  const body = [
    '<h1>Team pulse</h1>',
    `<p class="sub">${html(p.bank.title)}${p.group ? ` · ${html(p.group)}` : ''} · ${p.items.length} statements, about ${aboutMinutes(p.items.length)}</p>`,
    ...(p.preview
      ? [
          '<p class="summary" role="note"><strong>Preview.</strong> Try the form as your team will see it: nothing you send here is stored.</p>',
        ]
      : []),
    privacy(p.group),
    summary,
    // autocomplete off: no browser restores an answered form under a fresh nonce (back, then send again).
    `<form method="post" action="${html(p.action)}" autocomplete="off">`,
    `<input type="hidden" name="nonce" value="${html(p.nonce)}">`,
    ...(p.code === undefined
      ? []
      : p.code !== ''
        ? [`<input type="hidden" name="code" value="${html(p.code)}">`]
        : [
            `<label class="field" for="code">Your one-time code (on your card; it is never stored with your answers)</label><input type="text" name="code" id="code" autocapitalize="characters" spellcheck="false" maxlength="40" required>`,
          ]),
    ...p.items.map((item, i) => question(item, i + 1, p)),
    '<button type="submit">Send my answers</button>',
    '</form>',
  ];
  return page(`Team pulse: ${p.bank.title}`, body.join('\n'));
}

/** The page after a response was saved (or, in a preview, checked and not stored). */
export function renderThanks(o: { preview?: boolean } = {}): string {
  return o.preview
    ? page(
        'Preview: not stored',
        '<h1>Preview: not stored</h1>\n<p>The answers were complete and would have been saved. In this preview nothing is stored.</p>',
      )
    : page(
        'Thank you',
        '<h1>Thank you</h1>\n<p>Your answers were saved, with no name, address or time of day. You can close this page.</p>',
      );
}

/** A short page for every other outcome (not found, closed, too large…). */
export function renderMessage(title: string, text: string): string {
  return page(title, `<h1>${html(title)}</h1>\n<p class="muted">${html(text)}</p>`);
}
