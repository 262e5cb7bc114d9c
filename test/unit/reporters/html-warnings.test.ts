/** A cell's warnings are on its card in report.html, escaped like every other text from an agent. */
import { describe, expect, it } from 'vitest';
import { buildHtmlPage } from '../../../reporters/html-page.js';
import { makeRun } from '../report/fixtures.js';

describe('report.html warnings', () => {
  it('shows each warning of a cell, escaped', () => {
    const run = makeRun();
    run.suites[0].cells[0].warnings = ['STORM_EVENTS_URL: mine-0: 400 "peer" "<script>" is not an agent of this run'];
    const html = buildHtmlPage(run);
    expect(html).toContain(
      'warning: STORM_EVENTS_URL: mine-0: 400 &quot;peer&quot; &quot;&lt;script&gt;&quot; is not an agent',
    );
    expect(html).not.toContain('"<script>"');
  });
});
