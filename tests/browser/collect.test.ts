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
  /** Every response kept: written out, or in the spool until its batch is written. */
  const files = () =>
    [out, join(out, '.pending')].flatMap((d) =>
      existsSync(d)
        ? readdirSync(d)
            .filter((f) => f.endsWith('.yaml'))
            .map((f) => join(d, f))
        : [],
    );

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
    const saved = readFileSync(files()[0]!, 'utf8');
    expect(saved).toContain('{ na: "I joined last week" }');
    expect(saved.match(/: agree$/gm)).toHaveLength(n - 1);

    // Back, then send again: an empty form under a fresh nonce, which asks for an answer.
    await p.page.goBack();
    await p.page.getByRole('button', { name: 'Send my answers' }).click();
    await p.page.locator('.summary').waitFor();
    expect(await p.page.locator('.summary').textContent()).toContain('Answer at least one question before you send.');
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
