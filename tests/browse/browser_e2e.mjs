// End to end in a real browser: starts the pact-broker binary on a free loopback port with the seed's
// story (payment-service relies on total_amount of order-service; a failing, then a passing
// verification; a second pact version), opens every page in Debian's headless Chromium through
// playwright-core, asserts on what is rendered and on where the links lead, and saves screenshots.
//
// usage: node browser_e2e.mjs <pact-broker binary> <output directory> [README screenshot path]
// Exits 77 (CTest: skipped) with a message when Chromium or playwright-core is not installed.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const [brokerBinary, outputDirectory, readmeScreenshot] = process.argv.slice(2);
const chromiumPath = '/usr/bin/chromium';
const skipped = 77;

if (!existsSync(chromiumPath)) {
  console.log(`SKIPPED: ${chromiumPath} is not installed (Debian packages chromium and chromium-driver; scripts/install-dependencies.sh installs them)`);
  process.exit(skipped);
}
let chromium;
try {
  ({ chromium } = createRequire(import.meta.url)('playwright-core'));
} catch {
  console.log('SKIPPED: playwright-core is not installed in tests/browse/node_modules (run scripts/install-browser-test.sh)');
  process.exit(skipped);
}

mkdirSync(outputDirectory, { recursive: true });
const workDirectory = mkdtempSync(join(tmpdir(), 'browse-e2e-'));

// --- the broker --------------------------------------------------------------------------------------
function startBroker() {
  const broker = spawn(brokerBinary, ['--port', '0', '--database', join(workDirectory, 'broker.sqlite')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    broker.on('exit', (code) => reject(new Error(`pact-broker exited with ${code} before listening: ${output}`)));
    broker.stdout.on('data', (chunk) => {
      output += chunk;
      const listening = /listening on ([\d.]+):(\d+)/.exec(output);
      if (listening) resolve({ broker, baseUrl: `http://127.0.0.1:${listening[2]}` });
    });
  });
}

async function api(baseUrl, method, path, body) {
  const response = await fetch(path.startsWith('http') ? path : baseUrl + path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/hal+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.status < 300, `${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : {};
}

async function seed(baseUrl) {
  const pact = (file) => JSON.parse(readFileSync(join(here, 'data', file), 'utf8'));
  const pacts = '/pacts/provider/order-service/consumer/payment-service';
  await api(baseUrl, 'PUT', '/pacticipants/payment-service/branches/main/versions/1.0.0', {});
  await api(baseUrl, 'PUT', `${pacts}/version/1.0.0`, pact('order-pact-1.0.0.json'));
  const latest = await api(baseUrl, 'GET', `${pacts}/latest`);
  const publishResults = latest._links['pb:publish-verification-results'].href;
  await api(baseUrl, 'PUT', '/pacticipants/order-service/branches/main/versions/2.0.0', {});
  await api(baseUrl, 'POST', publishResults, {
    providerApplicationVersion: '2.0.0', success: false,
    testResults: [{ interactionId: '', interactionDescription: 'a request for order 1', success: false,
      mismatches: [{ attribute: 'body', identifier: '$', description: 'Actual map is missing the following keys: total_amount' }] }],
  });
  await api(baseUrl, 'PUT', '/pacticipants/order-service/branches/main/versions/2.0.1', {});
  await api(baseUrl, 'POST', publishResults, {
    providerApplicationVersion: '2.0.1', success: true,
    testResults: [{ interactionId: '', interactionDescription: 'a request for order 1', success: true }],
  });
  const production = await api(baseUrl, 'POST', '/environments', { name: 'production', production: true });
  await api(baseUrl, 'POST', `/pacticipants/order-service/versions/2.0.1/deployed-versions/environment/${production.uuid}`, {});
  await api(baseUrl, 'PUT', '/pacticipants/payment-service/versions/1.0.0/tags/main', {});
  // A second, different pact from a feature branch: the diff has something to say.
  await api(baseUrl, 'PUT', '/pacticipants/payment-service/branches/feature%2Fitems/versions/1.1.0', {});
  await api(baseUrl, 'PUT', `${pacts}/version/1.1.0`, pact('order-pact-1.1.0.json'));
  await api(baseUrl, 'PUT', '/pacticipants/order-service/branches/main/versions/2.0.2', {});
  const latestAfter = await api(baseUrl, 'GET', `${pacts}/latest`);
  await api(baseUrl, 'POST', latestAfter._links['pb:publish-verification-results'].href, { providerApplicationVersion: '2.0.2', success: true });
  // A failing integration whose consumer's name needs escaping, and one never verified.
  const shopPacts = '/pacts/provider/payment-service/consumer/web%20%3Cshop%3E';
  await api(baseUrl, 'PUT', `${shopPacts}/version/7`, {
    consumer: { name: 'web <shop>' }, provider: { name: 'payment-service' },
    interactions: [{ description: 'a payment', request: { method: 'POST', path: '/payments' }, response: { status: 201 } }],
    metadata: { pactSpecification: { version: '2.0.0' } },
  });
  const shopPact = await api(baseUrl, 'GET', `${shopPacts}/latest`);
  await api(baseUrl, 'POST', shopPact._links['pb:publish-verification-results'].href, {
    providerApplicationVersion: '3.4.0', success: false,
    testResults: [{ interactionDescription: 'a payment', success: false, mismatches: [{ attribute: 'status', description: 'expected 201 but was 500' }] }],
  });
  await api(baseUrl, 'PUT', '/pacts/provider/order-service/consumer/admin-ui/version/0.1.0', {
    consumer: { name: 'admin-ui' }, provider: { name: 'order-service' },
    interactions: [{ description: 'a list of orders', request: { method: 'GET', path: '/orders' }, response: { status: 200 } }],
    metadata: { pactSpecification: { version: '2.0.0' } },
  });
}

// --- the browser -------------------------------------------------------------------------------------
const failures = [];
async function check(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}\n     ${error.stack ?? error}`);
  }
}

