#!/usr/bin/env node
// Browser test: bundles test/browser/page.mjs from the built package with
// esbuild (browser platform), serves it on 127.0.0.1, opens it in Chromium
// (Debian's chromium-headless-shell or chromium) through playwright-core,
// and reads the page's result. The page is loaded twice: from
// http://127.0.0.1 (a secure context: Web Crypto present) and from a
// non-loopback host name mapped to the same server (not a secure context:
// no crypto.subtle, the library must say so). Prints one line per check and
// a last line "N passed, N failed"; exits 1 on any failure.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].filter(Boolean);
const executablePath = candidates.find((path) => existsSync(path));
let passed = 0;
let failed = 0;
const fail = (name, detail) => {
  failed++;
  console.log(`FAIL  ${name}${detail ? `\n      ${detail}` : ''}`);
};

async function main() {
  if (executablePath === undefined) return fail('find Chromium', `none of ${candidates.join(', ')} exists`);
  if (!existsSync(join(root, 'dist', 'index.js'))) return fail('find the built package', 'dist/index.js is missing; run `npx tsup` first');

  const bundle = await build({
    entryPoints: [join(root, 'test', 'browser', 'page.mjs')],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0].contents;
  const html = '<!doctype html><meta charset="utf-8"><title>shared-tokens</title><script type="module" src="/page.js"></script>';
  const server = createServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (request.url === '/' || request.url === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  // A host name that is not localhost, resolved by Chromium to our loopback
  // server: the page is then served over plain http from a non-trustworthy
  // origin, as on an intranet, and is not a secure context.
  const insecureHost = 'logs.insecure.test';
  const browser = await chromium.launch({
    executablePath,
    args: [`--host-resolver-rules=MAP ${insecureHost} 127.0.0.1`, '--no-sandbox'],
  });
  try {
    for (const [label, url, secure] of [
      ['secure context', `http://127.0.0.1:${port}/`, true],
      ['not a secure context', `http://${insecureHost}:${port}/`, false],
    ]) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(url);
      const handle = await page.waitForFunction(() => window.sharedTokensResult, undefined, { timeout: 30_000 }).catch(() => undefined);
      const result = handle === undefined ? undefined : await handle.jsonValue();
      if (result === undefined) {
        fail(`${label}: the page produced a result`, errors.join('; ') || 'timed out');
        continue;
      }
      if (result.secureContext !== secure) fail(`${label}: isSecureContext is ${secure}`, `it is ${result.secureContext}`);
      if (result.crashed !== undefined) fail(`${label}: the page ran to the end`, result.crashed);
      if (errors.length > 0) fail(`${label}: no uncaught page errors`, errors.join('; '));
      if (result.checks.length === 0) fail(`${label}: the page ran its checks`, 'no checks ran');
      for (const { name, ok, detail } of result.checks) {
        if (ok) {
          passed++;
          console.log(`ok    ${label}: ${name}${detail ? ` (${detail.slice(0, 120)})` : ''}`);
        } else {
          fail(`${label}: ${name}`, detail);
        }
      }
      await page.close();
    }
    console.log(`      ${await browser.version()} at ${executablePath}, bundle ${(script.length / 1024).toFixed(1)} KB minified`);
  } finally {
    await browser.close();
    server.close();
  }
}

try {
  await main();
} catch (error) {
  fail('browser test ran', error instanceof Error ? error.stack ?? error.message : String(error));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
