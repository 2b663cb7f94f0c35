// The Toolgate card in a live Dev UI (examples/hello-tools in dev mode), driven in Chromium: the card and its tool
// count, the Tools page (list, a form from the input schema, a call through the pipeline and its result), and the
// Last calls page showing that call. Exits non-zero on the first thing missing; screenshots go to $OUT.
const { chromium } = require('playwright-core');
const base = process.argv[2];
const out = process.env.OUT || '.';
const fail = message => { console.error('FAILED: ' + message); process.exitCode = 1; throw new Error(message); };

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));

    await page.goto(base + '/q/dev-ui/extensions', { waitUntil: 'networkidle' });
    const links = await page.locator('a').evaluateAll(as => as.map(a => a.getAttribute('href')));
    if (!links.includes('quarkus-toolgate/tools') || !links.includes('quarkus-toolgate/last-calls')) {
      fail('the Toolgate card lacks its pages: ' + links.filter(h => h && h.includes('toolgate')));
    }
    await page.screenshot({ path: out + '/dev-ui-card.png' });

    await page.goto(base + '/q/dev-ui/quarkus-toolgate/tools', { waitUntil: 'networkidle' });
    const tools = page.locator('qwc-toolgate-tools');
    await tools.locator('.tool').first().waitFor();
    const names = await tools.locator('.tool').allInnerTexts();
    if (names.join(',') !== 'count_words,save_note') fail('tools listed: ' + names);
    await tools.locator('.tool', { hasText: 'count_words' }).click();
    const text = 'Toolgate serves tools through one pipeline';
    await tools.locator('input#text').fill(text);
    await tools.getByRole('button', { name: 'Call count_words' }).click();
    await tools.locator('h4', { hasText: 'Result' }).waitFor();
    const result = JSON.parse(await tools.locator('pre').first().innerText());
    if (!result.success || result.result.words !== 6 || result.result.longestWord !== 'Toolgate') {
      fail('call result: ' + JSON.stringify(result));
    }
    await page.screenshot({ path: out + '/dev-ui-tools.png' });

    await page.goto(base + '/q/dev-ui/quarkus-toolgate/last-calls', { waitUntil: 'networkidle' });
    const calls = page.locator('qwc-toolgate-calls');
    await calls.locator('td', { hasText: 'count_words' }).first().waitFor();
    const row = await calls.locator('tr', { hasText: text }).first().innerText();
    if (!/dev_ui/.test(row) || !/dev-ui/.test(row)) fail('last call row: ' + row);
    await page.screenshot({ path: out + '/dev-ui-calls.png' });

    if (errors.length > 0) fail('page errors: ' + errors.join('; '));
    console.log('Dev UI card checked: 2 tools listed, count_words called from its form, the call in Last calls');
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e.message); process.exit(1); });
