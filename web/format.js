// Dates and numbers for the page, the article page and the widget: one
// format everywhere, from the reader's locale (or the widget's lang=).
// Article dates are calendar days (YYYY-MM-DD, YYYY-MM, YYYY) with no time
// zone: they are parsed and formatted as UTC so no reader sees the day before.

const cache = new Map();
function formatter(locale, opts) {
  const key = `${locale || ''}|${JSON.stringify(opts)}`;
  if (!cache.has(key)) {
    let f;
    try {
      f = new Intl.DateTimeFormat(locale || undefined, { ...opts, timeZone: 'UTC' });
    } catch {
      f = new Intl.DateTimeFormat(undefined, { ...opts, timeZone: 'UTC' });
    }
    cache.set(key, f);
  }
  return cache.get(key);
}

function parse(s) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(s || ''));
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1));
  return Number.isNaN(d.getTime()) ? null : d;
}

// "14 Sept 2021" / "Sep 14, 2021" / "14.09.2021"..., per locale; the input
// itself when it is not a date.
export const formatDate = (s, locale) => {
  const d = parse(s);
  return d ? formatter(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(d) : String(s || '');
};
export const formatMonth = (s, locale) => {
  const d = parse(s);
  return d ? formatter(locale, { month: 'short', year: 'numeric' }).format(d) : String(s || '');
};
export const formatYear = (s, locale) => {
  const d = parse(s);
  return d ? formatter(locale, { year: 'numeric' }).format(d) : String(s || '');
};

const nfs = new Map();
export const formatNumber = (n, locale) => {
  if (!nfs.has(locale || '')) {
    let f;
    try {
      f = new Intl.NumberFormat(locale || undefined);
    } catch {
      f = new Intl.NumberFormat();
    }
    nfs.set(locale || '', f);
  }
  return nfs.get(locale || '').format(Number(n) || 0);
};
export const plural = (n, word, locale) => `${formatNumber(n, locale)} ${word}${Number(n) === 1 ? '' : 's'}`;

// YYYY-MM-DD of a Date, in UTC.
export const isoDay = (d) => d.toISOString().slice(0, 10);

// First and last day of a month "YYYY-MM".
export function monthRange(ym) {
  const [y, m] = ym.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${ym}-01`, `${ym}-${String(last).padStart(2, '0')}`];
}
