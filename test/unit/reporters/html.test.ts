import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HtmlReporter } from '../../../reporters/html.js';
import { makeRepeatedRun, makeRun, TRICKY_NAME } from '../report/fixtures.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe('HtmlReporter in headless chromium', () => {
  let dir: string;
  let html: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'storm-html-'));
    await new HtmlReporter({ outputDir: 'out', cwd: dir }).onRunEnd(makeRun({ reason: 'bail' }));
    const file = join(dir, 'out', 'report.html');
    html = readFileSync(file, 'utf8');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30_000 });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no console errors and no requests beyond the page itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(html).not.toMatch(/<script|<link|src=|href="http/i);
  });

  it('has a protocol comparison table per scenario', async () => {
    expect(await page.locator('table.comparison').count()).toBe(1);
    const rows = await page.locator('table.comparison tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[0])).toEqual(['json', 'a2a', 'acp', 'anp']);
    const a2a = page.locator('table.comparison tbody tr').nth(1);
    expect(await a2a.locator('td.fail').first().innerText()).toBe('7310 ✗');
    expect(await page.locator('table.comparison tbody tr').nth(2).locator('td').nth(2).innerText()).toBe('—');
  });

  it('draws a timeline SVG for every cell that ran, with fault, detection and recovery marks', async () => {
    const ids = await page.locator('svg.timeline').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')));
    expect(ids).toEqual([
      'scenarios/fail-storm.storm.yaml#json',
      'scenarios/fail-storm.storm.yaml#a2a',
      'scenarios/fail-storm.storm.yaml#acp',
    ]);
    const json = page.locator('svg.timeline').first();
    expect(await json.locator('path.series.rate').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+L/);
    expect(await json.locator('path.series.latency').getAttribute('d')).toMatch(/^M/);
    expect(await json.locator('g.mark.fault').count()).toBe(1);
    expect(await json.locator('g.mark.detect').count()).toBe(1);
    expect(await json.locator('g.mark.recover').count()).toBe(1);
    const box = await json.boundingBox();
    expect(box && box.width > 100 && box.height > 50).toBe(true);
    // The fault is drawn left of its detection, which is left of the recovery (t=6000, 7200, 7750).
    const xs = await json.locator('g.mark line').evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('x1'))));
    expect(xs[0]).toBeLessThan(xs[1]);
    expect(xs[1]).toBeLessThan(xs[2]);
    expect(await page.locator('svg.timeline').nth(2).locator('text.empty').count()).toBe(1);
  });

  it('shows a harness block for every cell that ran, with its numbers and bounds', async () => {
    const blocks = page.locator('article.cell details.harness');
    expect(await blocks.count()).toBe(2); // json and a2a ran; acp never started, anp was skipped
    const json = blocks.first();
    expect(await json.locator('summary').innerText()).toBe('Harness kept up');
    await json.locator('summary').click();
    const rows = await json.locator('tr').allInnerTexts();
    expect(rows[0].split('\t')).toEqual(['issue lag p50 / p99', '0.4 ms / 1.8 ms', 'p99 ≤ 50 ms']);
    expect(rows[3].split('\t')).toEqual([
      'worst agent loop delay p99 / max',
      '9 ms / 31 ms (worker-3)',
      'max ≤ 250 ms',
    ]);
    expect(await json.locator('td.fail').count()).toBe(0);
  });

  it('shows assertions, load errors and the partial-run notice, with all text escaped', async () => {
    expect(await page.locator('table.assertions td.fail').first().innerText()).toBe('✗');
    expect(await page.locator('ul.issues li').allInnerTexts()).toEqual([
      'scenarios/broken.storm.yaml:14:7  faults[0].kill  agent "planer" is not declared — did you mean "planner"?',
      'scenarios/broken.storm.yaml:20:5  expect[1]  unknown metric "recovery"',
    ]);
    expect(await page.locator('mesh').count()).toBe(0);
    expect(await page.locator('section.suite h2').first().innerText()).toContain(TRICKY_NAME.replace('\u0001', ''));
    expect(await page.locator('header').innerText()).toContain('partial');
  });

  it('shows the seed of cells that ran and none for a skipped cell', async () => {
    const heads = await page.locator('article.cell h3').allInnerTexts();
    expect(heads.find((h) => h.includes('[json]'))).toContain('seed 42');
    expect(heads.find((h) => h.includes('[anp]'))).not.toContain('seed');
  });
});

describe('HtmlReporter with --repeat, in headless chromium', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'storm-html-rep-'));
    await new HtmlReporter({ outputDir: 'out', cwd: dir }).onRunEnd(makeRepeatedRun(1));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30_000 });
    page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(join(dir, 'out', 'report.html')).href, { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows median [interval] per protocol, runs passed and the flaky verdict', async () => {
    expect(problems).toEqual([]);
    const rows = page.locator('table.repeats tbody tr');
    expect(await rows.count()).toBe(2);
    const anp = (await rows.nth(1).allInnerTexts())[0].split('\t');
    expect(anp[0]).toBe('anp');
    expect(anp[2]).toBe('3375 [3000–4000] +1 null');
    expect(anp.at(-2)).toBe('5/7 passed');
    expect(anp.at(-1)).toBe('✗ failed flaky');
    expect(await page.locator('h2 .flaky').count()).toBe(1);
    expect(await page.locator('header').innerText()).toMatch(/Repeated cells:.*1 failed.*1 flaky/s);
    expect(await page.locator('ul.verdicts').innerText()).toContain(
      'anp: flaky: 5/7 judged runs passed (71%) < min-pass-rate 100%',
    );
  });

  it('shows the spread over repeats in the run-wide table, with runs passed and the flaky mark', async () => {
    const row = (await page.locator('table.run-table tbody tr').first().innerText()).split('\t');
    expect(row[1]).toBe('recovery_ms');
    expect(row[2]).toBe('✓ 1125 [1000–1500] 6/6');
    expect(row[3]).toBe('✗ 3375 [3000–4000] +1 null 5/7 flaky');
  });

  it('lists which differences are measurable and says "no measurable difference" for the rest', async () => {
    const items = await page.locator('ul.differences li').allInnerTexts();
    expect(items).toContain('recovery_ms: json < anp');
    expect(items).toContain('detect_ms: no measurable difference');
  });
});
