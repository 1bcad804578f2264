// Browser tests for web/ (the search page) and web/widget.js, in Debian's
// Chromium through playwright-core. run.sh builds the index and sets:
// COMMUNIQUE_SERVE, COMMUNIQUE_DB, COMMUNIQUE_WEB, CHROMIUM, SCREENSHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

const env = (k) => process.env[k] || assert.fail(`${k} is not set: run tests/web/run.sh`);
const SERVE = env('COMMUNIQUE_SERVE');
const DB = env('COMMUNIQUE_DB');
const WEB = env('COMMUNIQUE_WEB');
const SHOTS = env('SCREENSHOTS');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

// ---- servers -------------------------------------------------------------

const children = new Set();
function startServe(extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(SERVE, ['--db', DB, '--port', '0', '--web', WEB, '--threads', '8', ...extra], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(child);
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`communique-serve did not start: ${buf}`)), 15000);
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /listening on (http:\/\/[\d.]+:(\d+))\//.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stop: () => stopChild(child) });
      }
    });
    child.on('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`communique-serve exited ${code}: ${buf}`));
    });
  });
}
function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

// A plain "intranet" on another origin: serves pages given as strings.
function startHost(pages) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const body = pages[new URL(req.url, 'http://x').pathname];
      if (body === undefined) {
        res.writeHead(404);
        return res.end('not found');
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(typeof body === 'function' ? body() : body);
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

let browser;
let serve; // the main server: allows the `allowed` host origin only
let allowed; // host page origin on the allow-list
let refused; // host page origin not on it
const consoleProblems = [];

const embedPage =
  (extraHead = '', attrs = '') =>
  () => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Intranet</title>${extraHead}<script type="module" src="${serve.url}/widget.js"></script></head>
<body><div class="keep"><h1 class="title">Desk intranet</h1>
<communique-search endpoint="${serve.url}" ${attrs}></communique-search></div></body></html>`;

const pages = {}; // what the host origins serve, by path
before(async () => {
  allowed = await startHost(pages);
  refused = await startHost(pages);
  serve = await startServe(['--cors-origin', allowed.url]);
  pages['/embed.html'] = embedPage('', 'placeholder="Search the desk archive" facets="country organisation" size="4"');
  pages['/beat.html'] = embedPage('', 'country="PK" facets="leader" size="3" lang="en" query=""');
  pages['/hostile.html'] = embedPage(
    `<style>
    * { display: none; }
    html, body, .keep, .title { display: block; }
    mark { color: transparent; background: black; }
    a, li, p, span, button, input, ol, form, div { color: transparent !important; font-size: 2px !important; visibility: hidden; }
    button { background: red !important; }
  </style>`,
    'query="Putin" size="3"',
  );
  pages['/themed.html'] = embedPage(
    '<style>communique-search { --communique-accent: rgb(200, 0, 120); --communique-radius: 0px; }</style>',
    '',
  );
  browser = await chromium.launch({ executablePath: env('CHROMIUM'), args: ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  for (const c of children) await stopChild(c);
  allowed?.server.close();
  refused?.server.close();
});

// A fresh context and page; console errors and page errors are collected
// unless the test expects some (a server that is down logs failed loads).
async function open(url, { viewport = DESKTOP, quiet = false } = {}) {
  const context = await browser.newContext({ viewport });
  // Article links point at news.example.org: answer them locally.
  await context.route(/^https:\/\/news\.example\.org\//, (r) =>
    r.fulfill({ status: 200, contentType: 'text/html', body: '<title>article</title>article' }),
  );
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  if (!quiet) {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`${url}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleProblems.push(`${url}: ${e.message}`));
  }
  if (url) await page.goto(url);
  return { context, page, dialogs };
}

const hits = (page) => page.locator('#hits > li');
// Answers the page's searches with the real server's answer passed through
// `patch` (body => body): how a state the sample corpus cannot produce (a
// shard down, estimated counts, a long archive) is shown.
async function patchSearch(page, patch) {
  await page.route(/\/api\/search\?/, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, json: patch(await res.json()) });
  });
}

async function searchFor(page, q) {
  await page.fill('#q', q);
  await page.press('#q', 'Enter');
  await page.waitForFunction((want) => new URLSearchParams(location.search).get('q') === want, q);
  await page.waitForSelector('.results:not([aria-busy])');
}
const status = async (page) => (await page.textContent('#status')).replace(/ \([\d.]+ ms\)/, '');
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
async function has(url) {
  const res = await fetch(url);
  return res.status !== 404;
}

// ---- the search page ---------------------------------------------------

