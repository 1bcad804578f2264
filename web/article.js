// Pieces of an article shared by the search page, the article page
// (doc.html) and the widget: the full text without its repeated dateline,
// and compact lists of related articles ("more like this", folded copies).
// Everything from an article is set as text (el's `text`, appendHighlighted):
// articles are untrusted.
import { el, appendHighlighted, langAttrs } from './dom.js';
import { formatDate } from './format.js';

// The article's opening "PLACE[, date][ (Wire)] -" when the body starts with
// its dateline `place`: [head as written, rest of the body]; else ['', body].
export function splitDateline(body, place) {
  const text = String(body || '');
  const p = String(place || '').trim();
  if (!p) return ['', text];
  const lead = text.trimStart();
  if (lead.slice(0, p.length).toLocaleUpperCase() !== p.toLocaleUpperCase()) return ['', text];
  // The separator after the place: ':' or a dash, within the next 80 characters.
  const m = /^([^\n]{0,80}?)\s*(?::|\s[-–—]|[–—])\s*/u.exec(lead.slice(p.length));
  if (!m) return ['', text];
  return [(lead.slice(0, p.length) + m[1]).trim(), lead.slice(p.length + m[0].length)];
}

// The body as paragraphs (<p>), dateline head removed (it is shown once,
// above), query `words` marked. Returns [dateline head or '', paragraphs].
export function bodyParagraphs(body, place, words = []) {
  const [head, rest] = splitDateline(body, place);
  const paras = [];
  for (const para of rest.split(/\n\s*\n/)) {
    if (para.trim()) paras.push(appendHighlighted(el('p'), para.trim(), words));
  }
  return [head || String(place || ''), paras];
}

// The byline of an article's `authors` (plain strings, as the feed gave
// them): "By Jane Smith", "By Jane Smith and Ali Khan", "By A, B and C";
// '' when there are none. A byline the feed already wrote as "By …" keeps
// its own wording. The caller sets it as text, never as HTML.
export function byline(authors) {
  const names = (Array.isArray(authors) ? authors : [])
    .filter((a) => typeof a === 'string')
    .map((a) => a.trim())
    .filter(Boolean);
  if (!names.length) return '';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return /^by\s/i.test(list) ? list : `By ${list}`;
}

// True when the title is the indexer's stand-in for a missing headline (its
// first sentence, cut): the hit says so (title_derived), or the title is
// the body's opening words.
export const untitled = (a) => a.title_derived === true;

// A compact list of articles (from /api/similar or the copies of a folded
// hit): headline linking to its article page, date and source.
// `docHref(id)` gives the article page's URL. Headlines are shown plain:
// the marks in a similar article's title_html are the words the similarity
// search chose, not words the reader typed.
export function relatedList(hits, { docHref, locale, label } = {}) {
  const ul = el('ul', { class: 'related', 'aria-label': label || 'Related articles' });
  for (const h of hits || []) {
    const a = el('a', { href: docHref(h.id), class: 'rel-t', ...langAttrs(h.language) });
    a.append(h.title || h.id || 'Untitled');
    const meta = [h.date ? formatDate(h.date, locale) : '', h.source || ''].filter(Boolean).join(' · ');
    ul.append(
      el('li', {}, a, meta ? el('span', { class: 'rel-meta' }, el('span', { class: 'sr', text: ', ' }), meta) : null),
    );
  }
  if (!ul.children.length) ul.append(el('li', { class: 'none', text: 'None found.' }));
  return ul;
}
