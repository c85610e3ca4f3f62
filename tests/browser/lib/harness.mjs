// Browser test harness: the real asamblea binary + the system Chromium through playwright-core.
//
// Environment:
//   ASAMBLEA_BINARY       path to the `asamblea` executable (default: <source>/build/src/cli/asamblea)
//   ASAMBLEA_SOURCE_DIR   repository root (default: three folders above this file)
//   ASAMBLEA_SCREENSHOTS  where PNGs go (default: <source>/build/screenshots)
//   ASAMBLEA_CHROMIUM     browser executable (default: /usr/bin/chromium); nothing is ever downloaded
//   ASAMBLEA_KEEP_DATA=1  keep the temporary data folders for inspection
//
// Each run gets a fresh data folder, a fresh server on port 0 and a fresh browser profile
// (chromium.launch() creates a throwaway user-data-dir and removes it on close); every page
// gets its own browser context, so no cookie or sessionStorage leaks between tests.

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const SOURCE_DIR = path.resolve(process.env.ASAMBLEA_SOURCE_DIR || path.join(here, '..', '..', '..'));
export const BINARY = path.resolve(process.env.ASAMBLEA_BINARY || path.join(SOURCE_DIR, 'build', 'src', 'cli', 'asamblea'));
export const WEB_DIR = path.join(SOURCE_DIR, 'web');
export const SCREENSHOT_DIR = path.resolve(process.env.ASAMBLEA_SCREENSHOTS || path.join(SOURCE_DIR, 'build', 'screenshots'));
export const CHROMIUM = process.env.ASAMBLEA_CHROMIUM || '/usr/bin/chromium';

// The policy the server is expected to send on every page (see UI.md / the brief).
export const EXPECTED_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
  + "connect-src 'self'; frame-ancestors 'none'";

export const VIEWPORTS = {
  phone: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  // Reflow (WCAG 1.4.10): the narrowest phone, and a 1280x800 window at 200 % zoom.
  phone320: { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  zoom200: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, isMobile: false, hasTouch: false },
};

// Never leave a server or a browser behind, even when a test crashes or is interrupted.
const cleanups = [];
function runCleanups() {
  for (const fn of cleanups.splice(0)) {
    try { fn(true); } catch { /* best effort at exit */ }
  }
}
process.on('exit', runCleanups);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    runCleanups();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal]));
  });
}

// ---------- Server ----------

export async function makeTempDir(prefix = 'asamblea-browser-') {
  return mkdtemp(path.join(tmpdir(), prefix));
}