test('page: typing a query shows highlighted results, then screenshots', async () => {
  const { context, page } = await open(`${serve.url}/`);
  await page.waitForSelector('#hits > li');
  // Measured in the page: navigation start to the first rendered results.
  const ms = await page.evaluate(() => performance.getEntriesByName('communique:first-results')[0]?.startTime);
  const bytes = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .concat(performance.getEntriesByType('navigation'))
      .filter((e) => !e.name.includes('/api/'))
      .reduce((n, e) => n + (e.transferSize || 0), 0),
  );
  console.log(
    `first results ${Math.round(ms)} ms after navigation; page weight ${(bytes / 1024).toFixed(1)} KB transferred (HTML+JS+CSS+icon)`,
  );
  assert.ok(ms < 3000, `first results took ${ms} ms`);
  await searchFor(page, 'Putin');
  assert.ok((await hits(page).count()) >= 5);
  const marks = await page.locator('#hits mark').allTextContents();
  assert.ok(
    marks.some((m) => /putin/i.test(m)),
    `marks: ${marks}`,
  );
  assert.match(await status(page), /\d+ articles match/);
  assert.equal(await page.title(), 'Putin — Communique');
  // Facets are shown with counts.
  assert.ok((await page.locator('#f-country li input').count()) > 0);
  // Every control has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, button, a[href], [role=combobox]')]
      .filter(
        (e) =>
          e.checkVisibility() &&
          !(
            e.labels?.length ||
            e.getAttribute('aria-label') ||
            e.getAttribute('aria-labelledby') ||
            e.textContent.trim() ||
            e.title
          ),
      )
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  await shot(page, 'page-desktop');
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways on a phone by ${overflow}px`);
  await shot(page, 'page-phone');
  await context.close();
});

test('page: ticking a country facet changes counts and results; URL state survives reload, back and forward', async () => {
  const { context, page } = await open(`${serve.url}/?q=minister`);
  await page.waitForSelector('#hits > li');
  const before = await status(page);
  const totalBefore = Number((before.match(/[\d,]+/) || ['0'])[0].replace(/,/g, ''));
  await page.waitForLoadState('networkidle');
  const first = page.locator('#f-country li').first();
  const code = (await first.locator('input').getAttribute('id')).replace('cb-country-', '');
  const facetCount = Number(await first.locator('.count').textContent());
  await first.locator('input').check();
  await page.waitForFunction((c) => new URLSearchParams(location.search).get('country_any') === c, code);
  await page.waitForSelector('.results:not([aria-busy])');
  const after = await status(page);
  const totalAfter = Number((after.match(/[\d,]+/) || ['0'])[0].replace(/,/g, ''));
  assert.equal(totalAfter, facetCount, `facet said ${facetCount}, search says ${after}`);
  assert.ok(totalAfter < totalBefore, `${before} -> ${after}`);
  assert.equal(await page.locator(`#cb-country-${code}`).isChecked(), true);
  // Every hit carries that country as a pressed chip.
  const n = await hits(page).count();
  assert.equal(await page.locator('#hits .chip-country[aria-pressed=true]').count(), n);
  assert.ok((await page.locator('#active .chip-x').count()) >= 1);

  // Reload: same state from the URL alone.
  const url = page.url();
  await page.reload();
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  assert.equal(await page.inputValue('#q'), 'minister');
  assert.equal(await page.locator(`#cb-country-${code}`).isChecked(), true);
  assert.equal(await status(page), after);

  // A second page, then back and forward.
  await page.selectOption('#sort', 'date');
  await page.waitForFunction(() => location.search.includes('sort=date'));
  await page.waitForSelector('.results:not([aria-busy])');
  await page.goBack();
  await page.waitForFunction((u) => location.href === u, url);
  await page.waitForSelector('.results:not([aria-busy])');
  assert.equal(await page.inputValue('#sort'), 'relevance');
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('country_any='));
  await page.waitForSelector('.results:not([aria-busy])');
  assert.equal(await page.locator(`#cb-country-${code}`).isChecked(), false);
  assert.equal(await status(page), before);
  await page.goForward();
  await page.waitForFunction((u) => location.href === u, url);
  await page.waitForSelector('.results:not([aria-busy])');
  assert.equal(await page.locator(`#cb-country-${code}`).isChecked(), true);

  // Multi-select: a second country in the same list widens (any of them),
  // by at most the count shown next to it. Let every request of the history
  // steps land first, so the click is not on a list about to be redrawn.
  await page.waitForLoadState('networkidle');
  const second = page.locator('#f-country li:not(.on)').first();
  const code2 = (await second.locator('input').getAttribute('id')).replace('cb-country-', '');
  const count2 = Number(await second.locator('.count').textContent());
  // By id: should a late answer redraw the list, the click still lands on
  // the checkbox of the country read above.
  await page.locator(`#cb-country-${code2}`).check();
  await page.waitForFunction((c) => new URLSearchParams(location.search).get('country_any') === c, `${code},${code2}`);
  await page.waitForSelector('.results:not([aria-busy])');
  const both = Number((await status(page)).match(/[\d,]+/)[0].replace(/,/g, ''));
  assert.ok(both > totalAfter && both <= totalAfter + count2, `${totalAfter} + ${count2} -> ${both}`);
  assert.equal(await page.locator('#f-country input:checked').count(), 2);
  await context.close();
});

test('page: keyboard only — search, reach a result, tick a facet', async () => {
  const { context, page } = await open(`${serve.url}/`);
  await page.waitForSelector('#hits > li');
  // Tab from the top of the page to the search box.
  for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.id)) !== 'q'; i++)
    await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('Shanghai');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Shanghai');
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  // The focus is visible: the focused element gets an outline.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  // The results come before the filters in the tab order: the first
  // result is a few presses from the search box (the sort, the two date
  // fields of three parts each, the presets, the exports), not eighty.
  let presses = 0;
  let found = false;
  while (presses < 40 && !found) {
    await page.keyboard.press('Tab');
    presses++;
    found = await page.evaluate(() => !!document.activeElement?.closest?.('#hits h3 a'));
  }
  assert.ok(found, 'no result link reachable by Tab');
  assert.ok(presses <= 20, `${presses} Tab presses from the search box to the first result`);
  // Keep tabbing: a facet checkbox is reachable, and ticks with the space bar.
  found = false;
  for (let i = 0; i < 200 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.matches?.('#f-country input'));
  }
  assert.ok(found, 'no country checkbox reachable by Tab');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => location.search.includes('country_any='));
  await page.waitForSelector('.results:not([aria-busy])');
  await context.close();
});

test('page: an article titled <img src=x onerror=alert(1)> shows as text and runs nothing', async () => {
  const { context, page, dialogs } = await open(`${serve.url}/?q=xsscanary`);
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  const title = await page.locator('#hits h3').first().textContent();
  assert.match(title, /<img src=x onerror=alert\(1\)>/);
  assert.match(title, /<script>alert\(2\)<\/script>/);
  // Its byline, subject chip and the Subject facet show the feed's text as text.
  assert.equal(
    await page.locator('#hits .meta .byline').first().textContent(),
    'By <img src=x onerror=alert(4)> Jane Smith and Ali Khan',
  );
  assert.equal(await page.locator('#hits .chip-subject').first().textContent(), '<b>politics</b>');
  assert.match(await page.textContent('#f-subject'), /<b>politics<\/b>/);
  assert.equal(await page.locator('#hits img, #hits script, #hits b, #f-subject b').count(), 0);
  await page.locator('#hits details summary').first().click();
  await page.waitForSelector('#hits details .body p:not(:empty)');
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('page: server unreachable gives a clear message, not a blank box', async () => {
  const doomed = await startServe();
  const { context, page } = await open(`${doomed.url}/`, { quiet: true });
  await page.waitForSelector('#hits > li');
  await doomed.stop();
  await page.fill('#q', 'Putin');
  await page.press('#q', 'Enter');
  const box = page.locator('#error');
  await box.waitFor({ state: 'visible' });
  assert.match(await box.textContent(), /Can’t reach the search server/);
  assert.equal(await page.locator('#error button').count(), 1);
  assert.equal(await hits(page).count(), 0);
  assert.match(await status(page), /failed/i);
  await shot(page, 'page-error');
  await context.close();
});

test('page: a partial answer from a sharded archive says results may be incomplete', async () => {
  const { context, page } = await open(`${serve.url}/`);
  // The real server's answer, as a sharded one with a shard down sends it.
  await patchSearch(page, (body) => ({ ...body, partial: true, missing_shards: ['10.0.0.7:33333'] }));
  await page.fill('#q', 'Putin');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => /did not answer/.test(document.querySelector('#status').textContent));
  assert.match(
    await status(page),
    /\d+ articles match.*Part of the archive did not answer \(1 shard\): results may be incomplete\./,
  );
  assert.ok((await hits(page).count()) > 0);
  await context.close();
});

test('page: estimated counts read "about" and "≈"', async () => {
  const { context, page } = await open(`${serve.url}/`);
  // The real server's answer, as one past --exact-counts sends it.
  await patchSearch(page, (body) => ({ ...body, total_exact: false, facets_exact: false, facets_sample: 0.25 }));
  await page.fill('#q', 'Putin');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => /estimates/.test(document.querySelector('#status').textContent));
  assert.match(await status(page), /^About \d+ articles? match.*Filter counts are estimates from a sample\./);
  const counts = await page.locator('#f-country .count').allTextContents();
  assert.ok(counts.length > 0);
  for (const c of counts) assert.match(c, /^≈\d/);
  await context.close();
});

