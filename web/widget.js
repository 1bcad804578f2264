// <communique-search>: the Communique search box for any page.
//
//   <script type="module" src="https://HOST/widget.js"></script>
//   <communique-search placeholder="Search the desk's archive" country="PK" facets="leader organisation"></communique-search>
//
// Attributes: endpoint (server base URL; default: where widget.js came from),
// placeholder, facets (space- or comma-separated: country organisation leader
// dyad dateline source; "none" for none; default "country organisation"),
// country / organisation / leader (fixed filters, e.g. a desk's beat), size
// (results per page, 1-20, default 5), lang (articles in that language only;
// also the locale for dates), query (search this on load; "" = latest), key
// (the server's search key, when it was started with --search-key-file; sent
// as X-Communique-Key, so the server must list this page in --cors-origin).
// Theming: --communique-accent, --communique-font, --communique-radius,
// --communique-bg, --communique-text, --communique-muted, --communique-border,
// --communique-mark.
//
// Shadow DOM keeps the host page's CSS out and ours in. Styles go through a
// constructed stylesheet, so a strict host CSP (no inline styles) is fine.
// Server HTML (title_html, snippet) is re-parsed inertly and only text and
// <mark> survive, so a hostile title can never run script here.
//
// An ES module: it imports dom.js, format.js and article.js from beside
// itself, the same files the search page uses. Module scripts from another
// origin are fetched with CORS; the server sends its web files with
// Access-Control-Allow-Origin: * (they are public), and the search API only
// to the origins of --cors-origin.
import { el as makeEl, marked, safeUrl, langAttrs } from './dom.js';
import { formatDate, formatNumber } from './format.js';
import { relatedList } from './article.js';

const SCRIPT_BASE = new URL('.', import.meta.url).href;

