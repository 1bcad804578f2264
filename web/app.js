// Communique search page. No framework, no build step.
// All state lives in the URL query string under the API's own parameter names,
// so the page forwards location.search to api/search.
// Only `title_html` and `snippet` (escaped + <mark>ed by the server) carry
// markup, and only their text and <mark> survive (see marked()); every other
// string is set with textContent.

const $ = (id) => document.getElementById(id);
const FACETS = ['country', 'organisation', 'leader', 'dyad', 'dateline', 'source'];
const NAMES = { dyad: 'Country pair' };
const NAME = (f) => NAMES[f] || f[0].toUpperCase() + f.slice(1);
const KINDS = { country: 'Country', leader: 'Leader', organisation: 'Organisation', term: 'Word' };
const HIT_ENTITIES = [
  ['countries', 'country'],
  ['leaders', 'leader'],
  ['organisations', 'organisation'],
];
const labels = new Map(); // "facet:value" -> human label, remembered across responses
const narrow = matchMedia('(max-width: 700px)');
const nf = new Intl.NumberFormat('en');
const df = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const mf = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

let controller = null;

const el = (tag, props = {}, ...kids) => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') n.textContent = v;
    else if (k === 'class') n.className = v;
    else if (k === 'data') Object.assign(n.dataset, v);
    else if (k in n && typeof v !== 'string') n[k] = v;
    else n.setAttribute(k, v);
  }
  n.append(...kids.filter((k) => k != null));
  return n;
};

const params = () => new URLSearchParams(location.search);
// Ticked facet values are alternatives: `country_any=PK,RU` (the API also
// takes `country=PK&country=RU`, every one of them, e.g. from a shared link).
const anyKey = (f) => `${f}_any`;
const anyOf = (p, f) => (p.get(anyKey(f)) || '').split(',').filter(Boolean);
const selectedOf = (p, f) => [...new Set([...p.getAll(f), ...anyOf(p, f)])];
const regions = new Intl.DisplayNames(['en'], { type: 'region' });
function labelOf(facet, value) {
  const l = labels.get(`${facet}:${value}`);
  if (l) return l;
  if ((facet === 'country' || facet === 'dateline') && /^[A-Z]{2}$/i.test(value))
    try {
      return regions.of(value.toUpperCase());
    } catch {
      /* unknown code */
    }
  if (facet === 'dyad' && /^[A-Z]{2}[-–][A-Z]{2}$/i.test(value))
    return value
      .split(/[-–]/)
      .map((c) => labelOf('country', c))
      .join(' – ');
  if (facet === 'leader') return value.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
  return value;
}
// The query in quotation marks, unless it is one quoted phrase already
// ("“grain deal”" is not written "““grain deal””").
const quoted = (q) => (/^["“„«「].*["”“»」]$/u.test(q) ? q : `“${q}”`);
const plural = (n, w) => `${nf.format(n)} ${w}${n === 1 ? '' : 's'}`;
let approx = false; // the last answer's facet counts were estimated
const approxCount = (n) => `${approx && Number(n) ? '≈' : ''}${nf.format(Number(n) || 0)}`;