function run(file, args, { timeout = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        err.message += `\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
        reject(err);
      } else resolve({ stdout, stderr });
    });
  });
}

function requireBinary() {
  if (!existsSync(BINARY)) {
    throw new Error(`asamblea binary not found at ${BINARY}; build it or set ASAMBLEA_BINARY`);
  }
}

/** `asamblea seed-demo --data DIR`; returns its stdout. */
export async function seedDemo(dataDir) {
  requireBinary();
  const { stdout } = await run(BINARY, ['seed-demo', '--data', dataDir]);
  return stdout;
}

/** The LAN address the test servers report (see startServer). */
export const LAN_ADDRESS = '192.0.2.10';

/**
 * Starts `asamblea serve --data DIR --port 0 --web WEB` and waits for
 * "listening on http://HOST:PORT". Returns {url, stop(), output()}.
 */
export async function startServer({ dataDir, webDir = WEB_DIR, extraArgs = [], timeoutMs = 30_000 } = {}) {
  requireBinary();
  // Pages opened as 127.0.0.1 give phones the machine's LAN address; a fixed one (TEST-NET-1)
  // keeps what the pages show the same on every machine, with or without a network.
  const lan = extraArgs.includes('--lan-address') ? [] : ['--lan-address', LAN_ADDRESS];
  const args = ['serve', '--data', dataDir, '--port', '0', '--web', webDir, ...lan, ...extraArgs];
  const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not print "listening on" within ${timeoutMs} ms\n${out}\n${err}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (https?):\/\/([\d.]+):(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`${m[1]}://${m[2]}:${m[3]}`);
      }
    });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal})\n${out}\n${err}`));
    });
  });

  const kill = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM'); };
  cleanups.push(kill);
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(hard); resolve(); });
    child.kill('SIGTERM');
  });
  return { url, stop, output: () => ({ stdout: out, stderr: err }), process: child };
}

/** JSON from the running server, outside the browser (for test setup and cross-checks). */
export async function apiJson(baseUrl, pathname, { method = 'GET', body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(baseUrl + pathname, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { status: res.status, headers: res.headers, data };
}

/**
 * A set-up call for a test file: `call(method, pathname, body, expect)` against the running server
 * with the token the test holds, asserting the status (`expect`, or any 2xx), and giving the JSON.
 */
export function apiCaller(getEnv, getToken) {
  return async (method, pathname, body, expect) => {
    const r = await apiJson(getEnv().url, pathname, { method, body, token: getToken() });
    const what = `${method} ${pathname} → ${r.status} ${JSON.stringify(r.data)}`;
    if (expect) assert.equal(r.status, expect, what);
    else assert.ok(r.status < 300, what);
    return r.data;
  };
}

// ---------- Browser ----------

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // Pages re-served through route.fetch() would otherwise have their own ws://127.0.0.1
      // socket blocked as a "local network" request.
      '--disable-features=LocalNetworkAccessChecks'],
  });
  cleanups.push(() => { browser.close().catch(() => {}); });
  return browser;
}

const AXE_PATH = '/__test__/axe.min.js';
let axeSource = null;
async function loadAxe() {
  if (axeSource === null) axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * A page in a fresh context, with the usual problems recorded in `problems`:
 * console errors (including CSP refusals), uncaught exceptions, failed requests, HTTP >= 400,
 * and documents served without the expected Content-Security-Policy (the harness then adds
 * it, so pages are always tested under the strict policy).
 */
export async function openPage(browser, baseUrl, viewportName = 'phone', options = {}) {
  const context = await browser.newContext({
    ...VIEWPORTS[viewportName],
    baseURL: baseUrl,
    locale: 'es-MX',
    timezoneId: 'America/Mexico_City',
    ...options,
  });
  const problems = [];
  const cspMissing = new Set();
  const axe = await loadAxe();

  // Documents: enforce the CSP even if the server forgot it, and remember that it did.
  await context.route('**/*', async (route) => {
    const req = route.request();
    if (req.resourceType() !== 'document') { await route.fallback(); return; }
    let response;
    try {
      response = await route.fetch();
    } catch {
      await route.fallback();
      return;
    }
    const headers = response.headers();
    if (!headers['content-security-policy']) {
      cspMissing.add(new URL(req.url()).pathname);
      headers['content-security-policy'] = EXPECTED_CSP;
    }
    await route.fulfill({ response, headers });
  });
  // axe-core, served as a same-origin script so the strict CSP allows it.
  await context.route(`**${AXE_PATH}`, (route) => route.fulfill({
    status: 200, contentType: 'text/javascript; charset=utf-8', body: axe,
  }));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} `
        + `(${e.sourceFile || ''}:${e.lineNumber || ''})`);
    });
  });

  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push({ kind: 'console', text: msg.text(), url: msg.location()?.url });
  });
  page.on('pageerror', (err) => problems.push({ kind: 'exception', text: String(err && err.stack || err) }));
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText || '';
    if (!/ERR_ABORTED/.test(failure)) problems.push({ kind: 'requestfailed', text: `${failure} ${req.url()}`, url: req.url() });
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push({ kind: 'http', status: res.status(), text: `HTTP ${res.status()} ${res.url()}`, url: res.url() });
  });
  return { context, page, problems, cspMissing, viewport: viewportName, close: () => context.close() };
}

/**
 * Fails when something went wrong on the page. `allow` lists regexes for expected entries,
 * e.g. the 404 of an unknown clinic (Chromium logs failed fetches as console errors).
 */
export function assertNoProblems(session, { allow = [] } = {}) {
  const bad = session.problems.filter((p) => !allow.some((re) => re.test(p.text)));
  if (bad.length) {
    throw new Error(`problems on the page:\n${bad.map((p) => `  [${p.kind}] ${p.text}`).join('\n')}`);
  }
}

/**
 * Runs axe-core on the current page state and fails on serious or critical violations.
 * Minor and moderate ones are printed as warnings. Returns the axe results.
 */
export async function checkA11y(page, label = page.url()) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) {
    try {
      await page.addScriptTag({ url: AXE_PATH });
    } catch {
      // Last resort: evaluate through the DevTools protocol, which the page's CSP does not govern.
      await page.evaluate(await loadAxe());
    }
  }
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  const describe = (v) => `  ${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5)
    .map((n) => `      ${n.target.join(' ')} ${n.failureSummary ? `(${n.failureSummary.replace(/\s+/g, ' ').slice(0, 200)})` : ''}`)
    .join('\n')}`;
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const other = results.violations.filter((v) => !serious.includes(v));
  if (other.length) console.warn(`axe (${label}) minor/moderate:\n${other.map(describe).join('\n')}`);
  if (serious.length) {
    throw new Error(`axe found serious/critical violations on ${label}:\n${serious.map(describe).join('\n')}`);
  }
  return results;
}