test('page: a histogram of twenty-five years squeezes into the filter column', async () => {
  const { context, page } = await open(`${serve.url}/`);
  // A long archive: 300 months of counts, as a 25-year newsroom index gives.
  const date = [];
  for (let i = 0; i < 300; i++) {
    const ym = `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    date.push({ value: ym, label: ym, count: 1 + (i % 7) });
  }
  await patchSearch(page, (body) => ({ ...body, facets: { ...body.facets, date } }));
  await page.fill('#q', 'Putin');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() =>
    /^2000/.test(document.querySelector('#hist .col')?.getAttribute('aria-label') || ''),
  );
  // Twenty-five years are shown as years (or spans of them), each bar a
  // 24 px target with a spoken label.
  const bars = await page.locator('#hist button.col').evaluateAll((bs) =>
    bs.map((b) => {
      const r = b.getBoundingClientRect();
      return { w: r.width, h: r.height, label: b.getAttribute('aria-label') };
    }),
  );
  assert.ok(bars.length >= 5 && bars.length <= 25, `${bars.length} bars`);
  for (const b of bars) {
    assert.ok(b.w >= 24 && b.h >= 24, `bar ${b.label} is ${b.w}x${b.h}`);
    assert.match(b.label, /^20\d\d(–20\d\d)?: \d+ articles/);
  }
  // Every filter panel ends before the results begin.
  const results = await page.locator('.results').boundingBox();
  const rightEdges = await page.locator('.facet').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
  assert.ok(rightEdges.length > 0);
  for (const right of rightEdges)
    assert.ok(right <= results.x, `a filter panel ends at ${right}, results start at ${results.x}`);
  await context.close();
});

test('page: no results says so and how to widen the search', async () => {
  const { context, page } = await open(`${serve.url}/?q=zzqqxxnothing&country=PK`);
  await page.waitForSelector('#empty:not([hidden])');
  const text = await page.textContent('#empty');
  assert.match(text, /No articles match/);
  assert.match(text, /removing a filter/);
  // A misspelling gets the corrected query, one click away.
  await page.goto(`${serve.url}/?q=Puttin`);
  await page.waitForSelector('#empty:not([hidden])');
  assert.equal(await page.textContent('#did-you-mean'), 'putin');
  assert.match(await page.textContent('#empty'), /Did you mean putin \(\d+ articles\)\?/);
  await page.click('#did-you-mean');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'putin');
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  // An exact phrase that finds nothing offers the words without quotes.
  await page.goto(`${serve.url}/?q=${encodeURIComponent('"grain deal"')}`);
  await page.waitForSelector('#unquoted');
  assert.equal(await page.textContent('#unquoted'), 'grain deal');
  assert.match(await page.textContent('#empty'), /Without quotes: grain deal \(1 article\)/);
  await page.click('#unquoted');
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  // Words the reader wrote as one run, never quoted, are offered apart.
  await page.goto(`${serve.url}/?q=${encodeURIComponent('Putin-Erdogan')}`);
  await page.waitForSelector('#unquoted');
  assert.match(
    await page.textContent('#empty'),
    /written together\. As separate words: putin erdogan \(\d+ articles?\)/,
  );
  // Words that find nothing together offer the query without the one in the way.
  await page.goto(`${serve.url}/?q=${encodeURIComponent('Putin Khan zzqqxx')}`);
  await page.waitForSelector('#relaxed');
  assert.equal(await page.textContent('#relaxed'), 'Putin Khan');
  assert.match(await page.textContent('#empty'), /Leaving out zzqqxx: Putin Khan \(\d+ articles?\)\./);
  await page.click('#relaxed');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Putin Khan');
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  await context.close();
});

test('page: a role phrase shows the holders it was widened to, as text', async () => {
  // The server's own expansion of a role query (issue 14).
  const { context, page, dialogs } = await open(`${serve.url}/?q=${encodeURIComponent('UN secretary-general')}`);
  await page.waitForSelector('#expanded .expansion');
  assert.match(
    await page.textContent('#expanded .expansion'),
    /^UN secretary-general also finds articles naming the holder of the day: António Guterres \(2017–\)/,
  );
  // Hostile strings in the answer stay text.
  await patchSearch(page, (body) => ({
    ...body,
    expansions: [
      {
        phrase: '<img src=x onerror=alert(7)>',
        role: 'president',
        of: { value: 'RU', label: 'Russia' },
        holders: [{ value: 'x', label: '<script>alert(8)</script>', from: '2012-05-07', to: '' }],
      },
    ],
  }));
  await searchFor(page, 'Russian president');
  await page.waitForSelector('#expanded .expansion');
  assert.match(
    await page.textContent('#expanded .expansion'),
    /<img src=x onerror=alert\(7\)>.*<script>alert\(8\)<\/script> \(2012–\)/,
  );
  assert.equal(await page.locator('#expanded img, #expanded script').count(), 0);
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('page: an Arabic article reads right to left, each hit marked with its language', async () => {
  const { context, page } = await open();
  await patchSearch(page, (body) => ({
    ...body,
    hits: body.hits.map((h, i) =>
      i === 0
        ? {
            ...h,
            language: 'ar',
            title_html: 'بوتين والأسد يبحثان العلاقات',
            snippet: 'بحث الرئيسان <mark>بوتين</mark> والأسد العلاقات.',
          }
        : i === 1
          ? { ...h, language: 'ja' }
          : { ...h, language: 'en" onmouseover="x' },
    ),
  }));
  await page.goto(`${serve.url}/?q=putin`);
  await page.waitForSelector('#hits > li:nth-child(3)');
  const hit = (n) => page.locator('#hits > li').nth(n);
  const direction = (loc) => loc.evaluate((e) => getComputedStyle(e).direction);
  assert.equal(await hit(0).locator('h3').getAttribute('lang'), 'ar');
  assert.equal(await direction(hit(0).locator('h3')), 'rtl');
  assert.equal(await direction(hit(0).locator('.snippet')), 'rtl');
  assert.equal(await hit(1).locator('.snippet').getAttribute('lang'), 'ja');
  assert.equal(await direction(hit(1).locator('h3')), 'ltr');
  // A language that is not a tag is left out, never written into markup.
  assert.equal(await hit(2).locator('h3').getAttribute('lang'), null);
  assert.equal(await hit(2).locator('h3').getAttribute('onmouseover'), null);
  // The search box takes its direction from what is typed.
  assert.equal(await page.getAttribute('#q', 'dir'), 'auto');
  await context.close();
});

test('page: a query the server cannot read says how to write it, without stale counts', async () => {
  const { context, page } = await open(`${serve.url}/?q=putin`);
  await page.waitForSelector('#hits > li');
  assert.equal(await page.isVisible('.facets'), true);
  await page.fill('#q', 'putin AND');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#error:not([hidden])');
  const text = await page.textContent('#error');
  assert.match(text, /can’t be read/);
  assert.match(text, /AND needs something to search for on both sides, e\.g\. Putin AND Xi/);
  assert.doesNotMatch(text, /Syntax|Try again/);
  // The previous search's counts are gone, and editing is one click away.
  assert.equal(await page.isVisible('.facets'), false);
  assert.equal(await page.isVisible('#filters'), false);
  assert.equal(await page.isVisible('#export-csv'), false); // nothing to export
  assert.equal(await page.locator('#hits > li').count(), 0);
  await page.click('#error button');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await context.close();
  // Chromium logs the 400 this test asked for; exactly that one is expected.
  const expected = consoleProblems.filter((m) => m.startsWith(`${serve.url}/?q=putin:`) && /status of 400/.test(m));
  assert.equal(expected.length, 1, consoleProblems.join('\n'));
  consoleProblems.splice(consoleProblems.indexOf(expected[0]), 1);
});

test('page: help panel examples are clickable searches', async () => {
  const { context, page } = await open(`${serve.url}/`);
  await page.waitForSelector('#hits > li');
  await page.click('#help summary');
  const examples = page.locator('#help button.example');
  const n = await examples.count();
  assert.ok(n >= 7, `only ${n} examples`);
  const queries = await examples.evaluateAll((bs) => bs.map((b) => b.dataset.q));
  for (const want of [/"/, /NEAR/, /country:/, /org:/, /leader:/, /date:\d/, / -\w/]) {
    assert.ok(
      queries.some((q) => want.test(q)),
      `no example matching ${want}: ${queries}`,
    );
  }
  // Every example runs and finds articles in the sample corpus.
  for (let i = 0; i < n; i++) {
    const q = queries[i];
    await examples.nth(i).click();
    await page.waitForFunction((w) => new URLSearchParams(location.search).get('q') === w, q);
    await page.waitForSelector('.results:not([aria-busy])');
    assert.equal(await page.inputValue('#q'), q);
    assert.ok((await hits(page).count()) > 0, `example ${q} found nothing: ${await status(page)}`);
  }
  await page.setViewportSize(PHONE);
  assert.equal(await page.locator('#help').getAttribute('open'), '');
  await page.evaluate(() => scrollTo(0, 0));
  await shot(page, 'page-help-phone');
  await context.close();
});

test('page: export and feed links carry the current search', async (t) => {
  const { context, page } = await open(`${serve.url}/?q=summit&country=RU`);
  await page.waitForSelector('.results:not([aria-busy])');
  const csv = await page.locator('#export-csv').getAttribute('href');
  const atom = await page.locator('#export-atom').getAttribute('href');
  for (const href of [csv, atom]) {
    const u = new URL(href, page.url());
    assert.equal(u.searchParams.get('q'), 'summit');
    assert.deepEqual(u.searchParams.getAll('country'), ['RU']);
  }
  assert.match(csv, /api\/search\.csv\?/);
  assert.match(atom, /api\/search\.atom\?/);
  if (!(await has(`${serve.url}/api/search.csv?q=x`))) {
    t.skip('/api/search.csv is not in this build yet: links checked, download not');
    await context.close();
    return;
  }
  const body = await (await fetch(new URL(csv, page.url()))).text();
  // fetch's text() drops a BOM; the bytes keep it (Excel needs it for UTF-8).
  const bytes = new Uint8Array(await (await fetch(new URL(csv, page.url()))).arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(
    body.split('\n')[0],
    /^id,date,title,url,source,countries,country_codes,leaders,leader_ids,organisations,organisation_ids,authors,subjects,subject_codes,snippet/,
  );
  assert.match(body.split('\n')[1], /[,;]Russia[;,]/); // names, not codes, in "countries"
  // "Export all": every match of the search, newest first, in one file.
  const all = new URL(await page.locator('#export-all').getAttribute('href'), page.url());
  assert.equal(all.searchParams.get('all'), 'true');
  assert.equal(all.searchParams.get('q'), 'summit');
  const allRows = (await (await fetch(all)).text()).trim().split('\r\n');
  const total = (await (await fetch(`${serve.url}/api/search?q=summit&country=RU&size=1`)).json()).total;
  assert.equal(allRows.length - 1, total);
  const dates = allRows.slice(1).map((r) => r.split(',')[1]);
  assert.deepEqual(dates, [...dates].sort().reverse());
  await context.close();
});

test('page: suggestions as you type, with entity kinds', async (t) => {
  if (!(await has(`${serve.url}/api/suggest?q=pu`))) {
    t.skip('/api/suggest is not in this build yet');
    return;
  }
  const { context, page } = await open(`${serve.url}/`);
  await page.waitForSelector('#hits > li');
  await page.click('#q');
  await page.keyboard.type('put');
  const list = page.locator('#suggest');
  await list.waitFor({ state: 'visible' });
  assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
  const options = page.locator('#suggest [role=option]');
  assert.ok((await options.count()) > 0);
  assert.match(await options.first().textContent(), /Putin/);
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getAttribute('#q', 'aria-activedescendant'));
  await shot(page, 'page-suggest');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.search.includes('leader=vladimir-putin') || /q=put/.test(location.search));
  await context.close();
});

test('page and widget share one codebase: dom.js, format.js and article.js are ES modules both import', async () => {
  const { context, page } = await open();
  const loaded = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  await page.goto(`${serve.url}/`);
  await page.waitForSelector('#hits > li');
  for (const f of ['/app.js', '/dom.js', '/format.js', '/article.js'])
    assert.ok(loaded.includes(f), `page did not load ${f}: ${loaded}`);
  loaded.length = 0;
  await page.goto(`${allowed.url}/beat.html`);
  await page.locator('communique-search li a.t').first().waitFor();
  for (const f of ['/widget.js', '/dom.js', '/format.js', '/article.js'])
    assert.ok(loaded.includes(f), `widget did not load ${f}: ${loaded}`);
  // The sources hold one copy of the sanitiser: neither file defines its own.
  for (const f of ['app.js', 'widget.js', 'doc.js']) {
    const src = await (await fetch(`${serve.url}/${f}`)).text();
    assert.doesNotMatch(src, /function marked|const marked|const safeUrl|function safeUrl|DOMParser/, f);
  }
  await context.close();
});

test('phone: ticking a filter folds the panel and shows the results', async () => {
  const { context, page } = await open(`${serve.url}/?q=minister`, { viewport: PHONE });
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  await page.waitForLoadState('networkidle');
  await page.click('#filters > summary');
  assert.equal(await page.locator('#filters').getAttribute('open'), '');
  await page.locator('#f-country li input').first().check();
  await page.waitForFunction(() => location.search.includes('country_any='));
  await page.waitForSelector('.results:not([aria-busy])');
  await page.waitForFunction(() => !document.querySelector('#filters').open);
  // The results heading is on screen, not 1,800 px down.
  const top = await page.evaluate(() => document.querySelector('#results-heading').getBoundingClientRect().top);
  assert.ok(top >= -1 && top < PHONE.height / 2, `results heading at ${top}px`);
  assert.match(await page.textContent('#filter-count'), /1 active/);
  // Histogram bars are 24 px targets with labels, on a phone too.
  await page.click('#filters > summary');
  const bars = await page
    .locator('#hist button.col')
    .evaluateAll((bs) =>
      bs.map((b) => [b.getBoundingClientRect().width, b.getBoundingClientRect().height, b.getAttribute('aria-label')]),
    );
  assert.ok(bars.length > 0);
  for (const [w, h, label] of bars) {
    assert.ok(w >= 24 && h >= 24, `${label}: ${w}x${h}`);
    assert.match(label, /\d+ articles?/);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways on a phone by ${overflow}px`);
  await context.close();
});

