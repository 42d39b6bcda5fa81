// Opens a report.html in headless Chromium (Debian's /usr/bin/chromium) and fails when the
// page is blank, logs a console error, throws, or requests anything other than the file
// itself and data: URLs. Saves a full-page screenshot.
//
// Usage: node check-report.mjs REPORT_HTML SCREENSHOT_PNG
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportArg, shotArg] = process.argv.slice(2);
if (!reportArg || !shotArg) {
  console.error('usage: node check-report.mjs REPORT_HTML SCREENSHOT_PNG');
  process.exit(2);
}
const pageUrl = pathToFileURL(resolve(reportArg)).href;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const userDataDir = mkdtempSync(join(tmpdir(), 'inclusim-chromium-'));
const problems = [];

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 1100, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
try {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (url !== pageUrl && !url.startsWith('data:')) problems.push(`request: ${url}`);
  });
  const response = await page.goto(pageUrl, { waitUntil: 'load' });
  if (!response || !response.ok()) problems.push(`could not load ${pageUrl}`);

  const facts = await page.evaluate(() => ({
    text: document.body ? document.body.innerText.trim().length : 0,
    svgs: [...document.querySelectorAll('figure svg')].filter((s) => {
      const r = s.getBoundingClientRect();
      return r.width > 200 && r.height > 100;
    }).length,
    figures: document.querySelectorAll('figure').length,
    height: document.documentElement.scrollHeight,
    sections: [...document.querySelectorAll('section > h2')].map((h) => h.textContent),
  }));
  if (facts.text < 500) problems.push(`page looks blank: ${facts.text} characters of text`);
  if (facts.figures === 0 || facts.svgs !== facts.figures) {
    problems.push(`charts not rendered: ${facts.svgs} of ${facts.figures} figures show an SVG`);
  }
  if (facts.sections.length < 5) problems.push(`expected 5 sections, found ${facts.sections.join(', ')}`);

  await page.screenshot({ path: shotArg, fullPage: false });
  await page.screenshot({ path: shotArg.replace(/\.png$/, '-full.png'), fullPage: true });
  console.log(`rendered ${pageUrl}: ${facts.text} characters, ${facts.svgs} charts, ${facts.height}px tall`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const p of problems) console.error(`FAIL ${p}`);
  process.exit(1);
}
console.log('browser check passed');
