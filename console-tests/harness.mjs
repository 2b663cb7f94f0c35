// What both browser tests share: Debian's Chromium through playwright-core, a page that records every script error,
// CSP violation and unexpected HTTP error, and numbered steps that stop at the first failure with a screenshot.
import {chromium} from 'playwright-core';

/**
 * @param name the run's name (screenshot of a failure: failed-<name>.png)
 * @param expected (status, url) => true for the HTTP errors the steps cause on purpose
 */
export async function open(name, expected) {
  const browser = await chromium.launch({executablePath: process.env.CHROMIUM, args: ['--no-sandbox']});
  const page = await browser.newPage({viewport: {width: 1366, height: 900}});
  const problems = [];
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  // Failed requests are checked by status below (the browser also logs each as a console error).
  page.on('console', m => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.push('console error: ' + m.text());
    }
  });
  page.on('response', r => {
    if (r.status() >= 400 && !expected(r.status(), r.url())) problems.push(r.status() + ' ' + r.url());
  });
  page.on('dialog', d => d.accept());
  let passed = 0;
  return {
    browser, page, problems,
    async step(title, fn) {
      const t0 = Date.now();
      try {
        await fn();
        passed++;
        console.log(`PASS  ${name}: ${title} (${Date.now() - t0} ms)`);
      } catch (e) {
        console.log(`FAIL  ${name}: ${title}: ${e.message}`);
        await page.screenshot({path: `${process.env.SHOTS}/failed-${name}.png`, fullPage: true}).catch(() => {});
        await browser.close();
        process.exit(1);
      }
    },
    async close() {
      await browser.close();
      console.log(`${passed} passed, 0 failed (${name})`);
    },
  };
}