test("page: date presets, brushing the histogram, the recent sort, dates in the reader's locale", async () => {
  const { context, page } = await open();
  await context.close();
  const de = await browser.newContext({ viewport: DESKTOP, locale: 'de-DE', timezoneId: 'UTC' });
  const p2 = await de.newPage();
  await p2.goto(`${serve.url}/?q=Putin`);
  await p2.waitForSelector('.results:not([aria-busy]) #hits > li');
  // German dates: "14. Sept. 2021", not "14 Sept 2021".
  const first = await p2.locator('#hits time').first().textContent();
  assert.match(first, /^\d{1,2}\. \S+ \d{4}$/, first);
  // A preset: the last 7 days, counted from today.
  await p2.click('#presets button[data-days="7"]');
  await p2.waitForFunction(() => new URLSearchParams(location.search).has('from'));
  const u = new URL(p2.url());
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(u.searchParams.get('to'), today);
  assert.equal(u.searchParams.get('from'), new Date(Date.now() - 7 * 864e5).toISOString().slice(0, 10));
  await p2.goto(`${serve.url}/?q=Putin`);
  await p2.waitForSelector('.results:not([aria-busy])');
  await p2.waitForSelector('#hist button.col');
  // Brushing: press on the first bar, release on the third.
  const bars = p2.locator('#hist > .col');
  const a = await bars.nth(0).boundingBox();
  const c = await bars.nth(2).boundingBox();
  await p2.mouse.move(a.x + a.width / 2, a.y + a.height - 3);
  await p2.mouse.down();
  await p2.mouse.move(c.x + c.width / 2, c.y + c.height - 3, { steps: 4 });
  await p2.mouse.up();
  await p2.waitForFunction(() => new URLSearchParams(location.search).has('to'));
  const b = new URL(p2.url()).searchParams;
  const keys = await bars.evaluateAll((cols) => cols.map((x) => x.dataset.key || ''));
  assert.equal(`m:${b.get('from')}`, keys[0] || `m:${b.get('from')}`);
  assert.ok(b.get('to') > b.get('from'), `${b.get('from')}..${b.get('to')}`);
  assert.ok(new Date(b.get('to')) - new Date(b.get('from')) > 40 * 864e5, 'a brush spans more than one bar');
  await p2.waitForSelector('.results:not([aria-busy])');
  // The recent sort is offered and sent.
  await p2.selectOption('#sort', 'recent');
  await p2.waitForFunction(() => new URLSearchParams(location.search).get('sort') === 'recent');
  await p2.waitForSelector('.results:not([aria-busy])');
  assert.match(await status(p2), /relevant and recent first|match/);
  await de.close();
});

