// Communique search page. No framework, no build step.
// All state lives in the URL query string under the API's own parameter names,
// so the page forwards location.search to api/search.
// Only `title_html`, `snippet` and `quote.text_html` (escaped + <mark>ed by the server) carry
// markup, and only their text and <mark> survive (see marked() in dom.js);
// every other string is set with textContent.
import { el, marked, safeUrl, queryWords, appendHighlighted, langAttrs, setLangAttrs } from './dom.js';
import {
  formatDate as fmtDate,
  formatMonth as fmtMonth,
  formatYear as fmtYear,
  formatNumber,
  plural,
  isoDay,
  monthRange,
} from './format.js';
import { relatedList, bodyParagraphs, byline, untitled } from './article.js';

const $ = (id) => document.getElementById(id);
const FACETS = [
  'event',
  'country',
  'organisation',
  'leader',
  'speaker',
  'subject',
  'dyad',
  'dateline',
  'source',
  'language',
];
const NAMES = { dyad: 'Country pair', event: 'Event' };
const NAME = (f) => NAMES[f] || f[0].toUpperCase() + f.slice(1);
const KINDS = { country: 'Country', leader: 'Leader', organisation: 'Organisation', term: 'Word' };
const HIT_ENTITIES = [
  ['countries', 'country'],
  ['leaders', 'leader'],
  ['organisations', 'organisation'],
  ['subjects', 'subject'],
];
const labels = new Map(); // "facet:value" -> human label, remembered across responses
const narrow = matchMedia('(max-width: 700px)');
const nf = { format: (n) => formatNumber(n) };

let controller = null;

const params = () => new URLSearchParams(location.search);
// Ticked facet values are alternatives: `country_any=PK,RU` (the API also
// takes `country=PK&country=RU`, every one of them, e.g. from a shared link).
const anyKey = (f) => `${f}_any`;
const anyOf = (p, f) => (p.get(anyKey(f)) || '').split(',').filter(Boolean);
const selectedOf = (p, f) => [...new Set([...p.getAll(f), ...anyOf(p, f)])];
// Excluded values: `country_not=RU,UA` (articles about none of them).
const notKey = (f) => `${f}_not`;
const notOf = (p, f) => (p.get(notKey(f)) || '').split(',').filter(Boolean);
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
// The query in quotes, isolated (FSI…PDI) so an Arabic or Hebrew query
// with a number keeps its own order inside an English sentence.
const quoted = (q) => (/^["“„«「].*["”“»」]$/u.test(q) ? `\u2068${q}\u2069` : `“\u2068${q}\u2069”`);
let approx = false; // the last answer's facet counts were estimated
const approxCount = (n) => `${approx && Number(n) ? '≈' : ''}${nf.format(Number(n) || 0)}`;

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
  navigate(p, fromPanel());
}

// On a phone the Filters panel sits above the results: after a change made
// in it, fold it away and take the reader to the results it produced.
function fromPanel() {
  if (!narrow.matches || !$('filters').open) return {};
  $('filters').open = false;
  return { focusResults: true };
}

