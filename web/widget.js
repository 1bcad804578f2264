// <communique-search>: the Communique search box for any page.
//
//   <script src="https://HOST/widget.js" defer></script>
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
(() => {
  if (!window.customElements || customElements.get('communique-search')) return;

  const SCRIPT_BASE = (() => {
    try {
      return new URL('.', document.currentScript.src).href;
    } catch {
      return location.href;
    }
  })();

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

  const el = (tag, props = {}, ...kids) => {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'text') n.textContent = v;
      else if (k === 'class') n.className = v;
      else if (typeof v === 'function') n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v);
    }
    n.append(...kids.filter((k) => k != null));
    return n;
  };

  // Text plus <mark> from server HTML; anything else becomes its text.
  const marked = (html) => {
    const frag = document.createDocumentFragment();
    const doc = new DOMParser().parseFromString(`<body>${html || ''}`, 'text/html');
    const walk = (node, into) => {
      for (const c of node.childNodes) {
        if (c.nodeType === 3) into.append(c.data);
        else if (c.nodeType === 1 && c.localName === 'mark') walk(c, into.appendChild(document.createElement('mark')));
        else if (c.nodeType === 1) walk(c, into);
      }
    };
    walk(doc.body, frag);
    return frag;
  };

  const safeUrl = (u) => {
    try {
      const url = new URL(u);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  };
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
      this.page = 1;
      this.ctrl = null;
      this.searched = false;
      const root = this.attachShadow({ mode: 'open' });
      adopt(root);
      this.input = el('input', { type: 'search', id: 'q', name: 'q', autocomplete: 'off', enterkeyhint: 'search' });
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
        this.removeAttribute('aria-busy');
        this.showError(
          err.server
            ? `Search failed: ${err.message}`
            : `Can’t reach the news search at ${new URL(this.base).host}. Try again later.`,
        );
        return;
      }
      if (ctrl !== this.ctrl) return;
      this.removeAttribute('aria-busy');
      this.render(data);
      this.dispatchEvent(new CustomEvent('communique-results', { detail: { total: data.total, query: data.query } }));
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
      let dfmt;
      try {
        dfmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
      } catch {
        dfmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
      }
      const total = Number(data.total) || 0;
      const hits = Array.isArray(data.hits) ? data.hits : [];
      const q = this.input.value.trim();
      // Past the server's --exact-counts, totals and counts are estimates.
      const about = data.total_exact === false ? 'about ' : '';
      const approx = data.facets_exact === false ? '≈' : '';
      this.statusEl.textContent = total
        ? `${about}${total} article${total === 1 ? '' : 's'}${q ? ` for “${q}”` : ''}`
        : `No articles${q ? ` match “${q}”` : ''}. Try fewer words${this.picked.size ? ' or untick a filter' : ''}.`;
      // A sharded archive with a shard down answers from the rest: say so.
      if (data.partial) this.statusEl.textContent += ' (part of the archive did not answer: results may be incomplete)';

      this.hitsEl.replaceChildren(
        ...hits.map((h) => {
          const url = safeUrl(h.url);
          const title = url
            ? el('a', { class: 't', href: url, target: '_blank', rel: 'noopener noreferrer' })
            : el('span', { class: 't' });
          title.append(h.title_html ? marked(h.title_html) : h.title || h.id || 'Untitled');
          const d = h.date && !Number.isNaN(Date.parse(h.date)) ? dfmt.format(new Date(h.date)) : h.date || '';
          return el(
            'li',
            {},
            title,
            el('span', { class: 'meta', text: [d, h.source].filter(Boolean).join(' · ') }),
            h.snippet ? el('p', { class: 'snip' }, marked(h.snippet)) : null,
          );
        }),
      );

      const rows = [];
      for (const f of this.facetList) {
        const picked = this.picked.get(f) || new Set();
        const items = (data.facets?.[f] || []).slice(0, 5);
        for (const v of picked)
          if (!items.some((it) => it.value === v)) items.unshift({ value: v, label: v, count: 0 });
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
})();
