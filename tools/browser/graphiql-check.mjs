// Real-browser check of the GraphiQL and Swagger UI pages, in Debian's headless Chromium driven by playwright-core.
// Run by io.p3protocol.app.graphql.GraphiqlBrowserTest against a live server; usable by hand too:
//
//   P3_BROWSER_API_KEY=<key> node tools/browser/graphiql-check.mjs \
//       --base-url http://127.0.0.1:8080 --expect-tenant "<a tenant name the key can see>" --out-dir app/target/browser
//
// The key travels in the environment, not on the command line, so it does not show in process listings. The
// browser sends it as an extra X-API-Key header on every request. Every request that leaves the loopback
// interface is blocked and makes the check fail: both pages must work with no network at all.
// Exit status 0 and a last line "graphiql-check: OK" mean success.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const QUERY = '{ tenants(first: 5) { edges { node { id name } } } }';
const TIMEOUT_MS = 60_000; // generous: the machine may be busy; success never waits for it

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at >= 0 && at + 1 < process.argv.length) return process.argv[at + 1];
  if (fallback !== undefined) return fallback;
  throw new Error(`missing --${name}`);
}

const baseUrl = option('base-url').replace(/\/$/, '');
const expectedTenant = option('expect-tenant');
const outDir = resolve(option('out-dir', 'app/target/browser'));
const chromiumPath = option('chromium', '/usr/bin/chromium');
const apiKey = process.env.P3_BROWSER_API_KEY;
if (!apiKey) throw new Error('set P3_BROWSER_API_KEY to the API key the browser should send');

const isLoopback = (url) => {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
};

mkdirSync(outDir, { recursive: true });
const userDataDir = mkdtempSync(join(tmpdir(), 'p3-chromium-'));
const blocked = [];
const problems = [];
let servedLocally = 0;
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    extraHTTPHeaders: { 'X-API-Key': apiKey },
    viewport: { width: 1400, height: 900 },
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || isLoopback(url)) {
      servedLocally++;
      return route.continue();
    }
    blocked.push(url);
    return route.abort('blockedbyclient');
  });

  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

  // GraphiQL: type a query into the editor, run it, read the result pane.
  const graphiql = await page.goto(`${baseUrl}/graphiql`);
  if (graphiql.status() !== 200) throw new Error(`/graphiql answered ${graphiql.status()}`);
  const editor = page.locator('.graphiql-query-editor .CodeMirror');
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(QUERY);
  const typed = await page.evaluate(
    () => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue());
  if (typed !== QUERY) throw new Error(`the query editor holds ${JSON.stringify(typed)}, not the typed query`);
  await page.locator('.graphiql-execute-button').click();
  await page.waitForFunction((name) => {
    const response = document.querySelector('.graphiql-response .CodeMirror');
    return response && response.CodeMirror.getValue().includes(name);
  }, expectedTenant);
  const result = JSON.parse(await page.evaluate(
    () => document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()));
  if (result.errors) throw new Error(`the query failed: ${JSON.stringify(result.errors)}`);
  const names = result.data.tenants.edges.map((edge) => edge.node.name);
  if (!names.includes(expectedTenant)) throw new Error(`result lists ${JSON.stringify(names)}`);
  const shownText = await page.locator('.graphiql-response').innerText();
  if (!shownText.includes(expectedTenant)) throw new Error('the tenant is in the result but not shown on screen');
  await page.screenshot({ path: join(outDir, 'graphiql.png') });

  // Swagger UI (bundled by springdoc): the REST operations must be listed.
  const swagger = await page.goto(`${baseUrl}/swagger-ui/index.html`);
  if (swagger.status() !== 200) throw new Error(`/swagger-ui/index.html answered ${swagger.status()}`);
  await page.locator('.opblock').first().waitFor();
  const operations = await page.locator('.opblock-summary-path').allInnerTexts();
  if (!operations.some((path) => path.includes('/api/tenants'))) {
    throw new Error(`Swagger UI lists no /api/tenants operation: ${JSON.stringify(operations)}`);
  }
  await page.screenshot({ path: join(outDir, 'swagger-ui.png'), fullPage: true });

  // The pages' own requests went through the guard (so an empty 'blocked' list means something).
  if (servedLocally < 8) throw new Error(`only ${servedLocally} requests passed the network guard`);
  if (blocked.length > 0) throw new Error(`the pages tried to reach the network: ${blocked.join(', ')}`);
  if (problems.length > 0) throw new Error(`the browser reported problems:\n  ${problems.join('\n  ')}`);
  console.log(JSON.stringify({ graphiqlTenants: names, swaggerOperations: operations.length, servedLocally,
    screenshots: [join(outDir, 'graphiql.png'), join(outDir, 'swagger-ui.png')] }));
  console.log('graphiql-check: OK');
} catch (error) {
  console.error(`graphiql-check: FAILED: ${error.message}`);
  if (blocked.length > 0) console.error(`blocked non-loopback requests: ${blocked.join(', ')}`);
  if (problems.length > 0) console.error(`browser problems:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
