// Opens a report.html in headless Chromium (Debian's /usr/bin/chromium) and fails when the
// page is blank, logs a console error, throws, or requests anything other than the file
// itself and data: URLs; when a table, chart or the page itself is wider than its box (cut
// off or scrolled sideways) at 1100 px, at a phone's width or in print on A4; and when its
// A4 PDF has more pages than MAX_PAGES or a page that is nearly empty. Saves screenshots at
// 1100 px (the first screen and the full page) and at the phone's width, and the PDF.
//
// Usage: node check-report.mjs REPORT_HTML SCREENSHOT_PNG [MAX_PAGES]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportArg, shotArg, maxPagesArg] = process.argv.slice(2);
const maxPages = Number(maxPagesArg || 12);
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
  for (const p of await overflows(page)) problems.push(`at 1100 px: ${p}`);

  await page.setViewportSize({ width: 390, height: 844 });
  for (const p of await overflows(page)) problems.push(`at phone width (390 px): ${p}`);
  await page.screenshot({ path: shotArg.replace(/\.png$/, '-phone.png'), fullPage: false });

  // Print: the A4 page less the report's 14 mm margins is 182 mm = 688 CSS px wide.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 688, height: 1000 });
  for (const p of await overflows(page)) problems.push(`in print (A4): ${p}`);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(shotArg.replace(/\.png$/, '.pdf'), pdf);
  const pages = pageTexts(pdf);
  console.log(`A4 PDF: ${pages.length} pages (at most ${maxPages} allowed); text operators per page: ${pages.join(' ')}`);
  if (pages.length > maxPages) problems.push(`the A4 PDF has ${pages.length} pages, more than ${maxPages}`);
  pages.forEach((chars, i) => {
    // The last page may be short; any other page that holds almost nothing is a page
    // thrown away by a break (a figure or table pushed to the next page).
    if (i < pages.length - 1 && chars < 150) problems.push(`PDF page ${i + 1} is nearly empty (${chars} text operators)`);
  });
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

/** Elements wider than their box: the page itself, every table and chart, every box that
 * scrolls sideways. Returns one line per problem. */
async function overflows(page) {
  return page.evaluate(() => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) {
      out.push(`the page scrolls sideways (${doc.scrollWidth} px content in ${doc.clientWidth} px)`);
    }
    const name = (e) => {
      const sec = e.closest('section');
      const head = e.querySelector('th, figcaption');
      return `${e.tagName.toLowerCase()} in ${sec ? '#' + sec.id : 'page'}` +
        (head ? ` ("${head.textContent.trim().slice(0, 40)}")` : '');
    };
    for (const e of document.querySelectorAll('main *')) {
      const st = getComputedStyle(e);
      if (st.display === 'none') continue;
      const scrolls = (st.overflowX === 'auto' || st.overflowX === 'scroll' || st.overflowX === 'hidden');
      if (scrolls && e.scrollWidth > e.clientWidth + 1) {
        out.push(`${name(e)} is cut off: ${e.scrollWidth} px of content in a ${e.clientWidth} px box`);
      }
    }
    const main = document.querySelector('main');
    const right = main.getBoundingClientRect().right;
    for (const e of document.querySelectorAll('table, figure svg, figure, pre, img')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > right + 1) {
        out.push(`${name(e)} sticks out ${Math.round(r.right - right)} px beyond the page`);
      }
    }
    return out;
  });
}

/** The number of text-showing operators on each page of a Chromium PDF (its page content
 * streams are Flate-compressed objects referenced by each /Type /Page). */
function pageTexts(pdf) {
  const text = pdf.toString('latin1');
  const objects = new Map();
  const re = /(\d+) 0 obj\s*<<((?:(?!endobj)[\s\S])*?)>>\s*stream\r?\n/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const start = m.index + m[0].length;
    const len = /\/Length (\d+)/.exec(m[2]);
    if (!len) continue;
    objects.set(m[1], { dict: m[2], data: pdf.subarray(start, start + Number(len[1])) });
  }
  const pages = [];
  const objRe = /(\d+) 0 obj\s*<<\/Type \/Page\s([\s\S]*?)endobj/g;
  while ((m = objRe.exec(text)) !== null) {
    const ref = /\/Contents\s+(\d+) 0 R/.exec(m[2]);
    const obj = ref && objects.get(ref[1]);
    if (!obj) { pages.push(0); continue; }
    let body = obj.data;
    if (/FlateDecode/.test(obj.dict)) {
      try { body = inflateSync(body); } catch { pages.push(0); continue; }
    }
    pages.push((body.toString('latin1').match(/\bTj\b|\bTJ\b/g) || []).length);
  }
  return pages;
}

if (problems.length > 0) {
  for (const p of problems) console.error(`FAIL ${p}`);
  process.exit(1);
}
console.log('browser check passed');
