// The console in Debian's Chromium (playwright-core, no browser download): the steps an operator takes, each
// checked, with screenshots. Run by console-tests/run.sh, which starts the packaged server.
import http from 'node:http';
import assert from 'node:assert/strict';
import {open} from './harness.mjs';

const BASE = process.env.BASE;
const SHOTS = process.env.SHOTS;
// The one answer >= 400 the steps cause on purpose: the call with a bad argument (422).
const {browser, page, problems, step, close} = await open('defaults',
  (status, url) => status === 422 && url.endsWith('/invoke'));

await step('the console loads its libraries from the jar and lists the tools', async () => {
  const failed = [];
  page.on('requestfailed', r => failed.push(r.url()));
  page.on('response', r => { if (r.status() >= 400) failed.push(r.status() + ' ' + r.url()); });
  await page.goto(BASE + '/console');
  await page.locator('.tool-list button').first().waitFor();
  assert.ok(await page.locator('.tool-list button').count() > 10);
  assert.deepEqual(failed, []);
  assert.ok(await page.evaluate(() => !!(window.cytoscape && window.dagre && window.Chart && window.JSONEditor)));
});

await step('search ranks the tool for a request in words', async () => {
  await page.fill('#tool-search', 'product stock availability');
  await page.locator('#search-status', {hasText: 'matching'}).waitFor();
  const first = await page.locator('.tool-list button').first().getAttribute('data-tool');
  assert.equal(first, 'check_product_availability');
  await page.screenshot({path: `${SHOTS}/tools-search.png`});
});

await step('markup in a tool definition is shown as text, never run', async () => {
  await page.goto(BASE + '/console/#/tools/markup_probe');
  await page.locator('#tool-description').waitFor();
  assert.match(await page.locator('#tool-description').textContent(), /<script>window.__pwned="script"<\/script>/);
  assert.match(await page.locator('#tool-name').textContent(), /<img src=x onerror=/);
  const form = page.locator('#call-form');
  await form.waitFor();
  await page.locator('#call-form', {hasText: 'a note'}).waitFor();
  assert.match(await form.textContent(), /<img src=x onerror="window.__pwned='param'">a note/);
  assert.match(await form.textContent(), /<b onmouseover=/);
  await page.waitForTimeout(300); // would-be onerror handlers of broken images fire by now
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('main img').count(), 0);
});

await step('a call with a bad argument shows the error next to the field', async () => {
  await page.goto(BASE + '/console/#/tools/check_product_availability');
  const product = page.locator('[name="root[product_id]"]');
  await product.waitFor();
  await product.fill('LAP-001');
  await page.fill('[name="root[quantity]"]', '0');
  await page.click('#call-button');
  await page.locator('#call-result [role=alert]').waitFor();
  assert.match(await page.locator('#call-result').textContent(), /VALIDATION_ERROR/);
  // json-editor puts the message in the quantity field's own container.
  const field = page.locator('[data-schemapath="root.quantity"]');
  assert.match(await field.textContent(), /must be > 0/);
  await page.locator('#try').screenshot({path: `${SHOTS}/try-call-field-error.png`});
  await page.fill('[name="root[quantity]"]', '1');
  await page.click('#call-button');
  await page.locator('#call-result .ok').waitFor();
});

