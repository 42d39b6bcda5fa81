// Browser test of `inclusim serve`: starts the server on a copy of the supermarket scenario
// (at few iterations, for a fast CI), opens the page in headless Chromium (Debian's
// /usr/bin/chromium) and fails unless
// - the page shows the verdicts and the report's sections, without console errors and
//   without a request to anything but the server;
// - changing the hours changes the verdict;
// - an invalid value shows the command line's message at its field;
// - the downloaded scenario keeps the file's comments, validates with the CLI, and
//   `inclusim run --json` on it gives the summary the page computed (byte for byte, but for
//   the file name it names);
// - the report and the workbook download, and the page works in English.
// Saves screenshots in OUT_DIR.
//
// Usage: node check-serve.mjs INCLUSIM_BIN OUT_DIR [ITERATIONS]
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [binArg, outArg, itersArg] = process.argv.slice(2);
if (!binArg || !outArg) {
  console.error('usage: node check-serve.mjs INCLUSIM_BIN OUT_DIR [ITERATIONS]');
  process.exit(2);
}
const bin = resolve(binArg);
const out = resolve(outArg);
const iterations = Number(itersArg || 2000);
const problems = [];
const work = mkdtempSync(join(tmpdir(), 'inclusim-serve-'));
const scenario = join(work, 'supermarkt.toml');
writeFileSync(scenario, readFileSync('scenarios/supermarkt-vakkenvuller.toml', 'utf8')
  .replace(/^iterations = \d+/m, `iterations = ${iterations}`));