test('page: a date range zooms the histogram in (years, then quarters, then months)', async () => {
  const { context, page } = await open(`${serve.url}/?q=Putin`);
  await page.waitForSelector('.results:not([aria-busy])');
  await page.waitForSelector('#hist button.col');
  assert.equal(await page.textContent('#h-date'), 'Articles per year');
  await page.locator('#hist button.col[aria-label^="2021:"]').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('to') === '2021-12-31');
  await page.waitForSelector('.results:not([aria-busy])');
  await page.waitForFunction(() => document.querySelector('#h-date').textContent === 'Articles per quarter');
  const cols = await page
    .locator('#hist > .col')
    .evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label') || c.title));
  assert.equal(cols.length, 4);
  assert.match(cols[2], /^Jul 2021 – Sep 2021: \d+ articles?/);
  await page.locator('#hist button.col[aria-label^="Jul 2021"]').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('to') === '2021-09-30');
  await page.waitForFunction(() => document.querySelector('#h-date').textContent === 'Articles per month');
  assert.equal(await page.locator('#hist > .col').count(), 3);
  await context.close();
});

test('page: "not" excludes a facet value; facets and chips show names, not ids', async () => {
  const { context, page } = await open(`${serve.url}/?q=summit`);
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  await page.waitForLoadState('networkidle');
  const before = Number((await status(page)).match(/[\d,]+/)[0].replace(/,/g, ''));
  const row = page.locator('#f-country li').first();
  const name = await row.locator('.name').textContent();
  const count = Number(await row.locator('.count').textContent());
  const code = (await row.locator('input').getAttribute('id')).replace('cb-country-', '');
  assert.notEqual(name, code, 'the facet shows the country name');
  await row.locator('button.not').click();
  await page.waitForFunction((c) => new URLSearchParams(location.search).get('country_not') === c, code);
  await page.waitForSelector('.results:not([aria-busy])');
  const after = Number((await status(page)).match(/[\d,]+/)[0].replace(/,/g, ''));
  assert.equal(after, before - count, `${before} - ${count} -> ${after}`);
  // No hit is about that country any more; the value stays listed, excluded.
  assert.equal(await page.locator(`#hits .chip-country abbr[title="${name}"]`).count(), 0);
  assert.equal(await page.locator(`#f-country button.not[aria-pressed=true]`).count(), 1);
  assert.match(await page.textContent('#active'), new RegExp(`Not country: ${name}`));
  // Leaders are listed by name.
  const leaders = await page.locator('#f-leader .name').allTextContents();
  assert.ok(leaders.length > 0 && leaders.every((l) => !/-/.test(l) || / /.test(l)), leaders.join(' | '));
  // Undo from the active filters.
  await page.click(`#active [data-key="x:not:country:${code}"]`);
  await page.waitForFunction(() => !location.search.includes('country_not'));
  await page.waitForSelector('.results:not([aria-busy])');
  assert.equal(Number((await status(page)).match(/[\d,]+/)[0].replace(/,/g, '')), before);
  await context.close();
});