// Date-only ISO strings parse as UTC, hence timeZone: 'UTC' in the formatters.
const fmtDate = (s = '', f = df) => {
  const d = new Date(/^\d{4}-\d{2}$/.test(s) ? `${s}-01` : s);
  return Number.isNaN(d.getTime()) ? s : f.format(d);
};
const fmtMonth = (s) => fmtDate(s, mf);
function monthRange(ym) {
  const [y, m] = ym.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${ym}-01`, `${ym}-${String(last).padStart(2, '0')}`];
}
const safeUrl = (u) => {
  try {
    const url = new URL(u, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

// Server HTML (title_html, snippet) is escaped text plus <mark>. Re-parse it
// inertly and keep only text and <mark>, so even a broken server cannot
// inject markup or script into the page.
function marked(html) {
  const frag = document.createDocumentFragment();
  const doc = new DOMParser().parseFromString(`<body>${html || ''}`, 'text/html');
  const walk = (node, into) => {
    for (const c of node.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) into.append(c.data);
      else if (c.nodeType === Node.ELEMENT_NODE) walk(c, c.localName === 'mark' ? into.appendChild(el('mark')) : into);
    }
  };
  walk(doc.body, frag);
  return frag;
}

function navigate(p, { focusResults = false } = {}) {
  for (const [k, v] of [...p.entries()]) if (v === '') p.delete(k);
  if (p.get('page') === '1') p.delete('page');
  const qs = p.toString();
  const url = location.pathname + (qs ? `?${qs}` : '');
  if (url !== location.pathname + location.search) history.pushState(null, '', url);
  run({ focusResults });
}

function withChange(fn) {
  const p = params();
  fn(p);
  p.delete('page');
  navigate(p);
}

function toggleFilter(facet, value, on) {
  withChange((p) => {
    const all = p.getAll(facet).filter((v) => v !== value);
    p.delete(facet);
    for (const v of all) p.append(facet, v);
    const any = anyOf(p, facet).filter((v) => v !== value);
    if (on) any.push(value);
    if (any.length) p.set(anyKey(facet), any.join(','));
    else p.delete(anyKey(facet));
  });
}

function setDates(from, to) {
  withChange((p) => {
    p.set('from', from);
    p.set('to', to);
  });
}

async function getJSON(path, signal) {
  const res = await fetch(new URL(path, document.baseURI), { signal, headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok || !body || typeof body !== 'object' || body.error) {
    const msg = body?.error?.message || `The server answered ${res.status} ${res.statusText}`.trim();
    throw Object.assign(new Error(msg), { server: true, code: body?.error?.code || res.status });
  }
  return body;
}

async function run({ focusResults = false } = {}) {
  const p = params();
  syncForm(p);
  renderActive(p);
  const q = (p.get('q') || '').trim();
  $('results-heading').textContent = q ? `Results for ${quoted(q)}` : 'Latest articles';
  document.title = q ? `${q} — Communique` : 'Communique — diplomatic news search';

  controller?.abort();
  const ctrl = (controller = new AbortController());
  const results = document.querySelector('.results');
  results.setAttribute('aria-busy', 'true');
  results.classList.add('loading');
  $('status').textContent = 'Searching…';
  renderTools(p);

  let data;
  try {
    data = await getJSON(`api/search${location.search}`, ctrl.signal);
  } catch (err) {
    if (ctrl.signal.aborted || err.name === 'AbortError') return;
    showError(err);
    return;
  } finally {
    if (controller === ctrl) {
      results.removeAttribute('aria-busy');
      results.classList.remove('loading');
    }
  }
  if (controller !== ctrl) return;
  render(data, p, focusResults);
}

function showError(err) {
  const box = $('error');
  // A 400 is the query itself: trying it again cannot help, rewriting it
  // can. The server's message says what is wrong and how to write it.
  const query = err.server && err.code === 400;
  box.replaceChildren(
    el('strong', {
      text: query ? 'This search can’t be read' : err.server ? 'Search failed' : 'Can’t reach the search server',
    }),
    el('p', {
      text: query
        ? err.message
        : err.server
          ? `${err.message} (error ${err.code})`
          : 'Check that the Communique server is running and try again.',
    }),
    query
      ? el('button', {
          type: 'button',
          text: 'Edit the search',
          onclick: () => {
            $('q').focus();
            $('q').select();
          },
        })
      : el('button', { type: 'button', text: 'Try again', onclick: () => run() }),
  );
  box.hidden = false;
  $('status').textContent = query ? 'The search could not be read.' : 'Search failed.';
  $('hits').replaceChildren();
  $('empty').hidden = true;
  $('pager').hidden = true;
  // The counts beside the results belonged to the previous search, and
  // there is nothing to export or follow.
  document.querySelector('.facets').hidden = true;
  $('filters').hidden = true;
  $('tools').hidden = true;
}

function syncForm(p) {
  const q = p.get('q') || '';
  if (document.activeElement !== $('q') || $('q').value.trim() !== q.trim()) $('q').value = q;
  $('sort').value = ['date', 'relevance'].includes(p.get('sort')) ? p.get('sort') : q.trim() ? 'relevance' : 'date';
  const from = p.get('from') || '';
  const to = p.get('to') || '';
  // <input type=date> needs YYYY-MM-DD; the API also takes YYYY-MM and YYYY.
  const day = (v, end) =>
    /^\d{4}-\d{2}-\d{2}$/.test(v)
      ? v
      : /^\d{4}-\d{2}$/.test(v)
        ? monthRange(v)[end]
        : /^\d{4}$/.test(v)
          ? v + (end ? '-12-31' : '-01-01')
          : '';
  $('from').value = day(from, 0);
  $('to').value = day(to, 1);
  $('to').min = $('from').value;
  $('from').max = $('to').value;
  $('clear-dates').hidden = !from && !to;
}

function activeFilters(p) {
  const out = [];
  for (const f of [...FACETS, 'language']) for (const v of selectedOf(p, f)) out.push([f, v]);
  return out;
}

function renderActive(p) {
  const box = $('active');
  const list = activeFilters(p);
  const from = p.get('from');
  const to = p.get('to');
  const n = list.length + (from || to ? 1 : 0);
  $('filter-count').textContent = n ? `(${n} active)` : '';
  box.hidden = !n;
  if (!n) return box.replaceChildren();
  const x = (key, name, txt, onclick) =>
    el(
      'button',
      {
        type: 'button',
        class: 'chip chip-x',
        data: { key },
        'aria-label': `Remove filter ${name}: ${txt}`,
        onclick,
      },
      el('span', { class: 'k', text: `${name}: ` }),
      txt,
      el('span', { 'aria-hidden': 'true', text: ' ×' }),
    );
  const btns = list.map(([f, v]) => x(`x:${f}:${v}`, NAME(f), labelOf(f, v), () => toggleFilter(f, v, false)));
  if (from || to)
    btns.push(
      x('x:dates', 'Dates', `${from ? fmtDate(from) : '…'} – ${to ? fmtDate(to) : '…'}`, () => setDates('', '')),
    );
  const clear = el('button', {
    type: 'button',
    class: 'link',
    text: 'Clear all filters',
    onclick: () => {
      const np = new URLSearchParams();
      for (const k of ['q', 'sort']) if (p.get(k)) np.set(k, p.get(k));
      navigate(np);
    },
  });
  box.replaceChildren(el('span', { class: 'active-label', text: 'Filters:' }), ...btns, clear);
}

function remember(data) {
  for (const f of FACETS)
    for (const it of data.facets?.[f] || []) if (it.label) labels.set(`${f}:${it.value}`, it.label);
  for (const h of data.hits || []) {
    for (const [key, f] of HIT_ENTITIES)
      for (const e of h[key] || []) if (e.label) labels.set(`${f}:${e.value}`, e.label);
  }
}

function render(data, p, focusResults) {
  const focusKey = document.activeElement?.dataset?.key;
  remember(data);
  document.querySelector('.facets').hidden = false;
  $('filters').hidden = false;
  $('tools').hidden = false;
  renderActive(p); // labels may be known now
  $('error').hidden = true;

  const total = Number(data.total) || 0;
  const size = Number(data.size) || Number(p.get('size')) || 10;
  const page = Number(data.page) || Number(p.get('page')) || 1;
  const pages = Math.max(1, Math.ceil(total / size));
  const hits = Array.isArray(data.hits) ? data.hits : [];
  const q = (p.get('q') || '').trim();
  const took =
    typeof data.took_ms === 'number'
      ? ` (${data.took_ms < 10 ? data.took_ms.toFixed(1) : Math.round(data.took_ms)} ms)`
      : '';

  // Past the server's --exact-counts, totals and facet counts are estimates
  // from a sample of the archive: they read "about" and "≈".
  approx = data.facets_exact === false;
  const about = data.total_exact === false ? 'About ' : '';
  let status;
  if (!total) status = 'No articles found.';
  else if (q) status = `${about}${plural(total, 'article')} match${total === 1 ? 'es' : ''}${took}.`;
  else
    status = `${about}${plural(total, 'article')}, ${data.sort === 'relevance' ? 'by relevance' : 'newest first'}${took}.`;
  if (approx) status += ' Filter counts are estimates from a sample.';
  if (total > size) status += ` Page ${nf.format(page)} of ${nf.format(pages)}.`;
  // A sharded archive with a shard down answers from the rest: say so.
  if (data.partial)
    status += ` Part of the archive did not answer (${plural((data.missing_shards || []).length || 1, 'shard')}): results may be incomplete.`;
  $('status').textContent = status;

  const sel = new Set(activeFilters(p).map(([f, v]) => `${f}:${v}`));
  $('hits').replaceChildren(...hits.map((h) => renderHit(h, sel)));
  renderEmpty(total, hits.length, page, pages, q, p, data);

  for (const f of FACETS) {
    const selected = selectedOf(p, f);
    // Facets this server does not compute (yet) stay hidden.
    $(`f-${f}`).closest('section').hidden = !data.facets?.[f]?.length && !selected.length;
    renderFacet(f, data.facets?.[f] || [], selected);
  }
  renderHist(data.facets?.date || [], p);

  const pager = $('pager');
  pager.hidden = (total <= size && page <= 1) || page > pages;
  $('prev').disabled = page <= 1;
  $('next').disabled = page >= pages;
  $('pageinfo').textContent = `Page ${nf.format(page)} of ${nf.format(pages)}`;

  if (focusKey && (!document.activeElement || document.activeElement === document.body)) {
    document.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }
  if (!performance.getEntriesByName('communique:first-results').length) performance.mark('communique:first-results');
  if (focusResults) {
    $('results-heading').focus({ preventScroll: true });
    $('results-heading').scrollIntoView({ block: 'start' });
  }
}

// "Did you mean" with the articles the respelled search finds, and, when
// an exact phrase found nothing, the same words without quotes.
function alternatives(q, data) {
  const out = [];
  const s = data.suggestion;
  if (s && s !== q) {
    const n = Number(data.suggestion_total);
    out.push(
      el(
        'p',
        { class: 'did-you-mean' },
        'Did you mean ',
        el('button', {
          type: 'button',
          class: 'link',
          id: 'did-you-mean',
          text: s,
          onclick: () => {
            $('q').value = s;
            withChange((np) => np.set('q', s));
          },
        }),
        Number.isFinite(n) ? ` (${plural(n, 'article')})?` : '?',
      ),
    );
  }
  const u = data.unquoted;
  if (u && typeof u.q === 'string' && u.q !== q) {
    out.push(
      el(
        'p',
        { class: 'unquoted' },
        'No article has those words as an exact phrase. Without quotes: ',
        el('button', {
          type: 'button',
          class: 'link',
          id: 'unquoted',
          text: u.q,
          onclick: () => {
            $('q').value = u.q;
            withChange((np) => np.set('q', u.q));
          },
        }),
        ` (${plural(Number(u.total) || 0, 'article')}).`,
      ),
    );
  }
  return out;
}

function renderEmpty(total, shown, page, pages, q, p, data) {
  const box = $('empty');
  const offers = alternatives(q, data);
  if (shown) {
    // Results, and a respelling that may find more.
    box.hidden = !offers.length;
    return box.replaceChildren(...offers);
  }
  box.hidden = false;
  if (total && page > pages) {
    const go = el('button', {
      type: 'button',
      text: `Go to page ${pages}`,
      onclick: () => {
        const np = params();
        np.set('page', String(pages));
        navigate(np, { focusResults: true });
      },
    });
    return box.replaceChildren(el('p', { text: `Page ${page} is past the last page of results.` }), go);
  }
  const filters = activeFilters(p).length + (p.get('from') || p.get('to') ? 1 : 0);
  const what = q
    ? `No articles match ${quoted(q)}`
    : filters
      ? 'No articles match these filters'
      : 'No articles have been indexed yet';
  const hint = filters ? ' — try removing a filter' : q ? ' — try fewer or different words' : '.';
  const kids = [el('p', { class: 'empty-title', text: what + hint }), ...offers];
  if (q)
    kids.push(
      el('p', { text: 'To widen the search: drop a word, use OR between alternatives, or remove quotes and filters.' }),
    );
  if (filters) kids.push(el('p', { text: 'Active filters are listed above; click one to remove it.' }));
  box.replaceChildren(...kids);
}

function chip(facet, e, sel) {
  const on = sel.has(`${facet}:${e.value}`);
  return el(
    'li',
    {},
    el(
      'button',
      {
        type: 'button',
        class: `chip chip-${facet}`,
        'aria-pressed': String(on),
        title: `${on ? 'Remove filter' : 'Filter by'} ${NAME(facet)}: ${e.label || e.value}`,
        onclick: () => toggleFilter(facet, e.value, !on),
      },
      facet === 'country' ? el('abbr', { class: 'cc', title: e.label || e.value, text: e.value }) : null,
      e.label || e.value,
    ),
  );
}

function renderHit(h, sel) {
  const url = h.url ? safeUrl(h.url) : null;
  const title = el(url ? 'a' : 'span', url ? { href: url, target: '_blank', rel: 'noopener noreferrer' } : {});
  title.append(h.title_html ? marked(h.title_html) : h.title || h.id || 'Untitled');
  if (url) title.append(el('span', { class: 'sr', text: ' (opens in a new tab)' }));

  const meta = el('p', { class: 'meta' });
  if (h.date) meta.append(el('time', { datetime: h.date, text: fmtDate(h.date) }));
  if (h.date && h.source) meta.append(el('span', { 'aria-hidden': 'true', text: ' · ' }));
  if (h.source) meta.append(el('span', { class: 'src', text: h.source }));

  const snip = el('p', { class: 'snippet' }, marked(h.snippet));

  const chips = el('ul', { class: 'chips', 'aria-label': 'Entities (click to filter)' });
  for (const [key, f] of HIT_ENTITIES) for (const e of h[key] || []) chips.append(chip(f, e, sel));

  const more = el(
    'details',
    { class: 'more' },
    el('summary', { text: 'Full text' }),
    el('div', { class: 'body', text: 'Loading…' }),
  );
  more.addEventListener('toggle', () => {
    if (more.open && !more.dataset.loaded) loadDoc(h.id, more);
  });

  return el(
    'li',
    { class: 'hit' },
    el(
      'article',
      {},
      el('h3', {}, title),
      meta,
      snip.textContent ? snip : null,
      chips.children.length ? chips : null,
      h.id ? more : null,
    ),
  );
}

async function loadDoc(id, details) {
  const body = details.querySelector('.body');
  details.dataset.loaded = '1';
  try {
    const d = await getJSON(`api/doc/${encodeURIComponent(id)}`);
    const kids = [];
    if (d.dateline) kids.push(el('p', { class: 'dateline', text: d.dateline }));
    for (const para of String(d.body || '').split(/\n\s*\n/))
      if (para.trim()) kids.push(el('p', { text: para.trim() }));
    if (!kids.length) kids.push(el('p', { text: 'No text stored for this article.' }));
    body.replaceChildren(...kids);
  } catch (err) {
    delete details.dataset.loaded;
    body.replaceChildren(el('p', { class: 'err', text: `Could not load the article: ${err.message}` }));
  }
}

function renderFacet(facet, items, selected) {
  // Ticked values stay visible even when they no longer have matches.
  const seen = new Set(items.map((it) => it.value));
  const list = [
    ...selected.filter((v) => !seen.has(v)).map((v) => ({ value: v, label: labelOf(facet, v), count: 0 })),
    ...items,
  ];
  const ul = $(`f-${facet}`);
  if (!list.length) return ul.replaceChildren(el('li', { class: 'none', text: 'None in these results' }));
  ul.replaceChildren(
    ...list.map((it) => {
      const id = `cb-${facet}-${it.value}`.replace(/[^\w-]/g, '_');
      const on = selected.includes(it.value);
      const cb = el('input', { type: 'checkbox', id, checked: on, data: { key: `f:${facet}:${it.value}` } });
      cb.addEventListener('change', () => toggleFilter(facet, it.value, cb.checked));
      return el(
        'li',
        { class: on ? 'on' : '' },
        cb,
        el(
          'label',
          { for: id },
          el('span', { class: 'name', text: it.label || it.value }),
          el('span', { class: 'count', text: approxCount(it.count) }),
        ),
      );
    }),
  );
}

function renderHist(items, p) {
  const hist = $('hist');
  const valid = items.filter((it) => /^\d{4}-\d{2}$/.test(it.value));
  hist.hidden = !valid.length;
  if (!valid.length) return $('hist-range').replaceChildren(el('span', { class: 'none', text: 'No dated articles' }));
  // Fill gaps between the first and last month so the time axis is honest.
  const counts = new Map(valid.map((it) => [it.value, Number(it.count) || 0]));
  const months = [];
  let [y, m] = valid[0].value.split('-').map(Number);
  const last = valid[valid.length - 1].value;
  for (let i = 0; i < 1200; i++) {
    const ym = `${y}-${String(m).padStart(2, '0')}`;
    months.push(ym);
    if (ym >= last) break;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  const max = Math.max(1, ...counts.values());
  hist.classList.toggle('dense', months.length > 36);
  const from = $('from').value;
  const to = $('to').value;
  hist.replaceChildren(
    ...months.map((ym) => {
      const c = counts.get(ym) || 0;
      const [a, b] = monthRange(ym);
      const inRange = (from || to) && (!from || b >= from) && (!to || a <= to);
      const exact = from === a && to === b;
      const label = `${fmtMonth(ym)}: ${approx ? 'about ' : ''}${plural(c, 'article')}`;
      const bar = el('span', { class: 'bar' });
      // CSSOM, not a style attribute: the server's CSP forbids inline styles.
      bar.style.setProperty('--h', `${c ? Math.max(4, (c / max) * 100) : 0}%`);
      if (!c) return el('span', { class: 'col empty', title: label }, bar);
      return el(
        'button',
        {
          type: 'button',
          class: `col${inRange ? ' on' : ''}`,
          title: exact ? `${label} (click again to clear)` : label,
          'aria-pressed': String(exact),
          data: { key: `m:${ym}` },
          onclick: () => (exact ? setDates('', '') : setDates(a, b)),
        },
        bar,
      );
    }),
  );
  $('hist-range').replaceChildren(el('span', { text: fmtMonth(months[0]) }));
  if (months.length > 1) $('hist-range').append(el('span', { text: fmtMonth(months[months.length - 1]) }));
}

// ---- export and feed links ----------------------------------------------

function renderTools(p) {
  const q = new URLSearchParams(p);
  q.delete('page');
  const csv = `api/search.csv${q.toString() ? `?${q}` : ''}`;
  q.set('sort', 'date');
  const atom = `api/search.atom?${q}`;
  $('export-csv').href = csv;
  $('export-atom').href = atom;
  $('feed-link').href = atom;
}

// ---- suggestions as you type (GET api/suggest) ---------------------------

const sug = { items: [], active: -1, ctrl: null, timer: 0, off: false, word: '' };

function lastWord(v) {
  const m = /(?:^|\s)([^\s"():-][^\s"():]*)$/.exec(v);
  return m ? m[1] : '';
}

function closeSuggest() {
  sug.ctrl?.abort();
  clearTimeout(sug.timer);
  sug.items = [];
  sug.active = -1;
  $('suggest').hidden = true;
  $('suggest').replaceChildren();
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
}

function showSuggest(items) {
  sug.items = items;
  sug.active = -1;
  $('q').removeAttribute('aria-activedescendant');
  if (!items.length) return closeSuggest();
  $('suggest').replaceChildren(
    ...items.map((s, i) => {
      const li = el(
        'li',
        { id: `sug-${i}`, role: 'option', 'aria-selected': 'false', class: `kind-${s.kind}` },
        el('span', { class: 'kind', text: KINDS[s.kind] || s.kind || '' }),
        el('span', { class: 'text', text: s.text || s.value }),
        s.count != null ? el('span', { class: 'count', text: nf.format(Number(s.count) || 0) }) : null,
      );
      li.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep focus in the box
      li.addEventListener('click', () => chooseSuggestion(i));
      return li;
    }),
  );
  $('suggest').hidden = false;
  $('q').setAttribute('aria-expanded', 'true');
}

function moveSuggest(d) {
  const n = sug.items.length;
  if (!n) return;
  sug.active = ((((sug.active + 1 + d) % (n + 1)) + n + 1) % (n + 1)) - 1; // -1 = back in the box
  [...$('suggest').children].forEach((li, i) => li.setAttribute('aria-selected', String(i === sug.active)));
  if (sug.active >= 0) {
    $('q').setAttribute('aria-activedescendant', `sug-${sug.active}`);
    $(`sug-${sug.active}`).scrollIntoView({ block: 'nearest' });
  } else $('q').removeAttribute('aria-activedescendant');
}

function chooseSuggestion(i) {
  const s = sug.items[i];
  if (!s) return;
  const v = $('q').value;
  const rest = v.slice(0, v.length - sug.word.length).trimEnd();
  closeSuggest();
  if (s.kind === 'term' || !FACETS.includes(s.kind)) {
    $('q').value = `${rest ? `${rest} ` : ''}${s.value || s.text}`;
    $('search').requestSubmit();
    return;
  }
  // An entity becomes a filter; the half-typed word goes.
  $('q').value = rest;
  labels.set(`${s.kind}:${s.value}`, s.text);
  withChange((p) => {
    p.set('q', rest);
    if (!p.getAll(s.kind).includes(s.value)) p.append(s.kind, s.value);
  });
}

async function fetchSuggest() {
  const word = lastWord($('q').value);
  sug.word = word;
  if (sug.off || word.length < 2) return closeSuggest();
  sug.ctrl?.abort();
  const ctrl = (sug.ctrl = new AbortController());
  try {
    const res = await fetch(new URL(`api/suggest?q=${encodeURIComponent(word)}&size=8`, document.baseURI), {
      signal: ctrl.signal,
      headers: { Accept: 'application/json' },
    });
    if (res.status === 404 || res.status === 501) {
      sug.off = true;
      return closeSuggest();
    } // an older server
    const body = res.ok ? await res.json() : null;
    if (ctrl !== sug.ctrl || document.activeElement !== $('q')) return;
    showSuggest(Array.isArray(body?.suggestions) ? body.suggestions.slice(0, 8) : []);
  } catch {
    /* aborted or offline: no suggestions, the search itself reports errors */
  }
}

function initSuggest() {
  const q = $('q');
  q.addEventListener('input', () => {
    clearTimeout(sug.timer);
    sug.timer = setTimeout(fetchSuggest, 120);
  });
  q.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!sug.items.length) return;
      ev.preventDefault();
      moveSuggest(ev.key === 'ArrowDown' ? 1 : -1);
    } else if (ev.key === 'Enter' && sug.active >= 0) {
      ev.preventDefault();
      chooseSuggestion(sug.active);
    } else if (ev.key === 'Escape' && sug.items.length) {
      ev.preventDefault();
      closeSuggest();
    }
  });
  q.addEventListener('blur', () => setTimeout(closeSuggest, 100));
  $('search').addEventListener('submit', closeSuggest);
}

function init() {
  $('search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = params();
    p.set('q', $('q').value.trim());
    p.set('from', $('from').value);
    p.set('to', $('to').value);
    p.delete('page');
    navigate(p);
  });
  $('sort').addEventListener('change', () => withChange((p) => p.set('sort', $('sort').value)));
  for (const id of ['from', 'to']) {
    $(id).addEventListener('change', () => {
      const v = $(id).value;
      // Chrome fires change while a year is being typed (0002, 0020…); wait for a plausible one.
      if (v && !/^[1-9]\d{3}-\d{2}-\d{2}$/.test(v)) return;
      withChange((p) => p.set(id, v));
    });
  }
  $('clear-dates').addEventListener('click', () => setDates('', ''));
  const go = (d) => {
    const p = params();
    p.set('page', String(Math.max(1, (Number(p.get('page')) || 1) + d)));
    navigate(p, { focusResults: true });
  };
  $('prev').onclick = () => go(-1);
  $('next').onclick = () => go(1);
  $('home').addEventListener('click', (ev) => {
    if (ev.button || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    $('q').value = '';
    navigate(new URLSearchParams());
  });
  window.addEventListener('popstate', () => run());
  for (const b of document.querySelectorAll('#help .example')) {
    b.addEventListener('click', () => {
      $('q').value = b.dataset.q;
      withChange((p) => p.set('q', b.dataset.q));
    });
  }
  initSuggest();

  const layout = () => {
    $('filters').open = !narrow.matches;
  };
  narrow.addEventListener('change', layout);
  layout();
  run();
}

init();
