/// <reference lib="dom" />
// The shared browser-test kit: Debian's Chromium driven by playwright-core (which never downloads
// a browser of its own), axe-core for accessibility, screenshots and PDFs kept as test artifacts.
// One browser per test file (launch it in beforeAll, close it in afterAll); pages are cheap.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe } from 'vitest';

/** The browser the tests drive: $CHROMIUM, else Debian's. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Where screenshots and PDFs go (git-ignored; CI keeps the folder as an artifact). */
export const TEST_OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));

/**
 * Flags this machine needs: no sandbox (CI runs as root), no GPU, and none of Chromium's own
 * background connections, which a closed network refuses (and which would be requests that
 * "leave the page" without the page asking for them). Playwright gives every launch a fresh,
 * empty profile folder of its own (it refuses a --user-data-dir in the arguments).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const missing = !existsSync(CHROMIUM);
const MISSING_MESSAGE = `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM to a Chromium binary`;

/**
 * A describe block for browser tests. Without Chromium it skips with a clear message locally,
 * and fails in CI (CI=true), so a CI run cannot pass without ever opening a browser.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (!missing) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(name, () => {
      throw new Error(MISSING_MESSAGE);
    });
    return;
  }
  console.warn(`skipping browser tests "${name}": ${MISSING_MESSAGE}`);
  describe.skip(name, body);
}

/** Starts headless Chromium with the flags above. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A page and every request it made, in order (the page's own URL included). */
export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  requests: string[];
  /** Why a request failed, by URL: 'csp' when the page's Content-Security-Policy stopped it. */
  failures: Map<string, string>;
  /**
   * Requests the page tried to make anywhere but to itself and data: URLs (whether the page's
   * CSP then stopped them, see failures, or the kit did).
   */
  requestsLeaving(): string[];
  close(): Promise<void>;
}

/**
 * Opens a URL (file: or http://127.0.0.1) in a fresh context and records every request. Any
 * request to another address is recorded and then aborted, so a test can never reach out.
 */
export async function openPage(
  browser: Browser,
  url: string,
  o: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: o.width ?? 1280, height: o.height ?? 800 },
    colorScheme: o.colorScheme ?? 'light',
  });
  const requests: string[] = [];
  const own = new URL(url);
  const isOwn = (u: string) => {
    const p = new URL(u);
    return (
      p.protocol === 'data:' ||
      p.protocol === 'about:' ||
      (p.protocol === own.protocol && p.host === own.host && (own.protocol !== 'file:' || p.pathname === own.pathname))
    );
  };
  const failures = new Map<string, string>();
  context.on('request', (r) => void requests.push(r.url()));
  context.on('requestfailed', (r) => void failures.set(r.url(), r.failure()?.errorText ?? 'failed'));
  await context.route('**/*', (route) =>
    isOwn(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    context,
    requests,
    failures,
    requestsLeaving: () => requests.filter((u) => !isOwn(u)),
    close: () => context.close(),
  };
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** One axe-core violation, trimmed to what a failing test should print. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules and best practices) in the page and returns its
 * violations. The script is evaluated over the DevTools protocol, which a page's CSP does not
 * block, so pages that forbid scripts can be checked as they are.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** Saves a full-page screenshot under test-output/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(TEST_OUTPUT, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Paper sizes the print tests cover, in CSS pixels (96 per inch). */
export const PAPER = {
  A4: { width: (210 / 25.4) * 96, height: (297 / 25.4) * 96 },
  Letter: { width: 8.5 * 96, height: 11 * 96 },
} as const;

/**
 * Prints the page to PDF as "Print → Save as PDF" would (print media, the page's own @page
 * margins, backgrounds as the stylesheet allows), saves it under test-output/pdf/, and returns
 * the bytes and the page count.
 */
export async function printPdf(
  page: Page,
  name: string,
  format: keyof typeof PAPER,
): Promise<{ path: string; pdf: Buffer; pages: number }> {
  const pdf = await page.pdf({ format, printBackground: false, preferCSSPageSize: false });
  const dir = join(TEST_OUTPUT, 'pdf');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  return { path, pdf, pages: pdfPageCount(pdf) };
}

/** The number of pages in a PDF: its page objects (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}