if (window.customElements && !customElements.get('communique-search')) {
  const CSS = `
:host { display: block !important; visibility: visible !important; opacity: 1 !important;
  contain: content; max-width: 100%; }
:host([hidden]) { display: none !important; }
.root { all: initial; display: block; box-sizing: border-box;
  font-family: var(--communique-font, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif);
  font-size: var(--communique-font-size, 15px); line-height: 1.45; color: var(--communique-text, #1d2430);
  background: var(--communique-bg, #fff); border: 1px solid var(--communique-border, #dcdad3);
  border-radius: var(--communique-radius, 8px); padding: .8em; }
.root * { box-sizing: border-box; }
button, input { font: inherit; color: inherit; }
form { display: flex; gap: .4em; margin: 0; }
input { flex: 1; min-width: 0; padding: .45em .6em; border: 1px solid var(--communique-border, #c9c6bd);
  border-radius: var(--communique-radius, 8px); background: var(--communique-bg, #fff); color: var(--communique-text, #1d2430); }
button { cursor: pointer; padding: .4em .8em; border: 1px solid var(--communique-border, #c9c6bd);
  border-radius: var(--communique-radius, 8px); background: var(--communique-bg, #fff); }
button.go { background: var(--communique-accent, #1f4e8c); border-color: var(--communique-accent, #1f4e8c);
  color: #fff; font-weight: 600; }
:focus-visible { outline: 3px solid var(--communique-focus, #d9480f); outline-offset: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.status { margin: .5em 0 0; color: var(--communique-muted, #5b6472); font-size: .88em; min-height: 1.2em; }
.status:empty { display: none; }
.error { margin: .6em 0 0; padding: .5em .7em; border-radius: var(--communique-radius, 8px);
  background: #fdecec; color: #a11d1d; border: 1px solid #a11d1d; font-size: .92em; }
.facets { display: grid; grid-template-columns: minmax(0, 1fr); gap: .3em; margin: .6em 0 0; }
.facets:empty { display: none; }
.frow { display: flex; flex-wrap: wrap; gap: .3em; align-items: center; margin: 0; padding: 0; border: 0; }
.frow > span { flex: none; color: var(--communique-muted, #5b6472); font-size: .75em; text-transform: uppercase;
  letter-spacing: .05em; margin-right: .2em; }
.chip { flex: none; white-space: nowrap; font-size: .82em; padding: .1em .6em; border-radius: 999px;
  border: 1px solid var(--communique-border, #dcdad3); background: var(--communique-bg, #fff); }
.chip[aria-pressed=true] { background: var(--communique-accent, #1f4e8c); border-color: var(--communique-accent, #1f4e8c); color: #fff; }
.chip .l { display: inline-block; max-width: 11em; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom; }
.chip .n { opacity: .7; margin-left: .3em; font-variant-numeric: tabular-nums; }
ol { list-style: none; margin: .6em 0 0; padding: 0; display: grid; gap: .7em; }
ol:empty { display: none; }
li { display: block; margin: 0; padding: 0 0 .7em; border-bottom: 1px solid var(--communique-border, #eceae4); }
li:last-child { border-bottom: 0; padding-bottom: 0; }
a.t { color: var(--communique-accent, #1f4e8c); font-weight: 600; text-decoration: none; overflow-wrap: anywhere; }
a.t:hover { text-decoration: underline; }
.meta { display: block; color: var(--communique-muted, #5b6472); font-size: .82em; margin: .1em 0 .2em; }
.snip { display: block; margin: 0; font-size: .92em; overflow-wrap: anywhere; }
mark { background: var(--communique-mark, #ffe58a); color: inherit; padding: 0 .1em; border-radius: 2px; font-weight: 600; }
.untitled { font-weight: 400; font-style: italic; color: var(--communique-muted, #5b6472); font-size: .85em; }
.x { display: flex; flex-wrap: wrap; gap: .2em .8em; margin: .3em 0 0; }
.xi { display: contents; }
.rel { flex-basis: 100%; }
button.link { border: 0; background: none; padding: 0; color: var(--communique-accent, #1f4e8c); text-decoration: underline; }
button.xb { border: 0; background: none; padding: .1em 0; color: var(--communique-accent, #1f4e8c); font-size: .82em; text-decoration: underline; }
.related { list-style: none; margin: .2em 0 0; padding: 0 0 0 .7em; border-left: 3px solid var(--communique-border, #eceae4); display: grid; gap: .25em; }
.related li { border: 0; padding: 0; font-size: .88em; }
.related a { color: var(--communique-accent, #1f4e8c); }
.rel-meta { color: var(--communique-muted, #5b6472); }
.foot { display: flex; justify-content: space-between; align-items: center; gap: .5em; margin: .7em 0 0; font-size: .85em; }
.foot:empty { display: none; }
.foot a { color: var(--communique-accent, #1f4e8c); }
`;

  let sheet = null;
  const adopt = (root) => {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];
    } catch {
      const style = document.createElement('style'); // older browsers; needs style-src on the host
      style.textContent = CSS;
      root.append(style);
    }
  };

  // Attribute-only elements (dom.js's el with strings), so a value such as
  // disabled: '' stays an attribute.
  const el = makeEl;

  const list = (v) =>
    String(v || '')
      .split(/[\s,]+/)
      .filter(Boolean);
  const FACET_NAMES = {
    country: 'Country',
    organisation: 'Organisation',
    leader: 'Leader',
    dyad: 'Pair',
    dateline: 'Dateline',
    source: 'Source',
  };

  class CommuniqueSearch extends HTMLElement {
    static get observedAttributes() {
      return ['endpoint', 'placeholder', 'facets', 'country', 'organisation', 'leader', 'size', 'lang', 'query', 'key'];
    }

    constructor() {
      super();
      this.picked = new Map(); // facet -> Set of values the reader ticked
      this.labels = new Map(); // "facet\u0000value" -> name, from earlier answers
      this.page = 1;
      this.ctrl = null;
      this.searched = false;
      const root = this.attachShadow({ mode: 'open' });
      adopt(root);
      this.input = el('input', {
        type: 'search',
        id: 'q',
        name: 'q',
        dir: 'auto',
        autocomplete: 'off',
        enterkeyhint: 'search',
      });
      this.statusEl = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
      this.errorEl = el('p', { class: 'error', role: 'alert', hidden: '' });
      this.facetsEl = el('div', { class: 'facets' });
      this.hitsEl = el('ol', { 'aria-label': 'Search results' });
      this.footEl = el('div', { class: 'foot' });
      this.form = el(
        'form',
        {
          role: 'search',
          onsubmit: (ev) => {
            ev.preventDefault();
            this.picked.clear();
            this.search(1);
          },
        },
        el('label', { class: 'sr', for: 'q', text: 'Search news' }),
        this.input,
        el('button', { type: 'submit', class: 'go', text: 'Search' }),
      );
      root.append(
        el(
          'div',
          { class: 'root', part: 'root' },
          this.form,
          this.statusEl,
          this.errorEl,
          this.facetsEl,
          this.hitsEl,
          this.footEl,
        ),
      );
    }

    connectedCallback() {
      this.input.placeholder = this.getAttribute('placeholder') || 'Search diplomatic news';
      if (this.hasAttribute('query') && !this.searched) {
        this.input.value = this.getAttribute('query');
        this.search(1);
      }
    }

    attributeChangedCallback(name) {
      if (name === 'placeholder') this.input.placeholder = this.getAttribute('placeholder') || 'Search diplomatic news';
      else if (this.searched && this.isConnected) this.search(1);
    }

    get base() {
      const e = this.getAttribute('endpoint');
      try {
        return new URL(e ? (e.endsWith('/') ? e : `${e}/`) : SCRIPT_BASE, location.href).href;
      } catch {
        return SCRIPT_BASE;
      }
    }
    get size() {
      const n = Number(this.getAttribute('size'));
      return Number.isInteger(n) && n >= 1 && n <= 20 ? n : 5;
    }
    get facetList() {
      const f = this.hasAttribute('facets') ? list(this.getAttribute('facets')) : ['country', 'organisation'];
      return f.filter((x) => x in FACET_NAMES);
    }

    params(page) {
      const p = new URLSearchParams();
      const q = this.input.value.trim();
      if (q) p.set('q', q);
      for (const f of ['country', 'organisation', 'leader']) for (const v of list(this.getAttribute(f))) p.append(f, v);
      if (this.getAttribute('lang')) p.set('language', this.getAttribute('lang'));
      // Picked values of one facet are alternatives (any of them).
      for (const [f, vals] of this.picked) p.set(`${f}_any`, [...vals].join(','));
      if (page > 1) p.set('page', String(page));
      return p;
    }

    async search(page) {
      this.searched = true;
      this.page = page;
      const p = this.params(page);
      p.set('size', String(this.size));
      p.set('facet_size', '5');
      this.ctrl?.abort();
      const ctrl = (this.ctrl = new AbortController());
      this.setAttribute('aria-busy', 'true');
      this.statusEl.textContent = 'Searching…';
      let data;
      try {
        const headers = { Accept: 'application/json' };
        if (this.getAttribute('key')) headers['X-Communique-Key'] = this.getAttribute('key');
        const res = await fetch(new URL(`api/search?${p}`, this.base), { signal: ctrl.signal, headers });
        data = await res.json().catch(() => null);
        if (!res.ok || !data || data.error)
          throw Object.assign(new Error(data?.error?.message || `error ${res.status}`), { server: true });
      } catch (err) {
        if (ctrl.signal.aborted) return;
        const msg = err.server ? `Search failed: ${err.message}` : await this.unreachable();
        if (ctrl.signal.aborted) return;
        this.removeAttribute('aria-busy');
        this.showError(msg);
        return;
      }
      if (ctrl !== this.ctrl) return;
      this.removeAttribute('aria-busy');
      this.render(data);
      this.dispatchEvent(new CustomEvent('communique-results', { detail: { total: data.total, query: data.query } }));
    }

    // Why a fetch failed without an answer: the browser hides a CORS refusal
    // behind the same TypeError as a server that is down. A no-cors request
    // (whose answer the page may not read) still tells them apart: it
    // succeeds when the server answered, only not to this page's origin.
    async unreachable() {
      const host = new URL(this.base).host;
      try {
        await fetch(new URL('healthz', this.base), { mode: 'no-cors', cache: 'no-store' });
      } catch {
        return `Can’t reach the news search at ${host}. Try again later.`;
      }
      return (
        `This page (${location.origin}) is not allowed to use the news search at ${host}. ` +
        `An administrator of the search server allows it by adding this page’s address to the server’s allowed origins: ` +
        `communique-serve --cors-origin ${location.origin}`
      );
    }

    // What the server offers instead of a query that found nothing — a
    // respelling, the words without quotes, or the query without the words
    // in the way — as one button that searches it; null when nothing.
    offer(q, data, locale) {
      const relaxed = data.relaxed;
      const dropped = Array.isArray(relaxed?.dropped) ? relaxed.dropped.filter((w) => typeof w === 'string') : [];
      const options = [
        [data.suggestion, data.suggestion_total, 'Did you mean'],
        [data.unquoted?.q, data.unquoted?.total, q.includes('"') ? 'Without quotes:' : 'As separate words:'],
        [relaxed?.q, relaxed?.total, dropped.length ? `Leaving out ${dropped.join(', ')}:` : ''],
      ];
      for (const [text, n, lead] of options) {
        if (typeof text !== 'string' || !text || text === q || !lead) continue;
        const count = Number.isFinite(Number(n)) ? ` (${formatNumber(Number(n), locale)})` : '';
        return el(
          'span',
          { class: 'offer' },
          `${lead} `,
          el('button', {
            type: 'button',
            class: 'link',
            text,
            onclick: () => {
              this.input.value = text;
              this.picked.clear();
              this.search(1);
            },
          }),
          count,
        );
      }
      return null;
    }

    showError(msg) {
      this.errorEl.textContent = msg;
      this.errorEl.hidden = false;
      this.statusEl.textContent = '';
      this.hitsEl.replaceChildren();
      this.facetsEl.replaceChildren();
      this.footEl.replaceChildren();
    }

    render(data) {
      this.errorEl.hidden = true;
      const locale = this.getAttribute('lang') || undefined;
      const total = Number(data.total) || 0;
      const hits = Array.isArray(data.hits) ? data.hits : [];
      const q = this.input.value.trim();
      // Past the server's --exact-counts, totals and counts are estimates.
      const about = data.total_exact === false ? 'about ' : '';
      const approx = data.facets_exact === false ? '≈' : '';
      this.statusEl.textContent = total
        ? `${about}${formatNumber(total, locale)} article${total === 1 ? '' : 's'}${q ? ` for “${q}”` : ''}`
        : `No articles${q ? ` match “${q}”` : ''}. Try fewer words${this.picked.size ? ' or untick a filter' : ''}.`;
      // A sharded archive with a shard down answers from the rest: say so.
      if (data.partial) this.statusEl.textContent += ' (part of the archive did not answer: results may be incomplete)';
      if (!hits.length) {
        const offer = this.offer(q, data, locale);
        if (offer) this.statusEl.append(' ', offer);
      }

      this.hitsEl.replaceChildren(
        ...hits.map((h) => {
          // Without a URL of its own, an article opens on its page on the server.
          const url = safeUrl(h.url, 'about:blank') || (h.id ? this.docHref(h.id) : null);
          const title = url
            ? el('a', { class: 't', href: url, target: '_blank', rel: 'noopener noreferrer', ...langAttrs(h.language) })
            : el('span', { class: 't', ...langAttrs(h.language) });
          title.append(h.title_html ? marked(h.title_html) : h.title || h.id || 'Untitled');
          // No headline: the title is the article's opening words, cut; say so.
          if (h.title_derived) title.append(el('span', { class: 'untitled', text: ' (no headline)' }));
          const d = h.date ? formatDate(h.date, locale) : '';
          const extras = el('div', { class: 'x' });
          const n = Number(h.duplicates) || 0;
          if (h.id && n > 0)
            extras.append(
              this.related(h.id, `+${formatNumber(n, locale)} similar ${n === 1 ? 'story' : 'stories'}`, n, false),
            );
          if (h.id) extras.append(this.related(h.id, 'More like this', 3, true));
          return el(
            'li',
            {},
            title,
            el('span', { class: 'meta', text: [d, h.source].filter(Boolean).join(' · ') }),
            h.snippet ? el('p', { class: 'snip', ...langAttrs(h.language) }, marked(h.snippet)) : null,
            extras.children.length ? extras : null,
          );
        }),
      );

      const rows = [];
      for (const f of Object.keys(FACET_NAMES))
        for (const it of data.facets?.[f] || []) if (it.label) this.labels.set(`${f}\u0000${it.value}`, it.label);
      for (const f of this.facetList) {
        const picked = this.picked.get(f) || new Set();
        const items = (data.facets?.[f] || []).slice(0, 5);
        // A ticked value with no matches left keeps its name, not its id.
        for (const v of picked)
          if (!items.some((it) => it.value === v))
            items.unshift({ value: v, label: this.labels.get(`${f}\u0000${v}`) || v, count: 0 });
        if (!items.length) continue;
        rows.push(
          el(
            'div',
            { class: 'frow', role: 'group', 'aria-label': `Filter by ${FACET_NAMES[f]}` },
            el('span', { 'aria-hidden': 'true', text: FACET_NAMES[f] }),
            ...items.map((it) => {
              const on = picked.has(it.value);
              return el(
                'button',
                {
                  type: 'button',
                  class: 'chip',
                  'aria-pressed': String(on),
                  'data-facet': f,
                  'data-value': it.value,
                  title: `${it.label || it.value}: ${it.count ? approx : ''}${it.count ?? 0}`,
                  onclick: () => this.toggle(f, it.value),
                },
                el('span', { class: 'l', text: it.label || it.value }),
                el('span', { class: 'n', text: `${it.count ? approx : ''}${it.count ?? ''}` }),
              );
            }),
          ),
        );
      }
      this.facetsEl.replaceChildren(...rows);

      const pages = Math.ceil(total / this.size);
      const page = Number(data.page) || this.page;
      const nav = [];
      if (pages > 1) {
        nav.push(
          el(
            'span',
            {},
            el('button', {
              type: 'button',
              text: '‹ Prev',
              'aria-label': 'Previous results',
              ...(page <= 1 ? { disabled: '' } : {}),
              onclick: () => this.search(page - 1),
            }),
            ` ${page} / ${pages} `,
            el('button', {
              type: 'button',
              text: 'Next ›',
              'aria-label': 'Next results',
              ...(page >= pages ? { disabled: '' } : {}),
              onclick: () => this.search(page + 1),
            }),
          ),
        );
      }
      const full = new URL(`?${this.params(1)}`, this.base);
      nav.push(el('a', { href: full.href, target: '_blank', rel: 'noopener', text: 'Open in Communique ↗' }));
      this.footEl.replaceChildren(...nav);
    }

    docHref(id) {
      const q = this.input.value.trim();
      return new URL(`doc/${encodeURIComponent(id)}${q ? `?q=${encodeURIComponent(q)}` : ''}`, this.base).href;
    }

    // A button that shows, below it, the folded copies of `id` (collapse
    // off: the copies are the most alike) or more articles like it.
    related(id, label, size, collapse) {
      const box = el('div', { class: 'rel', hidden: '' });
      const btn = el('button', { type: 'button', class: 'xb', 'aria-expanded': 'false', text: label });
      btn.addEventListener('click', async () => {
        const open = btn.getAttribute('aria-expanded') !== 'true';
        btn.setAttribute('aria-expanded', String(open));
        box.hidden = !open;
        if (!open || box.dataset.loaded) return;
        box.dataset.loaded = '1';
        box.replaceChildren(el('span', { class: 'meta', text: 'Loading…' }));
        try {
          const headers = { Accept: 'application/json' };
          if (this.getAttribute('key')) headers['X-Communique-Key'] = this.getAttribute('key');
          const res = await fetch(
            new URL(`api/similar/${encodeURIComponent(id)}?size=${size}&collapse=${collapse}&facets=false`, this.base),
            { headers },
          );
          const data = await res.json();
          if (!res.ok || data.error) throw new Error(data?.error?.message || `error ${res.status}`);
          const list = relatedList(data.hits, {
            docHref: (x) => this.docHref(x),
            locale: this.getAttribute('lang') || undefined,
            label,
          });
          for (const a of list.querySelectorAll('a')) {
            a.target = '_blank';
            a.rel = 'noopener noreferrer';
          }
          box.replaceChildren(list);
        } catch (err) {
          delete box.dataset.loaded;
          box.replaceChildren(el('span', { class: 'meta', text: `Could not load them: ${err.message}` }));
        }
      });
      return el('div', { class: 'xi' }, btn, box);
    }

    toggle(facet, value) {
      const set = this.picked.get(facet) || new Set();
      if (set.has(value)) set.delete(value);
      else set.add(value);
      if (set.size) this.picked.set(facet, set);
      else this.picked.delete(facet);
      const key = `${facet}\u0000${value}`;
      this.search(1).then(() => {
        for (const b of this.facetsEl.querySelectorAll('button'))
          if (`${b.dataset.facet}\u0000${b.dataset.value}` === key) b.focus();
      });
    }
  }

  customElements.define('communique-search', CommuniqueSearch);
}
