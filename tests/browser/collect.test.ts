import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { startCollector, type Running } from '../e2e/collect-helpers.js';
import { axeViolations, describeBrowser, launchChromium, openPage, screenshot } from './chromium.js';

const PHONE = { width: 390, height: 844 };

describeBrowser('collect in a real browser, on a phone-sized screen', () => {
  let browser: Browser;
  let c: Running;
  const t = tempDir();
  const out = join(t.dir, 'responses');
  /** Every response kept, as text: in the spool while collect runs (no file of its own until it stops). */
  const files = (): string[] =>
    existsSync(join(out, '.collect-spool'))
      ? (
          JSON.parse(readFileSync(join(out, '.collect-spool'), 'utf8')) as { responses: { text: string }[] }
        ).responses.map((r) => r.text)
      : [];

  beforeAll(async () => {
    browser = await launchChromium();
    c = await startCollector(['--out', 'responses', '--group', 'Front desk', '--no-qr'], t.dir);
  });
  afterAll(async () => {
    await browser?.close();
    c?.child.kill('SIGKILL');
    t.cleanup();
  });

  test('the link opens the form; nothing leaves the page; axe finds no violation, light or dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const p = await openPage(browser, c.url, { ...PHONE, colorScheme });
      expect(await p.page.title()).toBe('Team pulse: Service readiness audit');
      expect(await p.page.locator('fieldset').count()).toBeGreaterThan(0);
      expect(p.requestsLeaving()).toEqual([]);
      expect(await axeViolations(p.page)).toEqual([]);
      await screenshot(p.page, `collect-form-390-${colorScheme}`);
      await p.close();
    }
  });

  test('answer by tapping the labels, send, see the thank-you page; the back button and send again record nothing more', async () => {
    const p = await openPage(browser, c.url, PHONE);
    const fieldsets = p.page.locator('fieldset');
    const n = await fieldsets.count();
    for (let i = 0; i < n - 1; i++) await fieldsets.nth(i).getByText('Agree', { exact: true }).click();
    await fieldsets
      .nth(n - 1)
      .getByText('Does not apply to me')
      .click();
    await fieldsets
      .nth(n - 1)
      .getByLabel('Why does it not apply?')
      .fill('I joined last week');
    await p.page.getByRole('button', { name: 'Send my answers' }).click();
    await p.page.waitForURL(/\/thanks$/);
    expect(await p.page.locator('h1').textContent()).toBe('Thank you');
    expect(files()).toHaveLength(1);
    const saved = files()[0]!;
    expect(saved).toContain('{ na: "I joined last week" }');
    expect(saved.match(/: agree$/gm)).toHaveLength(n - 1);

    // Attack 6: Back, change an answer, send again. Whatever the browser shows after Back (the
    // form it kept, or a fresh load), no second response is counted.
    await p.page.goBack();
    await p.page.waitForLoadState();
    if ((await p.page.getByRole('button', { name: 'Send my answers' }).count()) > 0) {
      await p.page.locator('fieldset').first().getByText('Disagree', { exact: true }).click();
      await p.page.getByRole('button', { name: 'Send my answers' }).click();
      await p.page.waitForLoadState();
    }
    expect(await p.page.locator('h1').textContent()).toBe('Already sent');
    // A reload of the form, or the link opened again in this browser: not a form any more.
    await p.page.goto(c.url);
    expect(await p.page.locator('h1').textContent()).toBe('Already sent');
    expect(await p.page.getByRole('button', { name: 'Send my answers' }).count()).toBe(0);
    expect(files()).toHaveLength(1);
    expect(p.requestsLeaving()).toEqual([]);
    await p.close();
  });

  test('a response sent without a reason comes back with the problem, still accessible; nothing is saved', async () => {
    const p = await openPage(browser, c.url, PHONE);
    const before = files().length;
    await p.page.locator('fieldset').first().getByText('Does not apply to me').click();
    await p.page.getByRole('button', { name: 'Send my answers' }).click();
    await p.page.locator('.summary').waitFor();
    expect(await p.page.locator('fieldset.invalid').count()).toBe(1);
    expect(await axeViolations(p.page)).toEqual([]);
    await screenshot(p.page, 'collect-form-390-error');
    expect(files()).toHaveLength(before);
    await p.close();
  });

  test('with JavaScript switched off it works the same; a problem comes back beside its question with the values kept', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await page.goto(c.url);
    const first = page.locator('fieldset').first();
    await first.getByText('Does not apply to me').click();
    await page.locator('fieldset').nth(1).getByText('Strongly agree', { exact: true }).click();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => page.locator('.summary').count()).toBe(1);
    expect(await page.locator('.summary h2').textContent()).toBe('Please check one answer');
    expect(await first.locator('.error').textContent()).toBe(
      'Say briefly why it does not apply to you, or choose an answer.',
    );
    expect(await page.locator('fieldset').nth(1).getByLabel('Strongly agree', { exact: true }).isChecked()).toBe(true);
    await first.getByLabel('Why does it not apply?').fill('Part-time, no goals shared with me');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.waitForURL(/\/thanks$/);
    expect(files()).toHaveLength(2);
    await context.close();
  });
});