test('page: a link that spells a value in lower case ticks the listed value once', async () => {
  const { context, page } = await open(`${serve.url}/?q=Putin&country=pk&organisation_any=sco`);
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('country') === 'PK');
  const url = new URLSearchParams(new URL(page.url()).search);
  assert.equal(url.get('organisation_any'), 'SCO');
  // One Pakistan in the list, ticked and counted; the chips show names.
  const names = await page.locator('#f-country .name').allTextContents();
  assert.equal(names.filter((n) => n === 'Pakistan').length, 1, names.join(' | '));
  assert.equal(await page.locator('#f-country li.on .name').textContent(), 'Pakistan');
  assert.notEqual(await page.locator('#f-country li.on .count').textContent(), '0');
  assert.equal(await page.locator('#f-organisation li.on').count(), 1);
  assert.match(await page.textContent('#active'), /Shanghai Cooperation Organisation/);
  assert.doesNotMatch(await page.textContent('#active'), /: sco/);
  // Unticking it clears the filter (the value the URL holds is the listed one).
  await page.locator('#f-country li.on input').click();
  await page.waitForFunction(() => !/country=|country_any=/.test(location.search));
  await context.close();
});

test('page: folded copies and more like this, on demand', async () => {
  const { context, page } = await open(`${serve.url}/?q=dupcanary`);
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  assert.equal(await hits(page).count(), 1);
  const dups = page.locator('#hits details.dups');
  assert.equal(await dups.locator('summary').textContent(), '+2 similar stories');
  await dups.locator('summary').click();
  await dups.locator('.related li a').first().waitFor();
  const copies = await dups.locator('.related li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(copies.length, 2);
  for (const h of copies) assert.match(h, /^doc\/dup-000[123]\?q=dupcanary$/);
  await page.goto(`${serve.url}/?q=Putin`);
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  const more = page.locator('#hits details.similar').first();
  await more.locator('summary').click();
  await more.locator('.related li a').first().waitFor();
  assert.ok((await more.locator('.related li a').count()) >= 2);
  // Headlines only: the similarity search's own words are not marked as if
  // the reader had typed them.
  assert.equal(await more.locator('.related mark').count(), 0);
  await context.close();
});

test('article page: /doc/{id} with dateline once, highlighted words, entity links, more like this', async () => {
  const { context, page } = await open(`${serve.url}/?q=Tokayev`);
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  // Results link to the article page.
  const link = page.locator('#hits a.permalink').first();
  assert.equal(await link.getAttribute('href'), 'doc/cq-0001?q=Tokayev');
  await link.click();
  await page.waitForURL(/\/doc\/cq-0001\?q=Tokayev$/);
  await page.waitForSelector('#article:not([aria-busy])');
  assert.equal(
    await page.textContent('#doc-title'),
    'Tokayev sworn in as Kazakh president after Nazarbayev steps down',
  );
  assert.equal(await page.title(), 'Tokayev sworn in as Kazakh president after Nazarbayev steps down — Communique');
  assert.match(await page.textContent('#doc-meta'), /Harbour Times/);
  assert.match(await page.textContent('#doc-meta'), /2019/);
  // The dateline once, above the text; the text does not repeat it.
  assert.equal(await page.textContent('#doc-body .dateline'), 'ASTANA');
  const firstPara = await page.locator('#doc-body p:not(.dateline)').first().textContent();
  assert.match(firstPara, /^Kassym-Jomart Tokayev was sworn in/);
  // The search's words are highlighted, in the headline and the text.
  assert.ok((await page.locator('#doc-body mark').allTextContents()).every((m) => /^tokayev/i.test(m)));
  assert.ok((await page.locator('#doc-body mark').count()) >= 2);
  assert.equal(await page.locator('#doc-title mark').textContent(), 'Tokayev');
  // Entities link into the search.
  const chip = page.locator('#doc-entities a').first();
  assert.match(await chip.getAttribute('href'), /\/\?(country|leader|organisation)=/);
  await page.locator('#similar-list .related li a').first().waitFor();
  await shot(page, 'doc-desktop');
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `article page scrolls sideways on a phone by ${overflow}px`);
  await shot(page, 'doc-phone');
  await chip.click();
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  await context.close();
});

