// Browser gates for a built kolikko site, in headless Chromium (Debian's /usr/bin/chromium).
//
//   node .ci/browser-checks.mjs PUBLIC_DIR [PAGE ...]
//
// With PAGE arguments (paths relative to PUBLIC_DIR) only those pages are opened (.ci/selftest).
//
// 1. Offline: every page is opened as a file:// URL while every request that is not file://,
//    data: or about: is aborted and counted. Any such request fails the gate, and so does a page
//    that does not reach `load`, a failed file:// request, a script error or a broken image.
//    Relative links are checked to point at files that exist.
// 2. Charts: every <svg role="img"> and every chart (svg.chart) has an accessible name; every
//    chart has a <title> child, referenced by aria-labelledby (a chart without <title> fails).
// 3. Accessibility: axe-core with the WCAG 2.0/2.1 A and AA rules on one page of every type,
//    in light and in dark mode, with every <details> open so the data tables are checked too.
// 4. Keyboard: on those pages, Tab reaches every <summary>, and Enter on it opens its table.
//
// Exit code 0 when every check passes, 1 otherwise, with each failure listed.

import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PAGE_TIMEOUT_MS = 20_000;

const [root, ...only] = process.argv.slice(2);
if (!root || !existsSync(join(root, 'index.html'))) {
  console.error(`usage: node browser-checks.mjs PUBLIC_DIR (no index.html in ${root})`);
  process.exit(2);
}

function htmlFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(path));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out.sort();
}

const files = only.length ? only : htmlFiles(root).map((f) => relative(root, f).split(sep).join('/'));
const failures = [];
const fail = (page, message) => failures.push(`${page}: ${message}`);

// One page of every type: the path with its variable segment replaced, e.g. units/*/index.html.
// Unit pages come in three kinds: a team, a unit with sub-units (a table of them), and a unit whose
// results are all hidden by the anonymity rule.
function pageType(file) {
  const parts = file.split('/');
  const type = parts.length === 3 ? `${parts[0]}/*/${parts[2]}` : file;
  if (type !== 'units/*/index.html') return type;
  const html = readFileSync(join(root, file), 'utf8');
  if (html.includes('class="hidden-unit"')) return `${type} (hidden unit)`;
  if (html.includes('<table class="units"')) return `${type} (with sub-units)`;
  return `${type} (team)`;
}
// The last of each type in path order: the newest period and post, which have the most to show.
const samples = new Map();
for (const file of files) samples.set(pageType(file), file);

// launch() gives Chromium a fresh temporary --user-data-dir of its own, removed on close.
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

let offsiteRequests = 0;

