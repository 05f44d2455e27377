// Loads every page of a staged Maven site in headless Chromium and fails on broken internal links, missing images or
// other resources, and pages that fail to render; saves a screenshot of every hand-written page.
//
//   node check-site.mjs --site DIR --out DIR [--chromium /usr/bin/chromium] [--screenshots all|docs|none] [--tabs N]
//
// The site is served from DIR on 127.0.0.1 by this script (Node's http module). Every *.html file under DIR is loaded,
// whether or not a link leads to it; every link and resource of every page is checked:
//   - an internal link (same server) must reach an existing file (HTTP 200), and its #fragment, if any, must name an
//     element id (or <a name>) of that page;
//   - every <img> must have loaded (naturalWidth > 0), and no image, stylesheet or script request may fail;
//   - a page must load with HTTP 200, raise no uncaught script error, and show text in its body;
//   - a site page (not Javadoc) must apply the project's one stylesheet (css/site.css, copied into every module's site
//     by the root pom), must not be wider than the window, and no table may stick out of the content column.
// Requests to other hosts are blocked (the check is offline) and listed; an image that needs one fails.
// Exit status: 0 all good, 1 problems found (listed), 2 bad usage or the browser could not start.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png',
  '.gif': 'image/gif', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.json': 'application/json',
  '.txt': 'text/plain', '.md': 'text/plain', '.zip': 'application/zip', '.woff': 'font/woff', '.woff2': 'font/woff2',
};

function parseArgs(argv) {
  const a = { chromium: '/usr/bin/chromium', screenshots: 'docs', tabs: 3 };
  for (let i = 2; i < argv.length; i += 2) {
    const k = argv[i];
    const v = argv[i + 1];
    if (v === undefined) usage(`option ${k} needs a value`);
    if (k === '--site') a.site = path.resolve(v);
    else if (k === '--out') a.out = path.resolve(v);
    else if (k === '--chromium') a.chromium = v;
    else if (k === '--screenshots') a.screenshots = v;
    else if (k === '--tabs') a.tabs = Number(v);
    else usage(`unknown option ${k}`);
  }
  if (!a.site || !a.out) usage('--site and --out are required');
  if (!['all', 'docs', 'none'].includes(a.screenshots)) usage(`--screenshots must be all, docs or none, got ${a.screenshots}`);
  if (!Number.isInteger(a.tabs) || a.tabs < 1 || a.tabs > 16) usage(`--tabs must be a whole number in 1..16, got ${a.tabs}`);
  if (!fs.existsSync(path.join(a.site, 'index.html'))) {
    usage(`${a.site}/index.html does not exist: build the site first (mvn -B compile site site:stage)`);
  }
  return a;
}

function usage(message) {
  console.error(`check-site: ${message}`);
  console.error('usage: node check-site.mjs --site DIR --out DIR [--chromium PATH] [--screenshots all|docs|none] [--tabs N]');
  process.exit(2);
}

