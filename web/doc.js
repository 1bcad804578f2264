// The article page: GET /doc/{id} serves doc.html, and this script fills it
// from /api/doc/{id}. Every string from the article is set as text
// (textContent, appendHighlighted) or through marked(): articles are
// untrusted. ?q= (set by the search page's links) highlights those words.
import { el, safeUrl, queryWords, appendHighlighted, setLangAttrs } from './dom.js';
import { formatDate } from './format.js';
import { bodyParagraphs, byline, relatedList } from './article.js';

const $ = (id) => document.getElementById(id);
const ROOT = new URL('.', import.meta.url); // the server's web root
const id = decodeURIComponent(location.pathname.replace(/^.*\/doc\//, ''));
const q = (new URLSearchParams(location.search).get('q') || '').trim();
const words = queryWords(q);
const docHref = (x) => new URL(`doc/${encodeURIComponent(x)}${q ? `?q=${encodeURIComponent(q)}` : ''}`, ROOT).href;
const searchHref = (params) => new URL(`?${new URLSearchParams(params)}`, ROOT).href;

async function getJSON(path) {
  const res = await fetch(new URL(path, ROOT), { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok || !body || body.error)
    throw Object.assign(new Error(body?.error?.message || `The server answered ${res.status}`), { code: res.status });
  return body;
}

function entityChips(d) {
  const ul = $('doc-entities');
  const kinds = [
    ['countries', 'country', 'Country'],
    ['leaders', 'leader', 'Leader'],
    ['organisations', 'organisation', 'Organisation'],
    ['subjects', 'subject', 'Subject'],
  ];
  for (const [key, facet, name] of kinds) {
    for (const e of Array.isArray(d[key]) ? d[key] : []) {
      const value = typeof e === 'string' ? e : e?.value;
      if (!value) continue;
      const label = (typeof e === 'object' && e.label) || value;
      ul.append(
        el(
          'li',
          {},
          el(
            'a',
            {
              class: `chip chip-${facet}`,
              href: searchHref({ [facet]: value }),
              title: `Articles about ${name}: ${label}`,
            },
            label,
          ),
        ),
      );
    }
  }
  ul.hidden = !ul.children.length;
}

async function main() {
  $('q').value = q;
  if (q) $('back').append(el('a', { href: searchHref({ q }), text: `← Back to results for “${q}”` }));
  $('back').hidden = !q;
  let d;
  try {
    d = await getJSON(`api/doc/${encodeURIComponent(id)}`);
  } catch (err) {
    $('doc-title').textContent = err.code === 404 ? 'No such article' : 'The article could not be loaded';
    $('doc-error').append(
      el('p', {
        text:
          err.code === 404
            ? `There is no article with the id “${id}” in this archive. It may have been removed.`
            : err.message,
      }),
    );
    $('doc-error').hidden = false;
    $('article').removeAttribute('aria-busy');
    $('similar').hidden = true;
    return;
  }
  const title = d.title || d.id || 'Untitled';
  document.title = `${title} — Communique`;
  const h1 = $('doc-title');
  h1.replaceChildren();
  setLangAttrs(h1, d.language);
  appendHighlighted(h1, title, words);
  if (d.title_derived) h1.append(el('span', { class: 'untitled', text: ' (no headline: opening words)' }));

  const meta = $('doc-meta');
  const parts = [];
  const by = byline(d.authors);
  if (by) parts.push(el('span', { class: 'byline', text: by }));
  if (d.date) parts.push(el('time', { datetime: d.date, text: formatDate(d.date) }));
  if (d.source) parts.push(el('a', { class: 'src', href: searchHref({ source: d.source }), text: d.source }));
  const url = safeUrl(d.url);
  if (url) parts.push(el('a', { href: url, rel: 'noopener noreferrer', text: `Original at ${new URL(url).host}` }));
  parts.forEach((p, i) => meta.append(...(i ? [el('span', { 'aria-hidden': 'true', text: ' · ' })] : []), p));

  entityChips(d);
  const [head, paras] = bodyParagraphs(d.body, d.dateline, words);
  const body = $('doc-body');
  setLangAttrs(body, d.language);
  if (head) body.append(el('p', { class: 'dateline', text: head }));
  body.append(...paras);
  if (!paras.length) body.append(el('p', { class: 'none', text: 'No text is stored for this article.' }));
  $('article').removeAttribute('aria-busy');

  try {
    const sim = await getJSON(`api/similar/${encodeURIComponent(id)}?size=6&facets=false`);
    $('similar-list').replaceChildren(relatedList(sim.hits, { docHref, label: 'More like this' }));
  } catch (err) {
    $('similar-list').replaceChildren(
      el('p', { class: 'err', text: `Could not load similar articles: ${err.message}` }),
    );
  }
  // Copies folded into this article in search results: the near-duplicates
  // carry the same headline, and are the most alike when nothing is folded.
  try {
    const all = await getJSON(`api/similar/${encodeURIComponent(id)}?size=10&collapse=false&facets=false`);
    const same = (t) =>
      String(t || '')
        .trim()
        .toLowerCase();
    const copies = (all.hits || []).filter((h) => same(h.title) === same(d.title) && same(d.title));
    if (copies.length) {
      $('copies-list').replaceChildren(relatedList(copies, { docHref, label: 'Copies of this story' }));
      $('copies').hidden = false;
    }
  } catch {
    /* the similar list above already reports a failure */
  }
}

main();