async function newPage(colorScheme = 'light') {
  const context = await browser.newContext({ colorScheme, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const state = { offsite: [], failed: [], errors: [] };
  const isLocal = (url) => /^(file|data|about|blob):/.test(url);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    return route.abort('blockedbyclient');
  });
  page.on('request', (request) => {
    if (!isLocal(request.url())) state.offsite.push(request.url());
  });
  page.on('websocket', (ws) => state.offsite.push(ws.url()));
  page.on('requestfailed', (request) => {
    if (isLocal(request.url())) state.failed.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('pageerror', (error) => state.errors.push(String(error)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') state.errors.push(msg.text());
  });
  return { context, page, state };
}

async function open(page, file) {
  const url = pathToFileURL(join(root, file)).href;
  await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
}

// ---------------------------------------------------------------- 1 + 2: every page
const started = Date.now();
{
  const { context, page, state } = await newPage();
  for (const file of files) {
    state.offsite.length = 0;
    state.failed.length = 0;
    state.errors.length = 0;
    try {
      await open(page, file);
    } catch (e) {
      fail(file, `did not load: ${e.message.split('\n')[0]}`);
      continue;
    }
    const report = await page.evaluate(() => {
      const problems = [];
      if (document.readyState !== 'complete') problems.push(`readyState is ${document.readyState}`);
      for (const img of document.images) {
        if (!img.complete || img.naturalWidth === 0) problems.push(`image did not load: ${img.getAttribute('src')}`);
      }
      const nameOf = (el) => {
        const label = el.getAttribute('aria-label');
        if (label && label.trim()) return label.trim();
        const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
        return ids.map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
      };
      let charts = 0;
      for (const svg of document.querySelectorAll('svg[role="img"], svg.chart')) {
        const what = svg.getAttribute('class') || 'svg';
        if (!nameOf(svg)) problems.push(`<svg role="${svg.getAttribute('role')}" class="${what}"> has no accessible name`);
        if (!svg.classList.contains('chart')) continue;
        charts += 1;
        const title = [...svg.children].find((c) => c.localName === 'title');
        if (!title || !title.textContent.trim()) {
          problems.push(`chart <svg class="${what}"> has no <title>`);
          continue;
        }
        const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/);
        if (!title.id || !ids.includes(title.id)) {
          problems.push(`chart <svg class="${what}">: aria-labelledby does not name its <title id="${title.id}">`);
        }
      }
      // SVG links too (their href is not a string): resolve every href against the page.
      const links = [...document.querySelectorAll('a[href], link[href]')].map(
        (a) => new URL(a.getAttribute('href'), document.baseURI).href,
      );
      return { problems, links, charts };
    });
    for (const p of report.problems) fail(file, p);
    for (const link of report.links) {
      if (!link.startsWith('file:')) continue;
      const target = fileURLToPath(link.split('#')[0].split('?')[0]);
      if (!existsSync(target) || (statSync(target).isDirectory() && !existsSync(join(target, 'index.html')))) {
        fail(file, `broken link to ${relative(root, target) || target}`);
      }
    }
    offsiteRequests += state.offsite.length;
    for (const url of state.offsite) fail(file, `request to another host: ${url}`);
    for (const f of state.failed) fail(file, `failed to load ${f}`);
    for (const e of state.errors) fail(file, `script or console error: ${e}`);
  }
  await context.close();
}
console.log(
  `offline: ${files.length} pages opened as file://, ${offsiteRequests} requests to other hosts (must be 0) [${Date.now() - started} ms]`,
);

// ---------------------------------------------------------------- 3: axe, light and dark
const axeStarted = Date.now();
let axeRuns = 0;
for (const colorScheme of ['light', 'dark']) {
  const { context, page, state } = await newPage(colorScheme);
  for (const [type, file] of samples) {
    try {
      await open(page, file);
    } catch (e) {
      fail(file, `did not load (${colorScheme}): ${e.message.split('\n')[0]}`);
      continue;
    }
    const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
    if (dark !== (colorScheme === 'dark')) fail(file, `colour scheme emulation did not take (${colorScheme})`);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      WCAG_TAGS,
    );
    axeRuns += 1;
    for (const v of result.violations) {
      for (const node of v.nodes) {
        fail(`${file} [${colorScheme}]`, `axe ${v.id} (${v.impact}): ${v.help}\n    at ${node.target.join(' ')}\n    ${node.failureSummary?.split('\n').join('\n    ')}`);
      }
    }
    for (const url of state.offsite) fail(file, `request to another host: ${url}`);
    state.offsite.length = 0;
  }
  await context.close();
}
console.log(`axe: ${axeRuns} runs (${samples.size} page types × light/dark), tags ${WCAG_TAGS.join(',')} [${Date.now() - axeStarted} ms]`);
for (const [type, file] of samples) console.log(`  ${type.padEnd(38)} ${file}`);

// ---------------------------------------------------------------- 4: keyboard
const keysStarted = Date.now();
let summariesChecked = 0;
{
  const { context, page } = await newPage();
  for (const file of samples.values()) {
    await open(page, file);
    const total = await page.evaluate(() => {
      document.querySelectorAll('summary').forEach((s, i) => s.setAttribute('data-ci-summary', String(i)));
      return document.querySelectorAll('summary').length;
    });
    if (total === 0) continue;
    // Tab through the whole page once, noting every summary that takes focus.
    const focusable = await page.evaluate(() => document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]').length);
    const reached = new Set();
    await page.evaluate(() => document.activeElement?.blur());
    for (let i = 0; i < focusable + 5 && reached.size < total; i++) {
      await page.keyboard.press('Tab');
      const index = await page.evaluate(() => document.activeElement?.getAttribute('data-ci-summary'));
      if (index !== null && index !== undefined) reached.add(index);
    }
    if (reached.size !== total) fail(file, `Tab reached ${reached.size} of ${total} <summary> elements`);
    // Enter on each reached summary opens its details and shows the table.
    for (const index of reached) {
      const summary = page.locator(`summary[data-ci-summary="${index}"]`);
      await summary.focus();
      await page.keyboard.press('Enter');
      const state = await summary.evaluate((s) => {
        const details = s.parentElement;
        const table = details.querySelector('table');
        const box = table?.getBoundingClientRect();
        return { open: details.open, table: !!table, visible: !!box && box.width > 0 && box.height > 0 };
      });
      summariesChecked += 1;
      if (!state.open) fail(file, `Enter on <summary> #${index} did not open its <details>`);
      else if (state.table && !state.visible) fail(file, `<summary> #${index}: the table is not visible after Enter`);
    }
  }
  await context.close();
}
console.log(`keyboard: ${summariesChecked} <summary> elements reached with Tab and opened with Enter [${Date.now() - keysStarted} ms]`);

await browser.close();

if (failures.length) {
  console.error(`\nbrowser checks: ${failures.length} failure(s)`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log('browser checks: all passed');