/** Full-page PNG in SCREENSHOT_DIR; returns its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * Opens the moderator's tablet for `clues` (at `#tab` when given), follows the redirect to the
 * staff login, logs in (the demo moderator by default) and waits to be back on the tablet.
 */
export async function moderatorLogin(page, clues, { tab = '', username = 'moderador', password = 'demo-moderador' } = {}) {
  await page.goto(`/c/${clues}/moderar${tab ? `#${tab}` : ''}`);
  await page.waitForURL((u) => u.pathname === '/entrar.html');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/c/${clues}/moderar`);
}

/**
 * The pages one test file opens over a whole scenario: `open` keeps each session so `closeAll`
 * (in `after`) closes them even when a test fails; `shot` takes a full-page screenshot from the
 * top (sticky bars drawn where they belong) named `${prefix}-${name}`. `getEnv` returns the
 * file's started environment (`startAll`), known only once `before` ran.
 */
export function pageSet(getEnv, prefix) {
  const sessions = [];
  return {
    async open(kind, options) {
      const env = getEnv();
      const s = await openPage(env.browser, env.url, kind, options);
      sessions.push(s);
      return s;
    },
    async shot(page, name) {
      await page.evaluate(() => window.scrollTo(0, 0));
      return screenshot(page, `${prefix}-${name}`);
    },
    async closeAll() {
      for (const s of sessions.splice(0)) await s.close().catch(() => {});
    },
  };
}

/**
 * Layout rules from UI.md, checked on the current page:
 * - nothing wider than the viewport (works at 360 px);
 * - visible controls at least 48 x 48 px (text links inside sentences are exempt, as in WCAG 2.5.8);
 * - body text at least `minFontPx` (18 on phones).
 */
export async function checkLayout(page, { minFontPx = 18, minTarget = 48 } = {}) {
  const report = await page.evaluate(({ minTarget: min }) => {
    const out = { overflow: null, small: [], bodyFont: parseFloat(getComputedStyle(document.body).fontSize) };
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) out.overflow = `${doc.scrollWidth}px > ${window.innerWidth}px`;
    const selector = 'button, a.btn, .site-nav a, .brand, select, textarea, label.check, '
      + 'input:not([type=hidden]):not([type=checkbox]):not([type=radio])';
    for (const node of document.querySelectorAll(selector)) {
      const r = node.getBoundingClientRect();
      const style = getComputedStyle(node);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (node.closest('.skip-link') || node.classList.contains('skip-link')) continue;
      if (r.width < min - 0.5 || r.height < min - 0.5) {
        out.small.push(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''} "${(node.textContent || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
    }
    return out;
  }, { minTarget });
  const errors = [];
  if (report.overflow) errors.push(`horizontal overflow: ${report.overflow}`);
  if (report.small.length) errors.push(`touch targets under ${minTarget}px: ${report.small.join('; ')}`);
  if (minFontPx && report.bodyFont < minFontPx) errors.push(`body font ${report.bodyFont}px < ${minFontPx}px`);
  if (errors.length) throw new Error(`layout (${page.url()}):\n  ${errors.join('\n  ')}`);
  return report;
}

/** The focus ring of the focused element: {tag, text, outline} (outline '' when none). */
export async function focusedRing(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return { tag: null, text: '', outline: '' };
    const s = getComputedStyle(a);
    const visible = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    return {
      tag: a.tagName.toLowerCase(),
      text: (a.textContent || a.value || '').trim().slice(0, 60),
      outline: visible ? `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : '',
    };
  });
}

/**
 * One-call setup for a test file: temp data folder, demo seed, server, browser.
 * Returns {dataDir, seedOutput, server, url, browser, teardown()}.
 */
export async function startAll({ extraArgs = [] } = {}) {
  const dataDir = await makeTempDir();
  const seedOutput = await seedDemo(dataDir);
  const server = await startServer({ dataDir, extraArgs });
  const browser = await launchBrowser();
  const teardown = async () => {
    await browser.close().catch(() => {});
    await server.stop();
    if (!process.env.ASAMBLEA_KEEP_DATA) await rm(dataDir, { recursive: true, force: true });
  };
  return { dataDir, seedOutput, server, url: server.url, browser, teardown };
}