let runId;
await step('the order workflow with approval starts and waits on its graph', async () => {
  await page.goto(BASE + '/console/#/workflows/order_with_approval');
  await page.locator('#definition-graph canvas').first().waitFor();
  await page.click('#start-run');
  await page.waitForURL(/#\/workflows\/run\//);
  runId = decodeURIComponent(page.url().split('/').pop());
  await page.locator('#run-state-value', {hasText: 'waiting_for_input'}).waitFor({timeout: 20000});
  await page.locator('#approve-process_payment').waitFor();
  assert.equal(await page.locator('tr[data-step="process_payment"] .status').textContent(), 'pending');
  await page.screenshot({path: `${SHOTS}/workflow-waiting.png`});
});

await step('a page on another site cannot approve the run (cross-site request refused)', async () => {
  // Same host, another port: another origin. A "simple" request, which needs no CORS preflight.
  const other = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise(r => other.listen(0, '127.0.0.1', r));
  const evil = await browser.newPage();
  await evil.goto(`http://127.0.0.1:${other.address().port}/`);
  const status = await evil.evaluate(async url => {
    const r = await fetch(url, {method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: {'Content-Type': 'text/plain'}, body: '{"approved":true}'});
    return r.type;
  }, `${BASE}/workflows/runs/${encodeURIComponent(runId)}/input`);
  assert.equal(status, 'opaque');
  await evil.close();
  other.close();
  const run = await (await fetch(`${BASE}/workflows/runs/${encodeURIComponent(runId)}`)).json();
  assert.equal(run.state, 'waiting_for_input', JSON.stringify(run));
});

await step('approving in the console completes the run, live on the graph', async () => {
  await page.click('#approve-process_payment');
  await page.locator('#run-state-value', {hasText: 'completed'}).waitFor({timeout: 20000});
  assert.equal(await page.locator('tr[data-step="send_confirmation"] .status').textContent(), 'succeeded');
  await page.click('tr[data-step="process_payment"] a');
  await page.locator('#step-detail', {hasText: 'Approval'}).waitFor();
  await page.screenshot({path: `${SHOTS}/workflow-completed.png`, fullPage: true});
});

await step('a waiting run is cancelled from the console', async () => {
  await page.goto(BASE + '/console/#/workflows/order_with_approval');
  await page.click('#start-run');
  await page.waitForURL(/#\/workflows\/run\//);
  await page.locator('#run-state-value', {hasText: 'waiting_for_input'}).waitFor({timeout: 20000});
  await page.click('#cancel-run'); // the confirmation dialog is accepted
  await page.locator('#run-state-value', {hasText: 'cancelled'}).waitFor({timeout: 10000});
  assert.equal(await page.locator('#approve-process_payment').count(), 0);
  // An ended run does not change any more: the page stops asking for it.
  const asked = [];
  const watch = r => { if (r.url().includes('/workflows/runs/')) asked.push(r.url()); };
  await page.waitForTimeout(1200);
  page.on('request', watch);
  await page.waitForTimeout(2500);
  page.off('request', watch);
  assert.deepEqual(asked, []);
});

await step("the run's calls are in the audit log", async () => {
  await page.goto(BASE + '/console/#/audit');
  await page.fill('#audit-tool', 'charge_payment');
  await page.click('#audit-search button[type=submit]');
  const row = page.locator('#audit-rows tr', {hasText: 'order-' + runId});
  await row.first().waitFor();
  assert.match(await row.first().textContent(), /workflow/);
  await page.screenshot({path: `${SHOTS}/audit.png`});
});

await step('the audit log pages older and newer, no record twice', async () => {
  for (let i = 0; i < 60; i++) { // 60 calls with distinct arguments: more than one page of 50
    const r = await fetch(BASE + '/tools/calculate_tax/invoke', {method: 'POST',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify({amount: 1000 + i, state: 'CA'})});
    assert.equal(r.status, 200);
  }
  await page.goto(BASE + '/console/#/audit');
  await page.fill('#audit-tool', 'calculate_tax');
  const rowsOf = () => page.locator('#audit-rows tr td:last-child').allTextContents();
  let first = [];
  for (let attempt = 0; attempt < 50 && !first.some(t => t.includes('"amount":1059')); attempt++) {
    await page.click('#audit-search button[type=submit]'); // the rows are written just after the answers
    await page.locator('#audit-rows tr').first().waitFor();
    await page.waitForTimeout(100);
    first = await rowsOf();
  }
  assert.equal(first.length, 50);
  await page.click('#audit-older');
  await page.locator('p', {hasText: 'page 2'}).waitFor();
  const second = await rowsOf();
  assert.ok(second.length >= 10, 'the second page holds the rest: ' + second.length);
  assert.deepEqual(second.filter(t => first.includes(t)), [], 'no record on both pages');
  for (let i = 0; i < 60; i++) { // and none skipped: each of the 60 calls on exactly one of the two pages
    assert.equal(first.concat(second).filter(t => t.includes('"amount":' + (1000 + i) + ',')).length, 1, 'amount ' + (1000 + i));
  }
  await page.click('text=Newer');
  await page.locator('#audit-rows tr').first().waitFor();
  await page.locator('p', {hasText: /^50 records$/}).waitFor();
  assert.deepEqual(await rowsOf(), first);
});

await step('calls arrive live over the event stream, filtered by tool', async () => {
  await page.goto(BASE + '/console/#/calls');
  await page.locator('#stream-state', {hasText: 'live'}).waitFor();
  await page.fill('#filter-tool', 'calculate_tax');
  const before = await page.locator('#calls tr').count();
  const r = await fetch(BASE + '/tools/calculate_tax/invoke', {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: '{"amount": 10, "state": "NY"}'});
  assert.equal(r.status, 200);
  await page.waitForFunction(n => document.querySelectorAll('#calls tr').length > n, before);
  assert.match(await page.locator('#calls tr').first().textContent(), /calculate_tax/);
  await page.screenshot({path: `${SHOTS}/calls.png`});
});

await step('tool sources are listed with the probe file', async () => {
  await page.goto(BASE + '/console/#/sources');
  await page.locator('main table', {hasText: 'markup_probe'}).waitFor();
});

await step('a changed upstream tool waits in quarantine until approved on the sources page', async () => {
  const invoke = (tool, args) => fetch(BASE + '/tools/' + tool + '/invoke', {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(args)});
  const until = async (what, test) => {
    for (let i = 0; i < 150; i++) { if (await test()) return; await new Promise(r => setTimeout(r, 200)); }
    throw new Error('waited 30 s for ' + what);
  };
  await until('the upstream rug_weather tool', async () => (await invoke('rug_weather', {city: 'Lisbon'})).status === 200);
  assert.equal((await invoke('rug_pull_the_rug', {})).status, 200); // the upstream poisons the description
  await until('rug_weather in quarantine', async () => (await invoke('rug_weather', {city: 'Lisbon'})).status === 409);
  await page.goto(BASE + '/console/#/sources'); // still the page of the previous step, read before the change
  assert.equal(await page.locator('main tbody tr', {hasText: 'rug.yaml'}).locator('summary').count(), 0);
  await page.click('#sources-refresh');
  const row = page.locator('main tbody tr', {hasText: 'rug.yaml'});
  await row.locator('summary', {hasText: '1 held back'}).waitFor();
  await row.locator('summary').click();
  assert.match(await row.locator('details').textContent(), /id_rsa/); // the poisoned description, shown as text
  await row.locator('button', {hasText: 'Approve as listed now'}).click();
  await row.locator('.ok', {hasText: 'approved'}).waitFor();
  assert.equal((await invoke('rug_weather', {city: 'Porto'})).status, 200);
  await page.screenshot({path: `${SHOTS}/sources-quarantine.png`});
});

await step('no script error and no Content-Security-Policy violation on any page', async () => {
  assert.deepEqual(problems, [], problems.join('\n'));
});

await close();
