// Admin console: statistics (SVG bar charts over a chosen range), the audit log, failures and settings. Only admins
// see the navigation entry; the server answers 404 to anyone else, whatever the browser shows.
import { ApiError, get, post, put } from '../api.js';
import { formatDate, h, pager, replaceChildren } from '../dom.js';

const sections = [
  { id: 'stats', label: 'Statistics' },
  { id: 'audit', label: 'Audit log' },
  { id: 'failures', label: 'Failures' },
  { id: 'settings', label: 'Settings' },
];
const pageSize = 50;
const svgNs = 'http://www.w3.org/2000/svg';

export async function renderAdmin(container, context) {
  const section = context.params[0] ?? 'stats';
  const page = Number(context.params[1] ?? 1) || 1;
  const tabs = h('nav', { class: 'admin-tabs', 'aria-label': 'Admin sections' }, sections.map((s) =>
    h('a', { href: `#/admin/${s.id}`, 'aria-current': s.id === section ? 'page' : null }, s.label)));
  const body = await renderers[section](page, context);
  replaceChildren(container, h('h1', {}, `Admin · ${sections.find((s) => s.id === section).label}`), tabs, body);
}

const renderers = {
  async stats(_, { signal }) {
    const stats = await get('/api/admin/stats', { signal });
    const characters = {};
    for (const days of Object.values(stats.charactersByEngineByDay)) {
      for (const [day, count] of Object.entries(days)) characters[day] = (characters[day] ?? 0) + count;
    }
    const range = h('select', { id: 'stats-range', name: 'range' },
      Object.entries(ranges).map(([value, r]) => h('option', { value }, r.label)));
    range.value = sessionStorage.getItem(rangeKey) ?? 'day';
    const charts = h('div', { class: 'charts' });
    const draw = () => {
      sessionStorage.setItem(rangeKey, range.value);
      replaceChildren(charts,
        chart('Characters synthesized', characters, range.value),
        chart('Failures', stats.failuresByDay, range.value));
    };
    range.addEventListener('change', draw);
    draw();
    return h('div', { class: 'admin-stats' },
      h('dl', { class: 'totals' },
        h('dt', {}, 'Documents'), h('dd', {}, String(stats.documents)),
        h('dt', {}, 'Pages'), h('dd', {}, String(stats.pages)),
        Object.entries(stats.audioByStatus).map(([status, count]) => [h('dt', {}, `Audio ${status}`), h('dd', {}, String(count))])),
      h('div', { class: 'field range' }, h('label', { for: 'stats-range' }, 'Range'), range),
      charts,
      h('ul', { class: 'engines' }, Object.entries(stats.charactersByEngineByDay).map(([engine, days]) =>
        h('li', {}, `${engine}: ${Object.values(days).reduce((a, b) => a + b, 0)} characters`))));
  },

  async audit(page, { signal }) {
    const filters = h('form', { class: 'audit-filters' },
      field('audit-action', 'Action', 'text'), field('audit-email', 'E-mail', 'email'),
      field('audit-from', 'From', 'date'), field('audit-to', 'To', 'date'),
      h('button', { type: 'submit' }, 'Filter'));
    const results = h('div', { class: 'audit-results' });
    const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
    const chosen = () => {
      const values = { action: 'audit-action', email: 'audit-email', from: 'audit-from', to: 'audit-to' };
      const query = {};
      for (const [name, id] of Object.entries(values)) {
        const value = filters.querySelector(`#${id}`).value.trim();
        // Dates are days: from the start of "from" to the end of "to", in UTC like the log.
        if (value) query[name] = name === 'from' ? `${value}T00:00:00Z` : name === 'to' ? nextDay(value) : value;
      }
      return query;
    };
    const load = async () => {
      const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize), ...chosen() });
      const result = await get(`/api/admin/audit?${query}`, { signal });
      replaceChildren(results, result.items.length === 0 ? h('p', { class: 'empty' }, 'No entries match.') : table(
        ['When', 'Who', 'Action', 'Target', 'Address', 'Outcome'],
        result.items.map((e) => [formatDate(e.at), e.actorEmail ?? e.actorId, e.action, `${e.targetType} ${e.targetId}`.trim(), e.ip, e.outcome])),
      pager(result, (n) => `#/admin/audit/${n}`, 'Audit pages'));
    };
    filters.addEventListener('submit', (event) => { event.preventDefault(); load().catch(showError(results)); });
    const verify = h('button', { type: 'button', onclick: async () => {
      const answer = await get('/api/admin/audit/verify');
      status.textContent = answer.valid
        ? `The chain holds (${answer.entriesChecked} entries).`
        : `Broken at entry ${answer.firstBrokenSeq}: ${answer.reason}.`;
    } }, 'Verify chain');
    const downloadLink = h('a', { id: 'audit-download', hidden: true }, 'Download again');
    const exportButton = h('button', { type: 'button', onclick: async () => {
      try {
        const { email, from, to } = chosen();
        const answer = await post('/api/admin/audit/export', { email, from, to });
        downloadLink.href = answer.url;
        downloadLink.download = `lector-audit-${answer.name}`;
        downloadLink.hidden = false;
        status.textContent = `Exported ${answer.entries} ${answer.entries === 1 ? 'entry' : 'entries'}; the download starts.`;
        downloadLink.click();
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        status.textContent = error.message;
      }
    } }, 'Export (JSON Lines)');
    await load();
    return h('div', {}, filters, h('div', { class: 'actions' }, verify, exportButton, downloadLink), status, results);
  },

  async failures(page, { signal }) {
    const result = await get(`/api/admin/failures?page=${page}&pageSize=${pageSize}`, { signal });
    return h('div', {},
      result.items.length === 0 ? h('p', { class: 'empty' }, 'Nothing has failed.') : table(
        ['When', 'Kind', 'Document', 'Audio', 'Owner', 'Code', 'Reason'],
        result.items.map((f) => [formatDate(f.at), f.kind, f.documentId, f.audioId ?? '', f.ownerId, f.code, f.message])),
      pager(result, (n) => `#/admin/failures/${n}`, 'Failure pages'));
  },

  async settings(_, { signal, announce }) {
    const settings = await get('/api/admin/settings', { signal });
    const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
    const form = h('form', { class: 'settings-form' },
      field('retentionDays', 'Retention (days)', 'number', settings.retentionDays),
      field('expiryWarningDays', 'Expiry warning (days before)', 'number', settings.expiryWarningDays),
      field('maxAudiosPerPage', 'Voices per page', 'number', settings.maxAudiosPerPage),
      h('div', { class: 'field' }, h('label', {},
        h('input', { id: 'autoDeleteExpired', type: 'checkbox', checked: settings.autoDeleteExpired }), ' Delete expired audio automatically')),
      h('button', { type: 'submit' }, 'Save'), status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const number = (id) => Number(form.querySelector(`#${id}`).value);
      try {
        await put('/api/admin/settings', {
          retentionDays: number('retentionDays'),
          expiryWarningDays: number('expiryWarningDays'),
          maxAudiosPerPage: number('maxAudiosPerPage'),
          autoDeleteExpired: form.querySelector('#autoDeleteExpired').checked,
        });
        status.textContent = 'Saved.';
        announce('Settings saved.');
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        status.textContent = error.message;
      }
    });
    return form;
  },
};