test('article page: an article without a URL is linkable; a hostile one stays text; an unknown id says so', async () => {
  const { context, page, dialogs } = await open(`${serve.url}/doc/cq-0020`);
  await page.waitForSelector('#article:not([aria-busy])');
  assert.notEqual(await page.textContent('#doc-title'), 'Loading…');
  assert.ok((await page.locator('#doc-body p').count()) > 0);
  // In the results, its headline opens this page (it has no URL of its own).
  await page.goto(
    `${serve.url}/?q=${encodeURIComponent('title:"' + (await page.textContent('#doc-title')).split(' ').slice(0, 3).join(' ') + '"')}`,
  );
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  assert.ok(
    (await page.locator('#hits h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).includes(
      'doc/cq-0020?q=' + encodeURIComponent(new URL(page.url()).searchParams.get('q')),
    ),
  );
  await page.goto(`${serve.url}/doc/xss-0001?q=xsscanary`);
  await page.waitForSelector('#article:not([aria-busy])');
  assert.match(await page.textContent('#doc-title'), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('#article img, #article script, #article b').count(), 0);
  assert.match(await page.textContent('#doc-body'), /<b onmouseover=alert\(3\)>bold<\/b>/);
  // Its byline and subject (issue 16) are text too; the subject links to its filter.
  assert.equal(await page.textContent('#doc-meta .byline'), 'By <img src=x onerror=alert(4)> Jane Smith and Ali Khan');
  const subject = page.locator('#doc-entities a.chip-subject');
  assert.equal(await subject.textContent(), '<b>politics</b>');
  assert.match(await subject.getAttribute('href'), /\/\?subject=medtop%3A11000000$/);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  await context.close();
  // An unknown id: the page says so (Chromium logs the API's 404: quiet).
  const gone = await open(`${serve.url}/doc/no-such-article`, { quiet: true });
  await gone.page.waitForSelector('#doc-error:not([hidden])');
  assert.match(await gone.page.textContent('#doc-title'), /No such article/);
  assert.match(await gone.page.textContent('#doc-error'), /no article with the id “no-such-article”/);
  await gone.context.close();
});

test('an article without a headline is shown by its opening words, marked as such', async () => {
  const { context, page } = await open(`${serve.url}/?q=${encodeURIComponent('"recovery fund" Merkel')}`);
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  const hit = page.locator('#hits > li', { has: page.locator('a.permalink[href^="doc/cq-0014"]') });
  assert.match(
    await hit.locator('h3').textContent(),
    /^European Union leaders agreed .*… \(no headline: opening words\) \(opens in a new tab\)$/,
  );
  // Articles with a headline are not marked.
  await page.goto(`${serve.url}/?q=Tokayev`);
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  assert.equal(await page.locator('#hits .untitled').count(), 0);
  await page.goto(`${serve.url}/doc/cq-0014`);
  await page.waitForSelector('#article:not([aria-busy])');
  assert.match(await page.textContent('#doc-title'), /\(no headline: opening words\)$/);
  assert.equal(await page.textContent('#doc-body .dateline'), 'BRUSSELS');
  assert.match(await page.locator('#doc-body p:not(.dateline)').first().textContent(), /^European Union leaders/);
  await context.close();
});

test('page: full text shows the dateline once and highlights the search', async () => {
  const { context, page } = await open(`${serve.url}/?q=Tokayev`);
  await page.waitForSelector('.results:not([aria-busy]) #hits > li');
  const more = page.locator('#hits details.more').first();
  await more.locator('summary').click();
  await more.locator('.body p.dateline').waitFor();
  assert.equal(await more.locator('.body p.dateline').textContent(), 'ASTANA');
  assert.doesNotMatch(await more.locator('.body p:not(.dateline)').first().textContent(), /^ASTANA/);
  assert.ok((await more.locator('.body mark').count()) >= 2);
  await context.close();
});

// ---- the widget ---------------------------------------------------------

test('widget: cross-origin from an allowed origin searches, filters and opens articles', async () => {
  const { context, page } = await open(`${allowed.url}/embed.html`);
  const w = page.locator('communique-search');
  const input = w.locator('input[type=search]');
  await input.waitFor();
  assert.equal(await input.getAttribute('placeholder'), 'Search the desk archive');
  await input.fill('Putin');
  await input.press('Enter');
  await w.locator('li a.t').first().waitFor();
  assert.ok((await w.locator('li').count()) <= 4);
  assert.ok((await w.locator('mark').allTextContents()).some((m) => /putin/i.test(m)));
  const statusBefore = await w.locator('.status').textContent();
  // A facet chip filters (the rarest one, so the count must change).
  const chip = w.locator('button.chip[data-facet=country]').last();
  const value = await chip.getAttribute('data-value');
  const req = page.waitForRequest((r) => new URL(r.url()).searchParams.get('country_any') === value);
  await chip.click();
  await req;
  await page.waitForFunction(() => !document.querySelector('communique-search').hasAttribute('aria-busy'));
  assert.equal(await w.locator(`button.chip[data-value="${value}"]`).getAttribute('aria-pressed'), 'true');
  assert.notEqual(await w.locator('.status').textContent(), statusBefore);
  // Results open the article's own URL.
  const link = w.locator('li a.t').first();
  const href = await link.getAttribute('href');
  assert.match(href, /^https:\/\/news\.example\.org\//);
  const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await popup.waitForLoadState();
  assert.equal(popup.url(), href);
  await page.setViewportSize({ width: 900, height: 900 });
  await shot(page, 'widget-cross-origin');
  await context.close();
});

test('widget: folded copies and more like this', async () => {
  const { context, page } = await open(`${allowed.url}/embed.html`);
  const w = page.locator('communique-search');
  await w.locator('input').fill('dupcanary');
  await w.locator('input').press('Enter');
  await w.locator('li a.t').first().waitFor();
  const dups = w.locator('button.xb', { hasText: '+2 similar stories' });
  assert.equal(await dups.getAttribute('aria-expanded'), 'false');
  await dups.click();
  await w.locator('.related li a').first().waitFor();
  assert.equal(await dups.getAttribute('aria-expanded'), 'true');
  const hrefs = await w.locator('.related li a').evaluateAll((as) => as.map((a) => a.href));
  assert.equal(hrefs.length, 2);
  for (const h of hrefs) assert.ok(h.startsWith(`${serve.url}/doc/dup-000`), h);
  const more = w.locator('button.xb', { hasText: 'More like this' }).first();
  await more.click();
  await page.waitForFunction(
    () => document.querySelector('communique-search').shadowRoot.querySelectorAll('.related').length === 2,
  );
  await context.close();
});

test('widget: keyboard only — search, toggle a facet, reach a result', async () => {
  const { context, page } = await open(`${allowed.url}/embed.html`);
  await page.locator('communique-search input').waitFor();
  const inner = () =>
    page.evaluate(() => {
      const a = document.activeElement?.shadowRoot?.activeElement;
      return a ? { tag: a.localName, cls: a.className, pressed: a.getAttribute('aria-pressed') } : null;
    });
  await page.keyboard.press('Tab');
  assert.equal((await inner())?.tag, 'input');
  await page.keyboard.type('Putin');
  await page.keyboard.press('Enter');
  await page.locator('communique-search li a.t').first().waitFor();
  await page.keyboard.press('Tab'); // the Search button
  await page.keyboard.press('Tab'); // the first facet chip
  assert.equal((await inner())?.cls, 'chip');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => document.querySelector('communique-search').shadowRoot.activeElement?.getAttribute('aria-pressed') === 'true',
  );
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await page.keyboard.press('Tab');
    found = (await inner())?.cls === 't';
  }
  assert.ok(found, 'no result link reachable by Tab');
  const ring = await page.evaluate(
    () => getComputedStyle(document.querySelector('communique-search').shadowRoot.activeElement).outlineStyle,
  );
  assert.notEqual(ring, 'none');
  await context.close();
});

test('widget: fixed country filter, facets attribute, initial query', async () => {
  const { context, page } = await open();
  const req = page.waitForRequest((r) => r.url().includes('/api/search'));
  await page.goto(`${allowed.url}/beat.html`);
  const u = new URL((await req).url());
  assert.deepEqual(u.searchParams.getAll('country'), ['PK']);
  assert.equal(u.searchParams.get('size'), '3');
  assert.equal(u.searchParams.get('language'), 'en');
  const w = page.locator('communique-search');
  await w.locator('li a.t').first().waitFor();
  const facets = await w.locator('button.chip').evaluateAll((bs) => [...new Set(bs.map((b) => b.dataset.facet))]);
  assert.deepEqual(facets, ['leader']);
  await context.close();
});

