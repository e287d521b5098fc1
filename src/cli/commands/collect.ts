import { mkdirSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { relative, resolve } from 'node:path';
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
const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

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

  const { out } = opts;
  const outDir = resolve(io.cwd, out);
  const shownOut = relative(io.cwd, outDir) || '.';
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
  const { startCollect, drawQr, FolderInUse } = await import('../../collect/runtime.js');
  const { host, port, until } = opts;
  const live = io.stderr.isTTY === true;
  let last = '';
  const status = (n: number) => `${plural(n, 'response')}${last ? ` · last ${last}` : ''}`;

  const collector: Collector = await startCollect({
    bank,
    items,
    outDir,
    ...(group !== undefined && { group: group.trim() }),
    host,
    port,
    ...(until !== undefined && { until }),
    today: io.today,
    onResponse: (n) => {
      last = hhmm(new Date());
      io.stderr.write(live ? `\r\x1b[2K${status(n)}` : `${status(n)}\n`);
    },
    onError: (message) =>
      io.stderr.write(`${live ? '\r\x1b[2K' : ''}warning: ${message}\n${live ? status(collector.count()) : ''}`),
  }).catch((e: unknown) => {
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
    `Team pulse: ${plural(items.length, 'question')} of ${terminalLine(bank.title)}${group ? `, group "${terminalLine(group)}"` : ''}.\n`,
  );
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
    `Each response is kept the moment it is sent, and written to ${terminalLine(shownOut)}/ as a file of its own in shuffled batches (the last ones at stop), so no file tells when it was sent. ${until ? `Stops after ${plural(until, 'response')}, or ` : 'Stop '}with Ctrl+C.\n`,
  );
  if (live) io.stderr.write(status(0));

  await stopped;
  off?.();
  await collector.stop();
  const n = collector.count();
  io.stderr.write(`${live ? '\n' : ''}Stopped. ${plural(n, 'response')} saved in ${terminalLine(shownOut)}/.\n`);
  if (n > 0) {
    // The team report of the whole folder (earlier sessions' responses included), as `report` prints it.
    const model = poolReport(io, loaded, [outDir], { minGroup: DEFAULT_MIN_GROUP, strict: false });
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