function field(id, label, type, value) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name: id, type, value: value ?? '' }));
}

/** A table whose cells carry their column's name, so a phone can show each row as a labelled card. */
function table(headings, rows) {
  return h('table', { class: 'admin-table' },
    h('thead', {}, h('tr', {}, headings.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((text, i) => h('td', { 'data-label': headings[i] }, String(text)))))));
}

const nextDay = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

const showError = (container) => (error) => replaceChildren(container, h('p', { role: 'alert' }, error.message));

const rangeKey = 'lector.admin.range';
const dayMs = 86_400_000;

/** What the range control offers: how many buckets back from today, and the UTC day each bucket starts on. */
const ranges = {
  day: { label: 'Last 30 days, per day', buckets: 30, start: (d) => d, step: (d) => addDays(d, -1), name: (d) => d.slice(5) },
  week: { label: 'Last 12 weeks, per week', buckets: 12, start: (d) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7)), step: (d) => addDays(d, -7), name: (d) => `wk ${d.slice(5)}` },
  month: { label: 'Last 3 months, per month', buckets: 3, start: (d) => `${d.slice(0, 7)}-01`, step: (d) => previousMonth(d), name: (d) => monthName(d) },
};

const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);

function previousMonth(day) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - 1);
  return date.toISOString().slice(0, 10);
}