const { broker, baseUrl } = await startBroker();
let context;
try {
  await seed(baseUrl);
  context = await chromium.launchPersistentContext(join(workDirectory, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Nothing may leave the loopback interface.
  await context.route('**/*', (route) => (route.request().url().startsWith(baseUrl) ? route.continue() : route.abort()));
  const shoot = (name) => page.screenshot({ path: join(outputDirectory, `${name}.png`), fullPage: true });
  const open = async (url) => {
    const response = await page.goto(url);
    assert.equal(response.status(), 200, `${url} answered ${response.status()}`);
    return response;
  };

  await check('the index shows each integration coloured by its latest verification', async () => {
    await open(`${baseUrl}/`);
    assert.equal(await page.title(), 'Integrations · Pact Broker');
    const rows = page.locator('tr.integration');
    assert.equal(await rows.count(), 3);
    const order = page.locator('tr.integration[data-consumer="payment-service"][data-provider="order-service"]');
    assert.match(await order.getAttribute('class'), /success/);
    assert.match(await order.innerText(), /1\.1\.0\s*feature\/items[\s\S]*verified by 2\.0\.2/);
    const shop = page.locator('tr.integration[data-consumer="web <shop>"]');
    assert.match(await shop.getAttribute('class'), /failure/);
    assert.equal(await shop.locator('td').first().innerText(), 'web <shop>');
    assert.match(await page.locator('tr.integration[data-consumer="admin-ui"]').getAttribute('class'), /unknown/);
    assert.equal(await page.locator('img[alt="badge"]').first().evaluate((image) => image.naturalWidth > 0), true, 'badge images load');
    await shoot('index');
  });

  await check('every link on the index reaches a page', async () => {
    await open(`${baseUrl}/`);
    const hrefs = [...new Set(await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.href)))];
    assert.ok(hrefs.length >= 10, `only ${hrefs.length} links`);
    for (const href of hrefs) {
      const response = await page.request.get(href, { headers: { Accept: 'text/html' } });
      assert.ok(response.status() < 400, `${href} answered ${response.status()}`);
    }
  });

  await check('a pact reads as documentation with its verification history beside it', async () => {
    await open(`${baseUrl}/`);
    await page.locator('tr.integration[data-consumer="payment-service"] a', { hasText: '1.1.0' }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /\/pacts\/provider\/order-service\/consumer\/payment-service\/version\/1\.1\.0$/);
    assert.equal(await page.locator('section.interaction h3').first().innerText(), 'a request for order 1');
    const rules = await page.locator('table.relied-on').first().innerText();
    assert.match(rules, /\$\.total_amount\s+4200\s+any integer/);
    assert.match(rules, /\$\.reference\s+"42"\s+matches \^\\d\+\$/);
    assert.match(rules, /\$\.items\s+an array of at least 1 like this/);
    assert.match(await page.locator('p.states').first().innerText(), /Given order 1 exists/);
    await shoot('pact-1.1.0');

    await page.goto(`${baseUrl}/pacts/provider/order-service/consumer/payment-service/version/1.0.0`);
    const history = page.locator('aside .verification');
    assert.equal(await history.count(), 2);
    assert.match(await history.nth(0).innerText(), /Passed · provider version 2\.0\.1/);
    assert.match(await history.nth(1).innerText(), /Failed · provider version 2\.0\.0/);
    assert.match(await history.nth(1).locator('li.mismatch').innerText(), /missing the following keys: total_amount/);
    await shoot('pact-1.0.0');
  });

  await check('the diff says which changes break which expectation', async () => {
    await open(`${baseUrl}/pacts/provider/order-service/consumer/payment-service/version/1.1.0`);
    await page.getByRole('link', { name: 'Changes since the previous version' }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /\/diff\/previous-distinct$/);
    const reference = page.locator('li.change[data-impact="breaking"]', { hasText: '$.reference' });
    assert.match(await reference.innerText(), /now relies on \$\.reference being matches/);
    assert.match(await page.locator('li.change[data-impact="relaxed"]').first().innerText(), /no longer relies on \$\.status/);
    await shoot('diff');
  });

  await check('the matrix of a pair, and filtered by branch', async () => {
    await open(`${baseUrl}/matrix?pacticipant=payment-service&with=order-service`);
    const rows = page.locator('table.matrix tbody tr');
    assert.ok((await rows.count()) >= 3, 'two verifications of 1.0.0 and one of 1.1.0');
    assert.equal(await page.locator('table.matrix tr.failure').count(), 1);
    await shoot('matrix');
    await page.locator('input[name="branch"]').fill('feature/items');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('table.matrix tbody').innerText(), /1\.1\.0/);
    assert.doesNotMatch(await page.locator('table.matrix tbody').innerText(), /1\.0\.0/);
  });

  await check('can-i-deploy answers with its reasons', async () => {
    await open(`${baseUrl}/can-i-deploy?pacticipant=payment-service&version=1.0.0&environment=production`);
    assert.match(await page.locator('.verdict').innerText(), /^Yes/);
    await open(`${baseUrl}/can-i-deploy?pacticipant=payment-service&version=1.1.0&environment=production`);
    assert.match(await page.locator('.verdict').innerText(), /^Unknown/);
    assert.match(await page.locator('ul.notices').innerText(), /no verified pact between/i);
    await shoot('can-i-deploy');
  });

  await check('the network graph links pacticipants to their matrix', async () => {
    await open(`${baseUrl}/integrations/graph`);
    assert.equal(await page.locator('svg.network g.node').count(), 4);
    assert.equal(await page.locator('svg.network path.edge').count(), 3);
    await shoot('graph');
    await page.locator('svg.network g.node[data-name="order-service"]').click();
    await page.waitForLoadState();
    assert.match(page.url(), /\/matrix\?pacticipant=order-service$/);
  });

  await check('the HAL browser shows the JSON of any API URL with its links followable', async () => {
    await open(`${baseUrl}/pacticipants`);
    assert.match(await page.locator('pre.hal').innerText(), /"_links"/);
    await shoot('hal-browser');
    await page.locator('pre.hal a', { hasText: /\/pacticipants\/payment-service$/ }).first().click();
    await page.waitForLoadState();
    assert.match(page.url(), /\/pacticipants\/payment-service$/);
    assert.match(await page.locator('pre.hal').innerText(), /"name": "payment-service"/);
  });

  await check('badges are SVG images coloured by state', async () => {
    const pactBadge = await page.request.get(`${baseUrl}/pacts/provider/order-service/consumer/payment-service/latest/badge`);
    assert.match(pactBadge.headers()['content-type'], /^image\/svg\+xml/);
    assert.match(await pactBadge.text(), />verified</);
    const failedBadge = await page.request.get(`${baseUrl}/pacts/provider/payment-service/consumer/web%20%3Cshop%3E/latest/badge`);
    assert.match(await failedBadge.text(), />failed</);
    const deployBadge = await page.request.get(`${baseUrl}/pacticipants/payment-service/latest-version/main/can-i-deploy/to-environment/production/badge`);
    assert.match(await deployBadge.text(), />yes</);
  });

  await check('API clients still get JSON from the same URLs', async () => {
    const response = await fetch(`${baseUrl}/`, { headers: { Accept: 'application/hal+json' } });
    assert.match(response.headers.get('content-type'), /^application\/hal\+json/);
    assert.ok((await response.json())._links);
  });

  if (readmeScreenshot && !failures.length) {
    mkdirSync(dirname(readmeScreenshot), { recursive: true });
    copyFileSync(join(outputDirectory, 'index.png'), readmeScreenshot);
  }
} finally {
  await context?.close();
  broker.kill('SIGTERM');
  rmSync(workDirectory, { recursive: true, force: true });
}
console.log(`screenshots: ${outputDirectory}`);
if (failures.length) {
  console.log(`${failures.length} failed: ${failures.join('; ')}`);
  process.exit(1);
}