test('widget: a query that finds nothing offers what the server suggests', async () => {
  const { context, page } = await open(`${allowed.url}/embed.html`);
  const w = page.locator('communique-search');
  await w.locator('input').fill('Putin Khan zzqqxx');
  await w.locator('input').press('Enter');
  const offer = w.locator('.status .offer button');
  await offer.waitFor();
  assert.equal(await offer.textContent(), 'Putin Khan');
  assert.match(await w.locator('.status').textContent(), /No articles match .*Leaving out zzqqxx: Putin Khan \(\d+\)/);
  await offer.click();
  await w.locator('li a.t').first().waitFor();
  assert.equal(await w.locator('input').inputValue(), 'Putin Khan');
  // A misspelling: the respelled query, one click away.
  await w.locator('input').fill('Puttin');
  await w.locator('input').press('Enter');
  await w.locator('.status .offer button').waitFor();
  assert.equal(await w.locator('.status .offer button').textContent(), 'putin');
  await context.close();
});

test('widget: with a search key, cross-origin through a CORS preflight', async () => {
  const keyFile = path.join(SHOTS, '..', 'search.key');
  writeFileSync(keyFile, 'desk-secret-12345\n');
  const keyed = await startServe(['--cors-origin', allowed.url, '--search-key-file', keyFile]);
  try {
    pages['/keyed.html'] = `<!doctype html><meta charset="utf-8"><title>keyed</title>
      <script type="module" src="${keyed.url}/widget.js"></script>
      <communique-search id="key" endpoint="${keyed.url}" key="desk-secret-12345" query="Putin"></communique-search>
      <communique-search id="nokey" endpoint="${keyed.url}" query="Putin"></communique-search>`;
    const { context, page } = await open(null, { quiet: true }); // the keyless box logs its 401
    await page.goto(`${allowed.url}/keyed.html`);
    // X-Communique-Key is not a CORS-safelisted header: these results only
    // arrive because the server answered the browser's preflight.
    await page.locator('#key li a.t').first().waitFor();
    await page.locator('#nokey .error').waitFor({ state: 'visible' });
    assert.match(await page.locator('#nokey .error').textContent(), /search key/);
    const pre = await fetch(`${keyed.url}/api/search`, {
      method: 'OPTIONS',
      headers: {
        Origin: allowed.url,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-communique-key',
      },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-headers'), 'x-communique-key');
    await context.close();
  } finally {
    await keyed.stop();
  }
});

test('widget: refused when its page origin is not on the allow-list', async () => {
  const { context, page } = await open(`${refused.url}/embed.html`, { quiet: true });
  const req = page.waitForRequest((r) => r.url().includes('/api/search'));
  const w = page.locator('communique-search');
  await w.locator('input').fill('Putin');
  await w.locator('input').press('Enter');
  await req; // the browser asked; the server's answer has no ACAO for this origin:
  const direct = await fetch(`${serve.url}/api/search?q=Putin`, { headers: { Origin: refused.url } });
  assert.equal(direct.headers.get('access-control-allow-origin'), null);
  await w.locator('.error').waitFor({ state: 'visible' });
  // Not "can't reach": the server answered, only not to this page. Say so,
  // and what an administrator does about it.
  const msg = await w.locator('.error').textContent();
  assert.match(
    msg,
    new RegExp(`This page \\(${refused.url.replace(/[.]/g, '\\.')}\\) is not allowed to use the news search`),
  );
  assert.match(msg, new RegExp(`--cors-origin ${refused.url.replace(/[.]/g, '\\.')}`));
  assert.equal(await w.locator('li').count(), 0);
  await context.close();
});

test('widget: hostile host CSS leaves it intact', async () => {
  const { context, page } = await open(`${allowed.url}/hostile.html`);
  const w = page.locator('communique-search');
  await w.locator('li a.t').first().waitFor();
  assert.ok(await w.isVisible());
  const box = await w.boundingBox();
  assert.ok(box.height > 150, `widget is only ${box.height}px tall`);
  assert.ok(await w.locator('input').isVisible());
  assert.ok(await w.locator('li a.t').first().isVisible());
  const style = await w
    .locator('mark')
    .first()
    .evaluate((m) => {
      const s = getComputedStyle(m);
      return { color: s.color, bg: s.backgroundColor, size: parseFloat(getComputedStyle(m.closest('li')).fontSize) };
    });
  assert.notEqual(style.color, 'rgba(0, 0, 0, 0)');
  assert.notEqual(style.bg, 'rgb(0, 0, 0)');
  assert.ok(style.size >= 10, `font-size ${style.size}`);
  const button = await w.locator('button.go').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.notEqual(button, 'rgb(255, 0, 0)');
  // ...and the widget leaks nothing out: no style or element added to the host document.
  assert.equal(await page.evaluate(() => document.querySelectorAll('style, link[rel=stylesheet]').length), 1);
  assert.equal(await page.evaluate(() => document.body.querySelectorAll('*').length), 3);
  await shot(page, 'widget-hostile-css');
  await context.close();
});

test('widget: theming through CSS custom properties', async () => {
  const { context, page } = await open(`${allowed.url}/themed.html`);
  const go = page.locator('communique-search button.go');
  await go.waitFor();
  const s = await go.evaluate((b) => ({
    bg: getComputedStyle(b).backgroundColor,
    r: getComputedStyle(b).borderTopLeftRadius,
  }));
  assert.equal(s.bg, 'rgb(200, 0, 120)');
  assert.equal(s.r, '0px');
  await context.close();
});

test('widget: a hostile title is inert inside the widget too', async () => {
  const { context, page, dialogs } = await open(`${allowed.url}/embed.html`);
  const w = page.locator('communique-search');
  await w.locator('input').fill('xsscanary');
  await w.locator('input').press('Enter');
  await w.locator('li a.t').first().waitFor();
  assert.match(await w.locator('li a.t').first().textContent(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await w.locator('li img, li script, li b').count(), 0);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('embed-example.html: both widgets render, desktop and phone', async () => {
  const { context, page } = await open(`${serve.url}/embed-example.html`);
  const side = page.locator('aside communique-search');
  await side.locator('li a.t').first().waitFor();
  await shot(page, 'embed-example-desktop');
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `embed example scrolls sideways on a phone by ${overflow}px`);
  for (const w of await page.locator('communique-search').all()) {
    const spill = await w.evaluate((el) =>
      Math.max(
        ...[...el.shadowRoot.querySelectorAll('.root, .frow, li')].map(
          (n) => n.getBoundingClientRect().right - el.getBoundingClientRect().right,
        ),
      ),
    );
    assert.ok(spill <= 0.5, `widget content spills ${spill}px past its box`);
  }
  await shot(page, 'embed-example-phone');
  await context.close();
});

test('the console stayed clean on every page that had a server', () => {
  assert.deepEqual(consoleProblems, []);
});