const server = spawn(bin, ['serve', scenario, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok, fail) => {
  let text = '';
  server.stdout.on('data', (d) => {
    text += d;
    const m = /http:\/\/\S+\//.exec(text);
    if (m) ok(m[0]);
  });
  server.on('exit', (code) => fail(new Error(`inclusim serve exited with ${code}`)));
  setTimeout(() => fail(new Error('inclusim serve printed no address within 20 s')), 20000);
});
console.log(`serving on ${url}`);

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const userDataDir = mkdtempSync(join(tmpdir(), 'inclusim-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1440, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const hours = '[data-key="placement.vakkenvuller.hours_per_week"]';
const verdictText = (page) => page.evaluate(() =>
  document.querySelector('#best').textContent + ' | '
  + [...document.querySelectorAll('#cards .card')].map((c) => c.textContent).join(' | '));

/** Waits until the page shows a computed result that is not `before` (`null`: any), or a
 * refusal, which fails the wait's caller below. */
async function settled(page, before) {
  await page.waitForFunction((prev) => {
    const s = document.querySelector('#status').dataset.state;
    const text = document.querySelector('#best').textContent + ' | '
      + [...document.querySelectorAll('#cards .card')].map((c) => c.textContent).join(' | ');
    return (s === 'ok' && text !== prev) || s === 'invalid';
  }, before, { timeout: 60000 });
}

/** Waits until the page's state is `ok` again after a refusal. */
async function recovered(page) {
  await page.waitForFunction(() => document.querySelector('#status').dataset.state === 'ok', null, { timeout: 60000 });
}

try {
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(url) && !u.startsWith('blob:') && !u.startsWith('data:') && u !== 'about:srcdoc') {
      problems.push(`request outside the server: ${u}`);
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  await settled(page, '');
  const first = await verdictText(page);
  if ((await page.locator('#cards .card').count()) < 2) problems.push('fewer than two verdict cards');
  const frameSections = await page.frameLocator('#report').locator('section > h2').allTextContents();
  if (frameSections.length < 3) problems.push(`the report panel shows ${frameSections.length} sections: ${frameSections}`);
  const charts = await page.frameLocator('#report').locator('figure svg').count();
  if (charts < 3) problems.push(`the report panel shows ${charts} charts`);
  await page.screenshot({ path: join(out, 'serve-nl.png') });
  for (const id of ['charts', 'sensitivity']) {
    const section = page.frameLocator('#report').locator(`#${id}`);
    if (!(await section.count())) {
      problems.push(`the report panel has no #${id} section`);
      continue;
    }
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, `serve-nl-${id}.png`) });
  }
  await page.locator('#fields fieldset').nth(2).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, 'serve-nl-arrangements.png') });
  await page.evaluate(() => window.scrollTo(0, 0));

  // Change the hours: the verdict changes.
  await page.fill(`${hours} input`, '32');
  await settled(page, first);
  const after = await verdictText(page);
  if (after === first) problems.push('changing the hours from 24 to 32 did not change the verdict');
  if (await page.locator('#status[data-state="invalid"]').count()) problems.push('32 hours was refused');
  console.log(`24 h: ${first.slice(0, 140)}…\n32 h: ${after.slice(0, 140)}…`);

  // An invalid value: the CLI's message at its field.
  await page.fill(`${hours} input`, '-8');
  await page.waitForSelector(`${hours} .message`, { timeout: 60000 });
  const message = await page.locator(`${hours} .message`).textContent();
  if (!message.startsWith('-8 is not allowed')) {
    problems.push(`the message at the hours is not the CLI's: ${message}`);
  }
  const cli = spawnSync(bin, ['run', scenario, '--set', 'placement.vakkenvuller.hours_per_week=-8'], { encoding: 'utf8' });
  if (!cli.stderr.includes(message.trim())) problems.push(`the CLI says otherwise: ${cli.stderr}`);
  await page.screenshot({ path: join(out, 'serve-invalid.png') });
  console.log(`-8 h: ${message}`);

  // Back to 32 hours; the page's summary, and the downloaded scenario run by the CLI.
  await page.fill(`${hours} input`, '32');
  await recovered(page);
  if (await page.locator(`${hours} .message`).count()) problems.push('the message stays after the value is corrected');
  const pageSummary = await page.evaluate(async () => {
    const r = await fetch('/api/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body({ summary: true }) });
    return (await r.json()).summary;
  });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="scenario"]')]);
  const edited = join(out, download.suggestedFilename());
  await download.saveAs(edited);
  const text = readFileSync(edited, 'utf8');
  if (!/^hours_per_week = 32$/m.test(text)) problems.push('the downloaded scenario does not have hours_per_week = 32');
  if (!text.startsWith('# Supermarket: a shelf-stacker')) problems.push('the downloaded scenario lost its comments');
  const validate = spawnSync(bin, ['validate', edited], { encoding: 'utf8' });
  if (validate.status !== 0) problems.push(`inclusim validate refuses the download: ${validate.stderr}`);
  const run = spawnSync(bin, ['run', edited, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  // The file's name differs (the page ran the opened file); its digest must not.
  const strip = (s) => s.replace(/"scenario_file": ".*",\n/, '').replace(/scenario .* \(sha256/, 'scenario (sha256');
  if (run.status !== 0) problems.push(`inclusim run failed on the download: ${run.stderr}`);
  else if (strip(run.stdout) !== strip(pageSummary)) {
    writeFileSync(join(out, 'page-summary.json'), pageSummary);
    writeFileSync(join(out, 'cli-summary.json'), run.stdout);
    problems.push('inclusim run on the downloaded scenario gives another summary than the page');
  } else {
    console.log(`the downloaded ${download.suggestedFilename()} validates, and inclusim run gives the page's summary`);
  }

  for (const what of ['report', 'xlsx']) {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-download="${what}"]`)]);
    const path = join(out, d.suggestedFilename());
    await d.saveAs(path);
    const bytes = readFileSync(path);
    const ok = what === 'report' ? bytes.toString('utf8').includes('<section id="assumptions">') : bytes.subarray(0, 2).toString() === 'PK';
    if (!ok) problems.push(`the ${what} download is not a ${what}`);
  }

  // English: the page's texts and the report's.
  const dutch = await verdictText(page);
  await page.click('[data-lang="en"]');
  await settled(page, dutch);
  const english = await verdictText(page);
  const intro = await page.locator('.intro').textContent();
  if (!intro.startsWith('Fill in the placement')) problems.push(`the page is not in English: ${intro}`);
  if (!/ (in|of) /.test(english) || english === dutch) problems.push(`the verdict is not in English: ${english.slice(0, 120)}`);
  await page.screenshot({ path: join(out, 'serve-en.png') });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(out, 'serve-phone.png') });
} catch (e) {
  problems.push(`${e.message}`);
} finally {
  await context.close();
  server.kill();
  rmSync(userDataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}

if (problems.length) {
  for (const p of problems) console.error(`FAIL ${p}`);
  process.exit(1);
}
console.log(`ok: inclusim serve in the browser; screenshots in ${out}`);
