import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { aboutMinutes } from '../../collect/duration.js';
import { formItems } from '../../collect/submission.js';
import { EXIT, InputError, UsageError } from '../../errors.js';
import { colorLevel } from '../../text/style.js';
import { shellWord, terminalLine } from '../../text/escape.js';
import type { Collector } from '../../collect/server.js';
import type { Io } from '../io.js';
import { loadBank } from '../load.js';
import { checkAreas } from '../report-model.js';
import { styleFor } from '../output.js';
import { leftOutNotice, poolReport } from '../team.js';
import { DEFAULT_MIN_GROUP } from '../../team/anonymity.js';
import { TEAM_FORMATS } from '../../team/formats.js';
import type { GlobalOptions } from '../spec.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** The address to show for the form: the host given, or this machine's network address when bound to all. */
function shownHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') {
    const mine = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4');
    if (mine) return mine.address;
  }
  return host.includes(':') ? `[${host}]` : host;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export interface CollectOptions {
  out: string;
  bank?: string;
  audience: 'team' | 'lead' | 'all';
  area?: string[];
  group?: string;
  host: string;
  port: number;
  until?: number;
  qr: boolean;
  /** How many people were asked: the output says "8 of 12 answered". */
  teamSize?: number;
  /** Make this many one-time codes (a printable sheet of cards); each sends one response. */
  codes?: number;
  /** Serve the form and store nothing. */
  preview?: boolean;
}

/** "8 of 12 answered" (with a team size), or "8 responses". Pure. */
export function answeredLine(n: number, teamSize: number | undefined): string {
  return teamSize === undefined ? plural(n, 'response') : `${n} of ${teamSize} answered`;
}

