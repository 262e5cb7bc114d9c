/**
 * report.html for a run of 15 cells, in headless chromium at 1400 px and 800 px: no console errors,
 * charts drawn with restart / heal marks, fault shading and the resolution band, shared axes within a
 * scenario, the run-wide table and navigation whose links land, bytes formatted, and nothing wider
 * than its card or the window. Screenshots go to test-artifacts/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HtmlReporter } from '../../../reporters/html.js';
import { makeWideRun } from '../report/fixtures.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ARTIFACTS = resolve(import.meta.dirname, '../../../test-artifacts');

describe.each([1400, 800])('report.html of 15 cells at %i px', (width) => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'storm-html-wide-'));
    await new HtmlReporter({ outputDir: 'out', cwd: dir }).onRunEnd(makeWideRun());
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30_000 });
    page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(join(dir, 'out', 'report.html')).href, { timeout: 30_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `report-${width}.png`), fullPage: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads without console errors and draws a chart per cell', async () => {
    expect(problems).toEqual([]);
    expect(await page.locator('svg.timeline').count()).toBe(15);
    for (const d of await page
      .locator('svg.timeline path.series.rate')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('d')))) {
      expect(d).toMatch(/^M[\d.]+ [\d.]+L/);
    }
  });

  it('nothing is wider than the window or its card', async () => {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    const cards = await page.locator('article.cell').evaluateAll((as) => as.map((a) => a.scrollWidth - a.clientWidth));
    expect(cards.every((d) => d <= 0)).toBe(true);
    // headers wrap after `_`, so the comparison tables fit without scrolling at both widths
    const scrolls = await page
      .locator('section.suite .scroll')
      .evaluateAll((ds) => ds.map((d) => d.scrollWidth - d.clientWidth));
    expect(scrolls.length).toBe(3);
    expect(scrolls, `width ${width}`).toEqual([0, 0, 0]);
    // the long fault detail wraps inside its card instead of pushing it wider
    const article = page.locator('section.suite').nth(1).locator('article.cell').first();
    const detail = article.locator('table.faults td', { hasText: 'worker-11→planner' });
    const [cell, card] = await Promise.all([detail.boundingBox(), article.boundingBox()]);
    expect(cell!.x + cell!.width).toBeLessThanOrEqual(card!.x + card!.width);
  });

  it('marks restarts, heals, the fault in force and the recovery resolution', async () => {
    const kill = page.locator('section.suite').nth(0).locator('svg.timeline').first();
    expect(await kill.locator('g.mark.restart').count()).toBe(2);
    expect(await kill.locator('rect.fault-span').count()).toBe(1); // t=6 s until the last restart
    expect(await kill.locator('rect.resolution').count()).toBe(1);
    const pause = page.locator('section.suite').nth(1).locator('svg.timeline').first();
    expect(await pause.locator('g.mark.heal').count()).toBe(1);
    const span = await pause.locator('rect.fault-span').boundingBox();
    const [fault, heal] = await Promise.all([
      pause.locator('g.mark.fault line').boundingBox(),
      pause.locator('g.mark.heal line').boundingBox(),
    ]);
    expect(Math.abs(span!.x - fault!.x)).toBeLessThan(2);
    expect(Math.abs(span!.x + span!.width - heal!.x)).toBeLessThan(2);
  });

  it('shares the time and latency axes within a scenario', async () => {
    const ticks = await page
      .locator('section.suite')
      .nth(0)
      .locator('svg.timeline')
      .evaluateAll((svgs) => svgs.map((s) => [...s.querySelectorAll('text.tick')].map((t) => t.textContent).join(' ')));
    expect(new Set(ticks).size).toBe(1);
    expect(ticks[0]).toContain('2000ms'); // the slowest protocol's p95 (5 × 300 ms) sets the scale
  });

  it('has a run-wide scenarios × protocols table and a navigation list whose links land', async () => {
    const head = await page.locator('table.run-table thead th').allInnerTexts();
    expect(head).toEqual(['scenario', 'shown', 'json', 'a2a', 'acp', 'anp', 'agora']);
    const rows = await page.locator('table.run-table tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').slice(0, 3))).toEqual([
      ['Fail-storm — 30% of a mesh dies', 'recovery_ms', '✓ 1000'],
      ['Hang — one agent frozen', 'recovery_ms', '✓ 800'],
      ['Baseline — no faults', 'success_rate', '✓ 0.998'],
    ]);
    expect((await page.locator('table.run-table tfoot tr').innerText()).split('\t')).toEqual([
      'passed',
      '',
      '3/3',
      '2/3',
      '3/3',
      '3/3',
      '3/3',
    ]);
    const hrefs = await page
      .locator('nav.toc a, table.run-table a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(30);
    for (const href of new Set(hrefs)) expect(await page.locator(`[id="${href.slice(1)}"]`).count(), href).toBe(1);
  });

  it('writes byte counts with units', async () => {
    const row = (
      await page.locator('section.suite').nth(0).locator('table.comparison tbody tr').first().innerText()
    ).split('\t');
    expect(row[5]).toBe('39.1 KiB');
  });
});
