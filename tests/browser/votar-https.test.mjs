// TLS where there is no proxy (serve --tls-cert/--tls-key), in the browser: the real server with a
// self-signed certificate made here (openssl), a phone that opens the voting page over https
// (Playwright's ignoreHTTPSErrors, as Chromium's --ignore-certificate-errors), joins with the code
// a moderator's check-in gave, votes over wss and gets its receipt. The answers carry HSTS and the
// links phones get (QR codes) are https.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/votar-https.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { assertNoProblems, makeTempDir, openPage, startAll } from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const TITLE = 'Presupuesto por https';
const RECEIPT = /^[0-9A-Z]{4}-[0-9A-Z]{4}$/;

let env;
let certDir;

before(async () => {
  certDir = await makeTempDir('asamblea-tls-');
  const cert = path.join(certDir, 'cert.pem');
  const key = path.join(certDir, 'key.pem');
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt',
    'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
  env = await startAll({ extraArgs: ['--tls-cert', cert, '--tls-key', key] });
});

after(async () => {
  if (env) await env.teardown();
  if (certDir) await rm(certDir, { recursive: true, force: true });
});

async function waitHeading(page, text) {
  await page.waitForFunction((t) => document.getElementById('titulo').textContent === t, text);
}

test('over https a phone joins with its code and votes over wss', async () => {
  assert.match(env.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const phone = await openPage(env.browser, env.url, 'phone', { ignoreHTTPSErrors: true });
  try {
    // The moderator's part through the API, over the same TLS port.
    const api = phone.context.request;
    const call = async (method, pathname, data, token) => {
      const res = await api.fetch(env.url + pathname, {
        method, data, headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      return { status: res.status(), headers: res.headers(), data: await res.json().catch(() => null) };
    };
    const login = await call('POST', '/api/auth/login', { username: 'moderador', password: 'demo-moderador' });
    assert.equal(login.status, 200);
    assert.equal(login.headers['strict-transport-security'], 'max-age=31536000');
    const token = login.data.token;
    const base = `/api/c/${CLUES}`;
    assert.equal((await call('POST', `${base}/assembly/transition`, { to: 'registro' }, token)).status, 200);
    const checkIn = await call('POST', `${base}/attendees`, {
      nombre: 'Lucía Torres Vega', identificador: 'TLS-0001', sexo: 'mujer', mayor_de_edad: true,
    }, token);
    assert.equal(checkIn.status, 201, JSON.stringify(checkIn.data));
    const credential = checkIn.data.credential;
    // The origin the credential's QR code and the join QR carry.
    const origin = await call('GET', '/api/link-origin');
    assert.match(origin.data.origin, /^https:\/\//, 'the links of a TLS server are https');
    assert.equal((await call('POST', `${base}/assembly/transition`, { to: 'en_sesion' }, token)).status, 200);
    const round = await call('POST', `${base}/rounds`, { kind: 'budget', title: TITLE, max_choices: 1 }, token);
    assert.equal(round.status, 201, JSON.stringify(round.data));
    const opened = await call('POST', `${base}/rounds/${round.data.id}/open`, { confirm_without_quorum: true }, token);
    assert.equal(opened.status, 200, JSON.stringify(opened.data));

    // The phone.
    const page = phone.page;
    await page.goto(`/c/${CLUES}/votar`);
    await waitHeading(page, 'Entrar a la votación');
    await page.getByLabel('Código de su credencial').pressSequentially(credential.code);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await waitHeading(page, TITLE);
    await page.locator('#conexion', { hasText: 'Conectado' }).waitFor();
    await page.locator('.opcion label').first().click();
    await page.getByRole('button', { name: 'Enviar mi voto' }).click();
    await waitHeading(page, 'Revise su voto');
    await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
    await page.getByText(/Su voto quedó registrado\. Comprobante:/).waitFor();
    assert.match((await page.locator('.comprobante').textContent()).trim(), RECEIPT);
    assert.equal(new URL(page.url()).protocol, 'https:');
    assertNoProblems(phone);
  } finally {
    await phone.close();
  }
});