/** Serves the bank's questions as a form on the local network and saves each response as its own answers file. */
export default async function collectCommand(io: Io, opts: CollectOptions & GlobalOptions): Promise<number> {
  const loaded = loadBank(io, opts.bank);
  const { bank } = loaded;
  const areas = opts.area;
  checkAreas(bank, areas);
  const audience = opts.audience;
  const items = formItems(bank, { audience, ...(areas && { areas }) });
  if (items.length === 0) {
    throw new UsageError(
      `the bank has no ${audience === 'all' ? '' : `${audience} `}questions${areas ? ' in those areas' : ''} to ask; ${audience === 'team' ? 'pass --audience all to ask every question, or use a bank with "audience: team" questions' : 'choose other areas'}`,
    );
  }
  const { group } = opts;
  if (
    group !== undefined &&
    (group.trim() === '' || group.length > 100 || /[\u0000-\u001F\u007F-\u009F]/.test(group))
  ) {
    throw new UsageError(
      '--group must be a short name (1 to 100 characters, no control characters), e.g. --group "Night shift"',
    );
  }

  const { out, preview } = opts;
  const outDir = resolve(io.cwd, out);
  const shownOut = relative(io.cwd, outDir) || '.';
  if (preview && opts.codes !== undefined)
    throw new UsageError('--preview stores nothing, so it makes no codes; leave out --codes or --preview');
  if (!preview)
    try {
      mkdirSync(outDir, { recursive: true });
      if (!statSync(outDir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError([
        {
          file: out,
          line: 1,
          col: 1,
          message:
            code === 'EEXIST' || code === 'ENOTDIR'
              ? 'is a file, not a folder'
              : `cannot be used as the responses folder (${code ?? String(e)})`,
          fix: 'name a folder for the responses (it is created if missing), e.g. --out responses/',
        },
      ]);
    }

  // The server and the QR code ship as a bundle of their own (dist/collect.cjs), loaded only here.
  const { startCollect, drawQr, codeCards, FolderInUse, FolderSealed, WriteOutFailed } = await import(
    '../../collect/runtime.js'
  );
  const { host, port, until, teamSize } = opts;
  const live = io.stderr.isTTY === true;
  const status = (n: number) => answeredLine(n, teamSize);

  const collector: Collector = await startCollect({
    bank,
    items,
    ...(preview ? { preview: true } : { outDir }),
    ...(group !== undefined && { group: group.trim() }),
    host,
    port,
    ...(until !== undefined && { until }),
    ...(opts.codes !== undefined && { codes: opts.codes }),
    today: io.today,
    onResponse: (n) => {
      io.stderr.write(live ? `\r\x1b[2K${status(n)}` : `${status(n)}\n`);
    },
    onError: (message) =>
      io.stderr.write(`${live ? '\r\x1b[2K' : ''}warning: ${message}\n${live ? status(collector.count()) : ''}`),
  }).catch((e: unknown) => {
    if (e instanceof FolderSealed)
      throw new UsageError(
        `${terminalLine(shownOut)}/ holds a pulse that closed on ${terminalLine(e.seal.sealed)} (${plural(e.seal.responses, 'response')}; see its pulse-seal.json); collect the next pulse into a folder of its own, e.g. --out ${shellWord(`${shownOut}-${io.today()}/`)}`,
      );
    if (e instanceof FolderInUse)
      throw new UsageError(
        `${terminalLine(shownOut)}/ is in use by another collect (process ${e.pid}); stop that one first, or pass another --out`,
      );
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`port ${port} is already in use; pass another --port, or leave it out to take a free one`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EINVAL')
      throw new UsageError(
        `--host ${terminalLine(host)} is not an address of this machine; use 127.0.0.1 (this machine only) or 0.0.0.0 (the whole network)`,
      );
    if (code === 'EACCES')
      throw new UsageError(`port ${port} needs special rights; pass a port above 1023, or leave --port out`);
    const c = (e as NodeJS.ErrnoException).code;
    if (c === 'ENOSPC' || c === 'EROFS' || c === 'EACCES' || c === 'EPERM' || c === 'ENOENT' || c === 'EBADSPOOL')
      throw new UsageError(
        `${terminalLine(shownOut)}/ cannot be used for responses (${c}${c === 'ENOSPC' ? ': the disk is full' : c === 'EBADSPOOL' ? ': its .collect-spool is not one collect wrote' : ''}); free some space or pass another --out`,
      );
    throw e;
  });

  // Until Ctrl+C (or SIGTERM), or until --until responses are in. Listened for before anything
  // is printed, so a Ctrl+C right after the link appears still stops cleanly.
  let off: (() => void) | undefined;
  const stopped = new Promise<void>((done) => {
    off = io.onInterrupt?.(done);
    void collector.reachedUntil.then(done);
  });

  const url = `http://${shownHost(host)}:${collector.port}/${collector.token}`;
  const colour = colorLevel({ flag: opts.color !== false, env: io.env, isTTY: io.stdout.isTTY === true }) > 0;
  io.stdout.write(
    `${preview ? 'Preview of the team pulse' : 'Team pulse'}: ${plural(items.length, 'question')} of ${terminalLine(bank.title)}${group ? `, group "${terminalLine(group)}"` : ''}; about ${aboutMinutes(items.length)} to answer.\n`,
  );
  if (collector.codes.length > 0) {
    // The sheet goes beside the folder, never into it: the codes must not travel with the responses.
    const sheet = join(dirname(outDir), `${basename(outDir)}-codes.html`);
    try {
      writeFileSync(
        sheet,
        codeCards({ url, codes: collector.codes, title: bank.title, minutes: aboutMinutes(items.length) }),
        { mode: 0o600 },
      );
    } catch (e) {
      await collector.stop().catch(() => undefined);
      throw new UsageError(
        `the sheet of codes cannot be written to ${terminalLine(relative(io.cwd, sheet))} (${(e as NodeJS.ErrnoException).code ?? String(e)}); check that folder`,
      );
    }
    io.stdout.write(
      `${plural(collector.codes.length, 'one-time code')} made: print ${terminalLine(relative(io.cwd, sheet))} and hand out the cards (or draw them from a hat). Each code sends one response and is never stored with it; delete the sheet once printed.\n`,
    );
  } else if (collector.needsCode) {
    io.stdout.write('The unused one-time codes of the interrupted pulse still work; each sends one response.\n');
  }
  io.stdout.write(`Open this link on a phone, or scan the code:\n\n  ${url}\n\n`);
  if (opts.qr !== false) io.stdout.write(drawQr(url, colour));
  if (!LOOPBACK.test(host)) {
    io.stderr.write(
      `warning: the form is open to your network (--host ${terminalLine(host)}): anyone who can reach this machine and has the link can answer. Stop with Ctrl+C when the team is done.\n`,
    );
  } else {
    io.stderr.write(
      `Only this machine can open the form (--host ${terminalLine(host)}). For phones on your network, run with --host 0.0.0.0.\n`,
    );
  }
  io.stderr.write(
    preview
      ? `Preview: the form checks what is sent and stores nothing. ${until ? `Stops after ${plural(until, 'response')}, or ` : 'Stop '}with Ctrl+C.\n`
      : `Each response is kept the moment it is sent, and written to ${terminalLine(shownOut)}/ as a file of its own when you stop, all together in random order, so no file tells when it was sent. ${until ? `Stops after ${plural(until, 'response')}, or ` : 'Stop '}with Ctrl+C.\n`,
  );
  if (live) io.stderr.write(status(collector.count()));

  await stopped;
  off?.();
  const n = collector.count();
  try {
    await collector.stop();
  } catch (e) {
    if (!(e instanceof WriteOutFailed)) throw e;
    throw new UsageError(
      e.kept
        ? `${terminalLine(shownOut)}/: the ${plural(e.count, 'response')} could not be written out (${e.code}${e.code === 'ENOSPC' ? ': the disk is full' : ''}); every one is kept in ${terminalLine(shownOut)}/.collect-spool. Free some space, run the same collect again and stop it to write them out`
        : `${terminalLine(shownOut)}/: the ${plural(e.count, 'response')} could not be written anywhere (${e.code}); the folder cannot be written. Make it writable and stop no other collect: this one's responses are lost when it ends`,
    );
  }
  if (preview) {
    io.stderr.write(`${live ? '\n' : ''}Stopped. Preview: ${plural(n, 'form')} checked, nothing stored.\n`);
    return EXIT.ok;
  }
  io.stderr.write(
    `${live ? '\n' : ''}Stopped. ${answeredLine(n, teamSize)}; ${n === 1 ? 'it is' : 'they are'} written to ${terminalLine(shownOut)}/, sealed in pulse-seal.json (report and check refuse the folder if a file is added, removed or changed; commit it as a whole).\n`,
  );
  if (n > 0) {
    // The team report of the whole folder (earlier sessions' responses included), as `report` prints it.
    const model = poolReport(io, loaded, [outDir], {
      minGroup: DEFAULT_MIN_GROUP,
      strict: false,
      ...(teamSize !== undefined && { teamSize }),
    });
    io.stdout.write(
      `\n${TEAM_FORMATS.terminal(model, { style: styleFor(io, opts), width: Math.min(io.stdout.columns ?? 80, 100) })}`,
    );
    const notice = leftOutNotice(model);
    if (notice) io.stderr.write(notice);
  }
  io.stdout.write(
    `\nThe team report again, or as a file: service-audit report ${shellWord(`${shownOut}/`)} [--format ${Object.keys(
      TEAM_FORMATS,
    )
      .filter((f) => f !== 'terminal')
      .join('|')} --out FILE]\n`,
  );
  return EXIT.ok;
}