const monthName = (day) => new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The series (day -> value) summed into the range's buckets, oldest first, empty buckets included. */
function bucketed(series, rangeName) {
  const range = ranges[rangeName] ?? ranges.day;
  const starts = [range.start(new Date().toISOString().slice(0, 10))];
  while (starts.length < range.buckets) starts.unshift(range.step(starts[0]));
  const totals = starts.map(() => 0);
  for (const [day, value] of Object.entries(series)) {
    const bucket = starts.findLastIndex((start) => start <= day);
    if (bucket >= 0) totals[bucket] += value;
  }
  return starts.map((start, i) => ({ start, name: range.name(start), value: totals[i] }));
}

/** A round number at or above `value` for the top of the scale: 1, 2 or 5 times a power of ten. */
function niceMax(value) {
  if (value <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= value);
}

/**
 * A bar chart with a value scale (0, half, top) and each bucket named under its bar and valued above it, drawn as
 * SVG with attributes only (no inline style, which the CSP refuses). Empty buckets are drawn too, so one day of data
 * shows as one bar among many, not one block.
 */
function chart(title, series, rangeName) {
  const buckets = bucketed(series, rangeName);
  const total = buckets.reduce((sum, b) => sum + b.value, 0);
  const figure = h('figure', { class: 'chart' }, h('figcaption', {}, `${title} · ${total.toLocaleString()} in all`));
  const left = 40;
  // Drawn at about the size it is shown, so its text stays readable on a phone rather than scaled down.
  const width = Math.max(300, Math.min(640, window.innerWidth - 40));
  const top = 16;
  const height = 160;
  const max = niceMax(Math.max(...buckets.map((b) => b.value)));
  const slot = (width - left) / buckets.length;
  const y = (value) => top + height - (value / max) * height;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${top + height + 24}`, role: 'img', class: 'chart-svg',
    'aria-label': `${title}: ${buckets.filter((b) => b.value > 0).map((b) => `${b.name} ${b.value}`).join(', ') || 'none'}` });
  for (const tick of [0, max / 2, max]) {
    svg.append(svgElement('line', { x1: left, x2: width, y1: y(tick), y2: y(tick), class: 'grid' }));
    svg.append(svgElement('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis tick' }, formatCount(tick)));
  }
  const labelEvery = Math.ceil(buckets.length / 10);
  buckets.forEach((bucket, i) => {
    const x = left + i * slot;
    const barHeight = (bucket.value / max) * height;
    const bar = svgElement('rect', { x: x + 1, y: top + height - barHeight, width: Math.max(slot - 2, 1), height: barHeight, class: 'bar' });
    bar.append(svgElement('title', {}, `${bucket.name}: ${bucket.value}`));
    svg.append(bar);
    if (bucket.value > 0) {
      svg.append(svgElement('text', { x: x + slot / 2, y: top + height - barHeight - 3, 'text-anchor': 'middle', class: 'value' }, formatCount(bucket.value)));
    }
    if (i % labelEvery === 0) {
      svg.append(svgElement('text', { x: x + slot / 2, y: top + height + 16, 'text-anchor': 'middle', class: 'axis' }, bucket.name));
    }
  });
  figure.append(svg);
  return figure;
}

/** 1234 -> "1.2k": values fit above narrow bars. */
function formatCount(value) {
  if (value >= 1_000_000) return `${+(value / 1_000_000).toFixed(1)}M`;
  if (value >= 1_000) return `${+(value / 1_000).toFixed(1)}k`;
  return String(+value.toFixed(1));
}

function svgElement(tag, attributes, text) {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}