describeBrowser('collect with one-time codes, and in preview, in a real browser', () => {
  let browser: Browser;
  const t = tempDir();
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    t.cleanup();
  });

  test('a card’s link opens the form with its code; sent once, the same card cannot send again, and the code is nowhere on disk', async () => {
    const c = await startCollector(['--out', 'coded', '--codes', '2', '--no-qr'], t.dir);
    try {
      const sheet = readFileSync(join(t.dir, 'coded-codes.html'), 'utf8');
      const codes = [...sheet.matchAll(/<strong class="code">([A-Z0-9-]+)<\/strong>/g)].map((m) => m[1]!);
      // The sheet prints as cards, each with a QR code of the link with its code.
      const sheetPage = await openPage(browser, `file://${join(t.dir, 'coded-codes.html')}`, PHONE);
      expect(await sheetPage.page.locator('.card svg').count()).toBe(2);
      await sheetPage.close();
      const p = await openPage(browser, `${c.url}?code=${codes[0]}`, PHONE);
      await p.page.locator('fieldset').first().getByText('Agree', { exact: true }).click();
      await p.page.getByRole('button', { name: 'Send my answers' }).click();
      await p.page.waitForURL(/\/thanks$/);
      // Back and send again: the code is used up.
      await p.page.goBack();
      await p.page.waitForLoadState();
      await p.page.locator('fieldset').first().getByText('Disagree', { exact: true }).click();
      await p.page.getByRole('button', { name: 'Send my answers' }).click();
      await p.page.waitForLoadState();
      expect(await p.page.locator('h1').textContent()).toBe('Code already used');
      // The link without a code asks for one; a typed code works.
      await p.page.goto(c.url);
      await p.page.getByLabel(/Your one-time code/).fill(codes[1]!.toLowerCase());
      await p.page.locator('fieldset').first().getByText('Agree', { exact: true }).click();
      await p.page.getByRole('button', { name: 'Send my answers' }).click();
      await p.page.waitForURL(/\/thanks$/);
      expect(p.requestsLeaving()).toEqual([]);
      await p.close();
    } finally {
      c.child.kill('SIGINT');
      await c.exited;
    }
    const dir = join(t.dir, 'coded');
    const stored = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(stored).toHaveLength(2);
    for (const text of stored) expect(text).not.toMatch(/[2-9A-HJKMNP-Z]{5}-?[2-9A-HJKMNP-Z]{5}/);
  });

  test('--preview: the form says it is a preview, a send shows what would happen, and nothing is stored', async () => {
    const c = await startCollector(['--preview', '--no-qr'], t.dir);
    const before = readdirSync(t.dir).sort();
    try {
      const p = await openPage(browser, c.url, PHONE);
      expect(await p.page.getByText('nothing you send here is stored').count()).toBe(1);
      await p.page.locator('fieldset').first().getByText('Agree', { exact: true }).click();
      await p.page.getByRole('button', { name: 'Send my answers' }).click();
      await p.page.waitForLoadState();
      expect(await p.page.locator('h1').textContent()).toBe('Preview: not stored');
      // In a preview the same browser can try again.
      await p.page.goto(c.url);
      expect(await p.page.getByRole('button', { name: 'Send my answers' }).count()).toBe(1);
      await p.close();
    } finally {
      c.child.kill('SIGINT');
      await c.exited;
    }
    expect(readdirSync(t.dir).sort()).toEqual(before);
  });
});
