// Makes the Marketplace icon (images/icon.png from images/icon.svg) and the walkthrough images
// (images/walkthrough/*.png, scaled-down screenshots of the real-VS Code UI tests in test-results/e2e/).
// Usage: node test/e2e/run.mjs --only ui (for the screenshots), then node scripts/images.mjs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shots = path.join(root, 'test-results', 'e2e');
/** Walkthrough image ← UI test screenshot. */
const WALKTHROUGH = {
  'scaffold.png': 'invokeCodeLens-01-lens.png',
  'complete.png': 'typedHandler-03-ts-docs.png',
  'diagnose.png': 'handlerCode-03-quick-fix-menu.png',
  'invoke.png': 'invokeCodeLens-02-result.png',
  'bind.png': 'bindPalette-04-bindings-view.png',
};

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<body style="margin:0;background:transparent">${fs.readFileSync(path.join(root, 'images', 'icon.svg'), 'utf8')}</body>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'images', 'icon.png'), omitBackground: true });
  // 1280×800 screenshots shown at 640×400: a quarter of the pixels, still readable in the walkthrough pane.
  await page.setViewportSize({ width: 640, height: 400 });
  for (const [out, from] of Object.entries(WALKTHROUGH)) {
    const file = path.join(shots, from);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run node test/e2e/run.mjs --only ui first.`);
    await page.setContent(`<body style="margin:0"><img style="width:640px;height:400px;display:block" src="data:image/png;base64,${fs.readFileSync(file).toString('base64')}"></body>`);
    await page.screenshot({ path: path.join(root, 'images', 'walkthrough', out), type: 'png' });
  }
} finally {
  await browser.close();
}
for (const f of ['icon.png', ...Object.keys(WALKTHROUGH).map((f) => `walkthrough/${f}`)]) console.log(`images/${f}: ${(fs.statSync(path.join(root, 'images', f)).size / 1024).toFixed(0)} KB`);