/** Every .html file under root, as site paths starting with '/'. */
function htmlFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push('/' + path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** The file a URL path names (a folder means its index.html), or null if it is outside root or missing. */
function fileFor(root, urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  let file = path.normalize(path.join(root, p));
  if (!file.startsWith(root)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const file = fileFor(root, url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Defects of the JDK 17 javadoc tool itself, which no option of ours changes: each is matched exactly and reported as
 * a known issue, not a failure. constant-values.html links its contents entry for a package-name group
 * ("org.dl4jmortal.*") to the fragment of the group's name, but writes ids only for the packages in it.
 */
const KNOWN_TOOL_DEFECTS = [
  { page: /\/apidocs\/constant-values\.html$/, problem: /^broken fragment link #org\.dl4jmortal \(no id "org\.dl4jmortal"\)$/ },
];

function knownDefect(page, problem) {
  return KNOWN_TOOL_DEFECTS.some((d) => d.page.test(page) && d.problem.test(problem));
}

/** Hand-written and report pages get screenshots under --screenshots docs; Javadoc pages only their index. */
function isDocPage(p) {
  return !p.includes('/apidocs/') || p.endsWith('/apidocs/index.html');
}

async function main() {
  const args = parseArgs(process.argv);
  const pages = htmlFiles(args.site);
  await fsp.mkdir(path.join(args.out, 'screenshots'), { recursive: true });
  const server = await serve(args.site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'site-check-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: args.chromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
  } catch (e) {
    console.error(`check-site: cannot start Chromium at ${args.chromium}: ${e.message}`);
    process.exit(2);
  }

  const problems = [];
  const known = [];                 // problems matched by KNOWN_TOOL_DEFECTS
  const external = new Map();       // blocked URL -> first page that asked for it
  const links = [];                 // { from, href } internal links with a fragment, checked at the end
  const ids = new Map();            // page path -> Set of ids and anchor names
  let linksChecked = 0;
  let imagesChecked = 0;
  let sitePages = 0;                // pages checked for the stylesheet and overflow (all but Javadoc)
  const started = Date.now();

  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    if (!external.has(u.href)) external.set(u.href, route.request().frame()?.url() ?? '');
    return route.abort('blockedbyclient');
  });

  const report = (p, problem) => {
    if (knownDefect(p, problem)) known.push(`${p}: ${problem}`);
    else problems.push(`${p}: ${problem}`);
  };

  async function check(page, p) {
    const failed = new Set();
    const errors = [];
    const onFailed = (r) => {
      const u = new URL(r.url());
      if (u.origin === origin) failed.add(`${r.resourceType()} ${u.pathname}`);
    };
    const onResponse = (r) => {
      const u = new URL(r.url());
      if (u.origin === origin && r.status() >= 400) failed.add(`${r.request().resourceType()} ${u.pathname}`);
    };
    const onError = (e) => errors.push(String(e.message || e));
    page.on('requestfailed', onFailed);
    page.on('response', onResponse);
    page.on('pageerror', onError);
    let status = 0;
    try {
      const resp = await page.goto(origin + p, { waitUntil: 'load', timeout: 60000 });
      status = resp ? resp.status() : 0;
    } catch (e) {
      report(p, `failed to load: ${e.message.split('\n')[0]}`);
    }
    if (status !== 200 && status !== 0) report(p, `HTTP ${status}`);
    const facts = await page.evaluate(() => ({
      text: document.body ? document.body.innerText.trim().length : 0,
      images: [...document.images].map((i) => ({ src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0 })),
      links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id)
        .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'))),
      siteCss: [...document.styleSheets].some((s) => s.href && new URL(s.href).pathname.endsWith('/css/site.css')
        && s.cssRules.length > 0),
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tableOverflow: (() => {
        const column = document.getElementById('bodyColumn');
        if (!column) return [];
        const style = getComputedStyle(column);
        const right = column.getBoundingClientRect().right - parseFloat(style.paddingRight);
        return [...column.querySelectorAll('table')].map((t, i) => ({ i, by: t.getBoundingClientRect().right - right }))
          .filter((t) => t.by > 0.5);
      })(),
    })).catch((e) => {
      report(p, `cannot inspect: ${e.message}`);
      return { text: 0, images: [], links: [], ids: [], siteCss: true, pageOverflow: 0, tableOverflow: [] };
    });
    ids.set(p, new Set(facts.ids));
    if (facts.text === 0) report(p, 'renders no text');
    if (!p.includes('/apidocs/')) {
      sitePages++;
      if (!facts.siteCss) report(p, 'the site stylesheet css/site.css is not applied');
      if (facts.pageOverflow > 0) report(p, `the page is ${facts.pageOverflow} px wider than the window`);
      for (const t of facts.tableOverflow) {
        report(p, `table ${t.i + 1} sticks out of the content column by ${t.by.toFixed(1)} px`);
      }
    }
    for (const e of errors) report(p, `script error: ${e}`);
    for (const f of failed) report(p, `missing resource ${f}`);
    for (const img of facts.images) {
      imagesChecked++;
      if (!img.ok) report(p, `image did not load: ${img.src}`);
    }
    const base = new URL(origin + p);
    for (const href of facts.links) {
      if (/^(mailto:|javascript:|tel:)/i.test(href)) continue;
      let target;
      try {
        target = new URL(href, base);
      } catch {
        report(p, `malformed link ${href}`);
        continue;
      }
      if (target.origin !== origin) continue;
      linksChecked++;
      if (!fileFor(args.site, target.pathname)) {
        report(p, `broken link ${href} (no ${decodeURIComponent(target.pathname)})`);
      } else if (target.hash.length > 1) {
        links.push({ from: p, href, path: target.pathname.endsWith('/') ? target.pathname + 'index.html' : target.pathname,
          fragment: decodeURIComponent(target.hash.slice(1)) });
      }
    }
    if (args.screenshots === 'all' || (args.screenshots === 'docs' && isDocPage(p))) {
      const shot = path.join(args.out, 'screenshots', p.slice(1).replace(/\//g, '__').replace(/\.html$/, '.png'));
      await page.screenshot({ path: shot, fullPage: true });
    }
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
    page.off('pageerror', onError);
  }

  const queue = [...pages];
  const tabs = [];
  for (let t = 0; t < Math.min(args.tabs, pages.length); t++) {
    const page = t === 0 && context.pages()[0] ? context.pages()[0] : await context.newPage();
    tabs.push((async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) await check(page, p);
    })());
  }
  await Promise.all(tabs);
  for (const l of links) {
    const known = ids.get(decodeURIComponent(l.path));
    if (known && !known.has(l.fragment)) report(l.from, `broken fragment link ${l.href} (no id "${l.fragment}")`);
  }
  await context.close();
  server.close();
  await fsp.rm(profile, { recursive: true, force: true });

  const summary = {
    site: args.site, pages: pages.length, sitePages, linksChecked, fragmentLinks: links.length, imagesChecked,
    externalBlocked: [...external.keys()].sort(), problems, knownToolDefects: known,
    seconds: (Date.now() - started) / 1000,
  };
  await fsp.writeFile(path.join(args.out, 'report.json'), JSON.stringify(summary, null, 2));
  console.log(`checked ${pages.length} pages, ${linksChecked} internal links (${links.length} with fragments), `
    + `${imagesChecked} images in ${summary.seconds.toFixed(1)} s; stylesheet and overflow on ${sitePages} site pages; `
    + `screenshots in ${path.join(args.out, 'screenshots')}`);
  if (external.size > 0) {
    console.log(`${external.size} request(s) to other hosts were blocked (not needed to render):`);
    for (const [u, from] of external) console.log(`  ${u}  (from ${from})`);
  }
  if (known.length > 0) {
    console.log(`${known.length} known defect(s) of the javadoc tool (not failures; see KNOWN_TOOL_DEFECTS):`);
    for (const k of known) console.log(`  ${k}`);
  }
  if (problems.length > 0) {
    console.log(`${problems.length} problem(s):`);
    for (const pr of problems) console.log(`  ${pr}`);
    process.exit(1);
  }
  console.log('no broken links, no missing images, every page rendered');
}

main().catch((e) => {
  console.error(`check-site: ${e.stack || e}`);
  process.exit(2);
});