// A value is ticked (on: any of the ticked ones), excluded (not), or
// neither; setting one state clears the others.
function toggleFilter(facet, value, on, not = false) {
  withChange((p) => {
    const all = p.getAll(facet).filter((v) => v !== value);
    p.delete(facet);
    for (const v of all) p.append(facet, v);
    const any = anyOf(p, facet).filter((v) => v !== value);
    if (on && !not) any.push(value);
    if (any.length) p.set(anyKey(facet), any.join(','));
    else p.delete(anyKey(facet));
    const nots = notOf(p, facet).filter((v) => v !== value);
    if (on && not) nots.push(value);
    if (nots.length) p.set(notKey(facet), nots.join(','));
    else p.delete(notKey(facet));
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
  $('sort').value = ['date', 'relevance', 'recent'].includes(p.get('sort'))
    ? p.get('sort')
    : q.trim()
      ? 'relevance'
      : 'date';
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
  for (const b of document.querySelectorAll('#presets button')) {
    const [a, z] = presetRange(Number(b.dataset.days));
    b.setAttribute('aria-pressed', String(from === a && to === z));
  }
}

// A preset's [from, to]: `days` back from the reader's today, or (0) from
// 1 January of this year.
function presetRange(days) {
  const now = new Date();
  const today = isoDay(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
  return [days ? isoDay(new Date(Date.parse(today) - days * 864e5)) : `${today.slice(0, 4)}-01-01`, today];
}

function activeFilters(p) {
  const out = [];
  for (const f of FACETS) for (const v of selectedOf(p, f)) out.push([f, v]);
  return out;
}
function excludedFilters(p) {
  const out = [];
  for (const f of FACETS) for (const v of notOf(p, f)) out.push([f, v]);
  return out;
}

function renderActive(p) {
  const box = $('active');
  const list = activeFilters(p);
  const nots = excludedFilters(p);
  const from = p.get('from');
  const to = p.get('to');
  const n = list.length + nots.length + (from || to ? 1 : 0);
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
  for (const [f, v] of nots)
    btns.push(
      x(`x:not:${f}:${v}`, `Not ${NAME(f).toLowerCase()}`, labelOf(f, v), () => toggleFilter(f, v, false, true)),
    );
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

// A shared or hand-written link may spell a value in another case
// (`country=pk`, `organisation=sco`): the server matches it all the same,
// so the page takes the facet's own spelling, lest the list show Pakistan
// twice (once ticked with no count) and the chip read "sco". Rewrites `p`;
// true when a value changed.
function canonicalFilters(p, facets) {
  let changed = false;
  for (const f of FACETS) {
    const canon = new Map((facets?.[f] || []).map((it) => [String(it.value).toLowerCase(), String(it.value)]));
    const fix = (v) => {
      const c = canon.get(v.toLowerCase());
      if (c === undefined || c === v) return v;
      changed = true;
      return c;
    };
    const all = p.getAll(f);
    if (all.length) {
      p.delete(f);
      for (const v of all) p.append(f, fix(v));
    }
    const any = anyOf(p, f);
    if (any.length) p.set(anyKey(f), any.map(fix).join(','));
    const nots = notOf(p, f);
    if (nots.length) p.set(notKey(f), nots.map(fix).join(','));
  }
  return changed;
}

function render(data, p, focusResults) {
  if (canonicalFilters(p, data.facets)) history.replaceState(null, '', `${location.pathname}?${p.toString()}`);
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
    status = `${about}${plural(total, 'article')}, ${data.sort === 'relevance' ? 'by relevance' : data.sort === 'recent' ? 'relevant and recent first' : 'newest first'}${took}.`;
  if (approx) status += ' Filter counts are estimates from a sample.';
  if (total > size) status += ` Page ${nf.format(page)} of ${nf.format(pages)}.`;
  // A sharded archive with a shard down answers from the rest: say so.
  if (data.partial)
    status += ` Part of the archive did not answer (${plural((data.missing_shards || []).length || 1, 'shard')}): results may be incomplete.`;
  $('status').textContent = status;
  renderExportCounts(total);

  const sel = new Set(activeFilters(p).map(([f, v]) => `${f}:${v}`));
  $('hits').replaceChildren(...hits.map((h) => renderHit(h, sel)));
  // Above the hits, beside the count: why an article without the words is there.
  const widened = expansions(data);
  $('expanded').hidden = !widened.length;
  $('expanded').replaceChildren(...widened);
  renderEmpty(total, hits.length, page, pages, q, p, data);

  for (const f of FACETS) {
    const selected = selectedOf(p, f);
    const excluded = notOf(p, f);
    // Facets this server does not compute (yet) stay hidden.
    $(`f-${f}`).closest('section').hidden = !data.facets?.[f]?.length && !selected.length && !excluded.length;
    renderFacet(f, data.facets?.[f] || [], selected, excluded);
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

// A query the server offers instead of q, one click away.
function offerLink(id, text) {
  return el('button', {
    type: 'button',
    class: 'link',
    id,
    text,
    onclick: () => {
      $('q').value = text;
      withChange((np) => np.set('q', text));
    },
  });
}

// The role phrases of q the server widened to their holders ("UN
// secretary-general" also finds the articles naming António Guterres, dated
// in his term), so the reader knows why an article without the words is
// there. Every string is the server's, set as text.
function expansions(data) {
  const list = Array.isArray(data.expansions) ? data.expansions : [];
  const years = (h) => {
    const from = typeof h.from === 'string' ? h.from.slice(0, 4) : '';
    const to = typeof h.to === 'string' ? h.to.slice(0, 4) : '';
    return from ? ` (${from}–${to})` : '';
  };
  return list
    .filter((x) => x && typeof x.phrase === 'string' && Array.isArray(x.holders) && x.holders.length)
    .map((x) => {
      const shown = x.holders.filter((h) => h && typeof h.label === 'string').slice(0, 6);
      const more = x.holders.length - shown.length;
      return el(
        'p',
        { class: 'expansion' },
        el('strong', { text: x.phrase }),
        ' also finds articles naming the holder of the day: ',
        ...shown.flatMap((h, i) => [i ? ', ' : '', el('span', { class: 'holder', text: h.label + years(h) })]),
        more > 0 ? ` and ${plural(more, 'other')}.` : '.',
      );
    });
}

// "Did you mean" with the articles the respelled search finds; when an
// exact phrase found nothing, the same words without quotes; when all the
// words together found nothing, the query without the words that kept it
// from finding anything (the server chooses them).
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
        offerLink('did-you-mean', s),
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
        // Words written as one run (日米首脳会談, "Xi-Putin") are a phrase the
        // reader never quoted: say so in their terms.
        q.includes('"')
          ? 'No article has those words as an exact phrase. Without quotes: '
          : 'No article has those words written together. As separate words: ',
        offerLink('unquoted', u.q),
        ` (${plural(Number(u.total) || 0, 'article')}).`,
      ),
    );
  }
  const r = data.relaxed;
  const dropped = Array.isArray(r?.dropped) ? r.dropped.filter((w) => typeof w === 'string') : [];
  if (r && typeof r.q === 'string' && r.q !== q && dropped.length) {
    out.push(
      el(
        'p',
        { class: 'relaxed' },
        'No article has all of these words. Leaving out ',
        ...dropped.flatMap((w, i) => [i ? ', ' : '', el('strong', { text: w })]),
        ': ',
        offerLink('relaxed', r.q),
        ` (${plural(Number(r.total) || 0, 'article')}).`,
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
  const filters = activeFilters(p).length + excludedFilters(p).length + (p.get('from') || p.get('to') ? 1 : 0);
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

// The article page (doc.html via GET doc/{id}), with the search's words
// to highlight.
function docHref(id, q = (params().get('q') || '').trim()) {
  return `doc/${encodeURIComponent(id)}${q ? `?q=${encodeURIComponent(q)}` : ''}`;
}

function renderHit(h, sel) {
  const url = h.url ? safeUrl(h.url) : null;
  // Without a URL of its own, the headline opens the article page.
  const title = el('a', url ? { href: url, target: '_blank', rel: 'noopener noreferrer' } : { href: docHref(h.id) });
  title.append(h.title_html ? marked(h.title_html) : h.title || h.id || 'Untitled');
  // No headline: the title is the article's opening words, cut; say so.
  if (h.title_derived) title.append(el('span', { class: 'untitled', text: ' (no headline: opening words)' }));
  if (url) title.append(el('span', { class: 'sr', text: ' (opens in a new tab)' }));
  const h3 = el('h3', langAttrs(h.language), title);

  const meta = el('p', { class: 'meta' });
  const sep = () => el('span', { 'aria-hidden': 'true', text: ' · ' });
  if (h.date) meta.append(el('time', { datetime: h.date, text: fmtDate(h.date) }));
  if (h.source) meta.append(...(meta.childNodes.length ? [sep()] : []), el('span', { class: 'src', text: h.source }));
  const by = byline(h.authors);
  if (by) meta.append(...(meta.childNodes.length ? [sep()] : []), el('span', { class: 'byline', text: by }));
  if (h.id)
    meta.append(
      ...(meta.childNodes.length ? [sep()] : []),
      el('a', { class: 'permalink', href: docHref(h.id), text: 'Article page' }),
    );
  // The article's language, named in itself and marked up as such.
  if (h.language_name)
    meta.append(
      ...(meta.childNodes.length ? [sep()] : []),
      el('span', { class: 'lang', lang: h.language, text: h.language_name }),
    );

  const snip = el('p', { class: 'snippet', ...langAttrs(h.language) }, marked(h.snippet));
  // The event type (primary first) as chips; the matching quote with its speaker.
  const quote =
    h.quote && h.quote.text_html
      ? el(
          'blockquote',
          { class: 'quote' },
          el('p', langAttrs(h.language), marked(h.quote.text_html)),
          h.quote.speaker ? el('footer', { text: `— ${h.quote.speaker}` }) : null,
        )
      : null;

  const chips = el('ul', { class: 'chips', 'aria-label': 'Entities (click to filter)' });
  for (const t of h.events || []) chips.append(chip('event', { value: t, label: t }, sel));
  for (const [key, f] of HIT_ENTITIES) for (const e of h[key] || []) chips.append(chip(f, e, sel));

  const lazy = (cls, summary, load) => {
    const d = el(
      'details',
      { class: cls },
      el('summary', { text: summary }),
      el('div', { class: 'body', text: 'Loading…' }),
    );
    d.addEventListener('toggle', () => {
      if (d.open && !d.dataset.loaded) load(d);
    });
    return d;
  };
  const extras = el('div', { class: 'extras' });
  if (h.id) {
    extras.append(lazy('more', 'Full text', (d) => loadDoc(h.id, d)));
    const n = Number(h.duplicates) || 0;
    // Folded copies: the near-duplicates of this article, listed on demand.
    if (n > 0)
      extras.append(
        lazy('dups', `+${nf.format(n)} similar ${n === 1 ? 'story' : 'stories'}`, (d) =>
          loadRelated(h.id, d, n, false),
        ),
      );
    extras.append(lazy('similar', 'More like this', (d) => loadRelated(h.id, d, 5, true)));
  }

  return el(
    'li',
    { class: 'hit' },
    el(
      'article',
      {},
      h3,
      meta,
      snip.textContent ? snip : null,
      quote,
      chips.children.length ? chips : null,
      extras.children.length ? extras : null,
    ),
  );
}

// Loads into a <details> either the folded copies of `id` (collapse off: the
// copies come first, being most like it) or more like it (collapse on).
async function loadRelated(id, details, size, collapse) {
  const body = details.querySelector('.body');
  details.dataset.loaded = '1';
  try {
    const d = await getJSON(`api/similar/${encodeURIComponent(id)}?size=${size}&collapse=${collapse}&facets=false`);
    body.replaceChildren(
      relatedList(d.hits, { docHref: (x) => docHref(x), label: collapse ? 'More like this' : 'Similar stories' }),
    );
  } catch (err) {
    delete details.dataset.loaded;
    body.replaceChildren(el('p', { class: 'err', text: `Could not load them: ${err.message}` }));
  }
}

async function loadDoc(id, details) {
  const body = details.querySelector('.body');
  details.dataset.loaded = '1';
  try {
    const d = await getJSON(`api/doc/${encodeURIComponent(id)}`);
    const [head, paras] = bodyParagraphs(d.body, d.dateline, queryWords(params().get('q')));
    setLangAttrs(body, d.language);
    const kids = [];
    if (head) kids.push(el('p', { class: 'dateline', text: head }));
    kids.push(...paras);
    if (!paras.length) kids.push(el('p', { text: 'No text stored for this article.' }));
    body.replaceChildren(...kids);
  } catch (err) {
    delete details.dataset.loaded;
    body.replaceChildren(el('p', { class: 'err', text: `Could not load the article: ${err.message}` }));
  }
}

function renderFacet(facet, items, selected, excluded = []) {
  // Ticked and excluded values stay visible even when they have no matches.
  const seen = new Set(items.map((it) => it.value));
  const kept = [...new Set([...selected, ...excluded])].filter((v) => !seen.has(v));
  const list = [...kept.map((v) => ({ value: v, label: labelOf(facet, v), count: 0 })), ...items];
  const ul = $(`f-${facet}`);
  if (!list.length) return ul.replaceChildren(el('li', { class: 'none', text: 'None in these results' }));
  ul.replaceChildren(
    ...list.map((it) => {
      const id = `cb-${facet}-${it.value}`.replace(/[^\w-]/g, '_');
      const on = selected.includes(it.value);
      const off = excluded.includes(it.value);
      const name = it.label || labelOf(facet, it.value);
      const cb = el('input', { type: 'checkbox', id, checked: on, data: { key: `f:${facet}:${it.value}` } });
      cb.addEventListener('change', () => toggleFilter(facet, it.value, cb.checked));
      // "not": articles without this value.
      const not = el('button', {
        type: 'button',
        class: 'not',
        text: 'not',
        'aria-pressed': String(off),
        data: { key: `n:${facet}:${it.value}` },
        'aria-label': off ? `Stop excluding ${name}` : `Exclude ${name}`,
        title: off ? `Stop excluding ${name}` : `Exclude ${name}`,
        onclick: () => toggleFilter(facet, it.value, !off, true),
      });
      return el(
        'li',
        { class: on ? 'on' : off ? 'off' : '' },
        cb,
        el(
          'label',
          { for: id },
          el('span', { class: 'name', text: name }),
          el('span', { class: 'count', text: approxCount(it.count) }),
        ),
        not,
      );
    }),
  );
}

// Buckets of the histogram: months while each bar can be a 24 px target in
// the width there is, else quarters, else years, else spans of years. With
// a date range set, only its months are shown (picking a year, then a
// quarter, drills down to months). Each bucket is
// [label for the axis, spoken label, first day, last day, count].
function histBuckets(valid, width, from = '', to = '') {
  const counts = new Map(valid.map((it) => [it.value, Number(it.count) || 0]));
  // Fill gaps between the first and last month so the time axis is honest.
  const months = [];
  let [y, m] = valid[0].value.split('-').map(Number);
  const last = valid[valid.length - 1].value;
  for (let i = 0; i < 12000; i++) {
    const ym = `${y}-${String(m).padStart(2, '0')}`;
    months.push(ym);
    if (ym >= last) break;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  const inRange = months.filter((ym) => {
    const [a, b] = monthRange(ym);
    return (!from || b >= from) && (!to || a <= to);
  });
  if (inRange.length && inRange.length < months.length) months.splice(0, months.length, ...inRange);
  const fit = Math.max(1, Math.floor((width + 2) / 26)); // 24 px bars, 2 px gaps
  if (months.length <= fit) {
    $('h-date').textContent = 'Articles per month';
    return months.map((ym) => [fmtMonth(ym), fmtMonth(ym), ...monthRange(ym), counts.get(ym) || 0]);
  }
  const quarters = [];
  for (const ym of months) {
    const [yy, mm] = ym.split('-').map(Number);
    const key = `${yy}-Q${Math.ceil(mm / 3)}`;
    if (quarters[quarters.length - 1]?.[0] !== key) quarters.push([key, yy, Math.ceil(mm / 3), 0]);
    quarters[quarters.length - 1][3] += counts.get(ym) || 0;
  }
  if (quarters.length <= fit) {
    $('h-date').textContent = 'Articles per quarter';
    return quarters.map(([, yy, qq, c]) => {
      const first = `${yy}-${String(qq * 3 - 2).padStart(2, '0')}`;
      const lastM = `${yy}-${String(qq * 3).padStart(2, '0')}`;
      const name = `Q${qq} ${fmtYear(String(yy))}`;
      return [name, `${fmtMonth(first)} – ${fmtMonth(lastM)}`, monthRange(first)[0], monthRange(lastM)[1], c];
    });
  }
  const y0 = Number(months[0].slice(0, 4));
  const y1 = Number(months[months.length - 1].slice(0, 4));
  const span = Math.ceil((y1 - y0 + 1) / fit); // years per bar
  $('h-date').textContent = span === 1 ? 'Articles per year' : `Articles per ${span} years`;
  const out = [];
  for (let a = y0; a <= y1; a += span) {
    const b = Math.min(y1, a + span - 1);
    let c = 0;
    for (const ym of months) {
      const yy = Number(ym.slice(0, 4));
      if (yy >= a && yy <= b) c += counts.get(ym) || 0;
    }
    const name = a === b ? fmtYear(String(a)) : `${fmtYear(String(a))}–${fmtYear(String(b))}`;
    out.push([name, name, `${a}-01-01`, `${b}-12-31`, c]);
  }
  return out;
}

function renderHist(items, p) {
  const hist = $('hist');
  const valid = items.filter((it) => /^\d{4}-\d{2}$/.test(it.value));
  hist.hidden = !valid.length;
  if (!valid.length) return $('hist-range').replaceChildren(el('span', { class: 'none', text: 'No dated articles' }));
  // The panel may be folded (phone): measure what it will have, not 0.
  const width = hist.clientWidth || Math.min(innerWidth - 64, 236);
  const buckets = histBuckets(valid, width, $('from').value, $('to').value);
  const max = Math.max(1, ...buckets.map((b) => b[4]));
  const from = $('from').value;
  const to = $('to').value;
  // Brushing: press on one bar, release on another, and the range between
  // them becomes the date filter; a click on one bar picks (or clears) it.
  let brushFrom = -1;
  let brushedAt = -1e9;
  const brushed = (i, j) => [buckets[Math.min(i, j)][2], buckets[Math.max(i, j)][3]];
  const paint = (i, j) => {
    [...hist.children].forEach((c, k) =>
      c.classList.toggle('brush', j >= 0 && k >= Math.min(i, j) && k <= Math.max(i, j)),
    );
  };
  // Zoomed into the range, every bar is in it: highlight none.
  const zoomed = (from || to) && buckets.every(([, , a, b]) => (!from || b >= from) && (!to || a <= to));
  hist.replaceChildren(
    ...buckets.map(([, spoken, a, b, c], i) => {
      const inRange = !zoomed && (from || to) && (!from || b >= from) && (!to || a <= to);
      const exact = from === a && to === b;
      const label = `${spoken}: ${approx ? 'about ' : ''}${plural(c, 'article')}`;
      const bar = el('span', { class: 'bar' });
      // CSSOM, not a style attribute: the server's CSP forbids inline styles.
      bar.style.setProperty('--h', `${c ? Math.max(4, (c / max) * 100) : 0}%`);
      if (!c) return el('span', { class: 'col empty', title: label, role: 'img', 'aria-label': label }, bar);
      const btn = el(
        'button',
        {
          type: 'button',
          class: `col${inRange ? ' on' : ''}`,
          title: exact ? `${label} (click again to clear)` : label,
          'aria-label': exact ? `${label}, selected; press to clear` : `${label}; show only these`,
          'aria-pressed': String(exact),
          data: { key: `m:${a}`, i: String(i) },
        },
        bar,
      );
      btn.addEventListener('pointerdown', (ev) => {
        if (ev.button) return;
        brushFrom = i;
        hist.setPointerCapture?.(ev.pointerId);
        paint(i, i);
      });
      btn.addEventListener('click', () => {
        if (performance.now() - brushedAt < 500) return; // pointerup did it
        if (exact) setDates('', '');
        else setDates(a, b);
      });
      return btn;
    }),
  );
  const indexAt = (x) => {
    const cols = [...hist.children];
    for (let k = 0; k < cols.length; k++) {
      const r = cols[k].getBoundingClientRect();
      if (x < r.right) return k;
    }
    return cols.length - 1;
  };
  hist.onpointermove = (ev) => {
    if (brushFrom >= 0) paint(brushFrom, indexAt(ev.clientX));
  };
  hist.onpointerup = (ev) => {
    if (brushFrom < 0) return;
    const i = brushFrom;
    const j = indexAt(ev.clientX);
    brushFrom = -1;
    brushedAt = performance.now();
    paint(-1, -1);
    const [a, b] = brushed(i, j);
    if (i === j && from === a && to === b) setDates('', '');
    else setDates(a, b);
  };
  hist.onpointercancel = () => {
    brushFrom = -1;
    paint(-1, -1);
  };
  $('hist-range').replaceChildren(el('span', { text: buckets[0][0] }));
  if (buckets.length > 1) $('hist-range').append(el('span', { text: buckets[buckets.length - 1][0] }));
}

// ---- export and feed links ----------------------------------------------

const EXPORT_PAGE = 100; // rows of a plain CSV export (the API's default)
const EXPORT_ALL = 50000; // rows of "export all" (kMaxExportAll in the server)

// The export links say how much they hold, once the total is known.
function renderExportCounts(total) {
  const first = Math.min(total, EXPORT_PAGE);
  $('export-csv').textContent = total > EXPORT_PAGE ? `Export the first ${nf.format(first)} as CSV` : 'Export as CSV';
  $('export-all').hidden = total <= EXPORT_PAGE;
  $('export-all').textContent =
    total > EXPORT_ALL ? `Export the newest ${nf.format(EXPORT_ALL)} (CSV)` : `Export all ${nf.format(total)} (CSV)`;
}

function renderTools(p) {
  const q = new URLSearchParams(p);
  q.delete('page');
  const csv = `api/search.csv${q.toString() ? `?${q}` : ''}`;
  q.set('sort', 'date');
  const atom = `api/search.atom?${q}`;
  $('export-csv').href = csv;
  $('export-atom').href = atom;
  // Every match, newest first, streamed by the server (up to EXPORT_ALL).
  const all = new URLSearchParams(q);
  all.delete('sort');
  all.delete('size');
  all.set('all', 'true');
  $('export-all').href = `api/search.csv?${all}`;
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
  // Presets count back from the reader's today; "this year" is 1 January on.
  for (const b of document.querySelectorAll('#presets button')) {
    b.addEventListener('click', () => {
      const [from, to] = presetRange(Number(b.dataset.days));
      if (b.getAttribute('aria-pressed') === 'true') setDates('', '');
      else setDates(from, to);
    });
  }
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
