// The console with authentication on (console-tests/run.sh starts a second server with two API keys): the pages load
// without a credential, the data does not; a key pasted in the box goes with every request, the live stream
// included; each key sees the tools its roles allow, and only the admin key reads the audit log.
import assert from 'node:assert/strict';
import {open} from './harness.mjs';

const {BASE, OPS_KEY, VIEWER_KEY} = process.env;
// 401 (no credential yet) and 403 (the viewer on the audit page) are what this test provokes.
const {page, problems, step, close} = await open('secured', status => status === 401 || status === 403);

async function signIn(key) {
  await page.fill('#credential', key);
  await page.click('#sign-in button');
}

const names = async () => page.locator('.tool-list button').evaluateAll(bs => bs.map(b => b.dataset.tool));

await step('without a credential the page loads and says the data needs one', async () => {
  await page.goto(BASE + '/console/');
  await page.locator('main [role=alert]', {hasText: 'sign in'}).waitFor();
});

await step('a key with the shop role sees the tools it may use, not the audit log', async () => {
  await signIn(VIEWER_KEY);
  await page.locator('.tool-list button').first().waitFor();
  const visible = await names();
  assert.ok(visible.includes('search_products'), visible.join());
  assert.ok(!visible.includes('charge_payment'), visible.join());
  await page.goto(BASE + '/console/#/audit');
  await page.locator('main [role=alert]', {hasText: "role 'admin'"}).waitFor();
});

await step('the admin key sees every tool, the audit log and the live calls', async () => {
  await page.goto(BASE + '/console/#/tools');
  await signIn(OPS_KEY);
  await page.locator('.tool-list button[data-tool="charge_payment"]').waitFor();
  await page.goto(BASE + '/console/#/calls');
  await page.locator('#stream-state', {hasText: 'live'}).waitFor();
  const r = await fetch(BASE + '/tools/calculate_tax/invoke', {method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-API-Key': VIEWER_KEY}, body: '{"amount": 3, "state": "NY"}'});
  assert.equal(r.status, 200);
  await page.locator('#calls tr', {hasText: 'viewer'}).first().waitFor();
  await page.goto(BASE + '/console/#/audit');
  await page.fill('#audit-principal', 'viewer');
  await page.click('#audit-search button[type=submit]');
  await page.locator('#audit-rows tr', {hasText: 'calculate_tax'}).first().waitFor();
});

await step('no script error and no Content-Security-Policy violation', async () => {
  assert.deepEqual(problems, [], problems.join('\n'));
});

await close();
