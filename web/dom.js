// DOM helpers shared by the search page (app.js), the article page (doc.js)
// and the widget (widget.js). ES module, no build step: a fix here reaches
// all three. Nothing here touches the page's globals, so the widget can run
// inside any host page.

// el('a', {href, class, text, onclick, data: {key}}, ...children): an element.
// `text` sets textContent (never HTML); functions under on* keys become
// listeners; other non-string values become properties (checked, disabled);
// strings become attributes.
export function el(tag, props = {}, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'text') n.textContent = v;
    else if (k === 'class') n.className = v;
    else if (k === 'data') Object.assign(n.dataset, v);
    else if (typeof v === 'function' && k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else if (typeof v !== 'string' && k in n) n[k] = v;
    else n.setAttribute(k, v === true ? '' : String(v));
  }
  n.append(...kids.filter((c) => c != null && c !== false));
  return n;
}

// Server HTML (title_html, snippet) is escaped text plus <mark>. Re-parse it
// inertly (DOMParser runs no script and loads nothing) and keep only text and
// <mark>, so even a broken or hostile server cannot inject markup or script.
export function marked(html) {
  const frag = document.createDocumentFragment();
  const doc = new DOMParser().parseFromString(`<body>${html || ''}`, 'text/html');
  const walk = (node, into) => {
    for (const c of node.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) into.append(c.data);
      else if (c.nodeType === Node.ELEMENT_NODE)
        walk(c, c.localName === 'mark' ? into.appendChild(document.createElement('mark')) : into);
    }
  };
  walk(doc.body, frag);
  return frag;
}

// An article's URL if it is http(s), else null (javascript:, data: ...).
export function safeUrl(u, base = location.href) {
  if (!u) return null;
  try {
    const url = new URL(u, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// The words of a query worth highlighting in plain text: quoted phrases and
// words, without operators, field prefixes, exclusions or wildcards' stars.
export function queryWords(q) {
  const out = [];
  const src = String(q || '').replace(/[“”„«»「」]/g, '"');
  const re = /(-?)(?:\w+:)?(?:"([^"]*)"?|(\S+))/gu;
  for (const m of src.matchAll(re)) {
    if (m[1]) continue; // -word: excluded, never in the text
    const t = (m[2] ?? m[3] ?? '').replace(/[()*]/g, '').trim();
    if (!t || /^(AND|OR|NOT|XOR|NEAR(\/\d+)?|ADJ)$/.test(t)) continue;
    if (/^\w+:/.test(m[0]) && !/^(title|text):/i.test(m[0])) continue; // country:PK etc. are filters
    if (t.length >= 2) out.push(t);
  }
  return out;
}

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

// Appends `text` to `into`, wrapping every occurrence of `words` (folded:
// case and accents ignored; a word also matches at the start of a longer one,
// so "sanction" marks "sanctions") in <mark>. Text only: nothing is parsed.
export function appendHighlighted(into, text, words) {
  const ws = words.map(fold).filter(Boolean);
  if (!ws.length) {
    into.append(text);
    return into;
  }
  const escaped = ws.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})[\\p{L}\\p{N}]*`, 'gu');
  // Folding keeps one character per character only for precomposed text;
  // map folded offsets back through a per-character table.
  const chars = [...text];
  let folded = '';
  const start = [];
  let pos = 0;
  for (const c of chars) {
    const f = fold(c);
    for (let i = 0; i < f.length; i++) start.push(pos);
    folded += f;
    pos += c.length;
  }
  start.push(pos);
  let last = 0;
  for (const m of folded.matchAll(re)) {
    const a = start[m.index];
    const b = start[m.index + m[0].length];
    if (a > last) into.append(text.slice(last, a));
    into.append(el('mark', { text: text.slice(a, b) }));
    last = b;
  }
  if (last < text.length) into.append(text.slice(last));
  return into;
}

// Attributes for an article's own text (headline, snippet, quote, body):
// its language, so the browser picks the right glyphs (Japanese and Chinese
// share code points) and hyphenation, and a direction read from the text
// itself, so Arabic and Hebrew run right to left with their punctuation in
// place. `language` comes from the server: anything but a BCP 47 tag is
// left out.
export function langAttrs(language) {
  const ok = typeof language === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language);
  return ok ? { lang: language, dir: 'auto' } : { dir: 'auto' };
}

// Sets langAttrs(language) on an existing element.
export function setLangAttrs(node, language) {
  node.removeAttribute('lang');
  for (const [k, v] of Object.entries(langAttrs(language))) node.setAttribute(k, v);
}
