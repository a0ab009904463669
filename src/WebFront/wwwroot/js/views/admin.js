// Admin console: statistics (with small SVG bar charts), the audit log, failures and settings. Only admins
// see the navigation entry; the server answers 404 to anyone else, whatever the browser shows.
import { ApiError, get, post, put } from '../api.js';
import { formatDate, h, replaceChildren } from '../dom.js';

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
    return h('div', { class: 'admin-stats' },
      h('dl', { class: 'totals' },
        h('dt', {}, 'Documents'), h('dd', {}, String(stats.documents)),
        h('dt', {}, 'Pages'), h('dd', {}, String(stats.pages)),
        Object.entries(stats.audioByStatus).map(([status, count]) => [h('dt', {}, `Audio ${status}`), h('dd', {}, String(count))])),
      chart('Characters synthesized per day', characters),
      h('ul', { class: 'engines' }, Object.entries(stats.charactersByEngineByDay).map(([engine, days]) =>
        h('li', {}, `${engine}: ${Object.values(days).reduce((a, b) => a + b, 0)} characters`))),
      chart('Failures per day', stats.failuresByDay));
  },

  async audit(page, { signal }) {
    const filters = h('form', { class: 'audit-filters' },
      field('audit-action', 'Action', 'text'), field('audit-user', 'User id', 'text'),
      field('audit-from', 'From', 'date'), field('audit-to', 'To', 'date'),
      h('button', { type: 'submit' }, 'Filter'));
    const results = h('div', { class: 'audit-results' });
    const verifyStatus = h('p', { class: 'form-status', 'aria-live': 'polite' });
    const load = async () => {
      const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
      const values = { action: 'audit-action', userId: 'audit-user', from: 'audit-from', to: 'audit-to' };
      for (const [name, id] of Object.entries(values)) {
        const value = filters.querySelector(`#${id}`).value.trim();
        if (value) query.set(name, value);
      }
      const result = await get(`/api/admin/audit?${query}`, { signal });
      replaceChildren(results, table(['When', 'Actor', 'Action', 'Target', 'Address', 'Outcome'], result.items.map((e) =>
        [formatDate(e.at), e.actorId, e.action, `${e.targetType} ${e.targetId}`.trim(), e.ip, e.outcome])),
      pager('audit', page, result.totalPages));
    };
    filters.addEventListener('submit', (event) => { event.preventDefault(); load().catch(showError(results)); });
    const verify = h('button', { type: 'button', onclick: async () => {
      const answer = await get('/api/admin/audit/verify');
      verifyStatus.textContent = answer.valid
        ? `The chain holds (${answer.entriesChecked} entries).`
        : `Broken at entry ${answer.firstBrokenSeq}: ${answer.reason}.`;
    } }, 'Verify chain');
    const exportButton = h('button', { type: 'button', onclick: async () => {
      const answer = await post('/api/admin/audit/export', {});
      verifyStatus.textContent = `Exported ${answer.entries} entries to ${answer.blobKey}.`;
    } }, 'Export (JSON Lines)');
    await load();
    return h('div', {}, filters, h('div', { class: 'actions' }, verify, exportButton), verifyStatus, results);
  },

  async failures(page, { signal }) {
    const result = await get(`/api/admin/failures?page=${page}&pageSize=${pageSize}`, { signal });
    return h('div', {},
      result.items.length === 0 ? h('p', { class: 'empty' }, 'Nothing has failed.') : table(
        ['When', 'Kind', 'Document', 'Audio', 'Owner', 'Code', 'Reason'],
        result.items.map((f) => [formatDate(f.at), f.kind, f.documentId, f.audioId ?? '', f.ownerId, f.code, f.message])),
      pager('failures', page, result.totalPages));
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

function table(headings, rows) {
  return h('table', { class: 'admin-table' },
    h('thead', {}, h('tr', {}, headings.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((text) => h('td', {}, String(text)))))));
}

function pager(section, page, totalPages) {
  return totalPages > 1
    ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
      page > 1 ? h('a', { href: `#/admin/${section}/${page - 1}` }, 'Previous') : null,
      h('span', {}, `Page ${page} of ${totalPages}`),
      page < totalPages ? h('a', { href: `#/admin/${section}/${page + 1}` }, 'Next') : null)
    : null;
}

const showError = (container) => (error) => replaceChildren(container, h('p', { role: 'alert' }, error.message));

/** A bar chart of day -> value as SVG built with attributes only (no inline style, which the CSP refuses). */
function chart(title, series) {
  const days = Object.keys(series).sort().slice(-30);
  const figure = h('figure', { class: 'chart' }, h('figcaption', {}, title));
  if (days.length === 0) {
    figure.append(h('p', { class: 'empty' }, 'No data yet.'));
    return figure;
  }
  const width = 600;
  const height = 160;
  const max = Math.max(...days.map((d) => series[d]), 1);
  const slot = width / days.length;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height + 20}`, role: 'img', 'aria-label': title, class: 'chart-svg' });
  days.forEach((day, i) => {
    const barHeight = Math.round((series[day] / max) * height);
    const bar = svgElement('rect', { x: i * slot + 2, y: height - barHeight, width: Math.max(slot - 4, 1), height: barHeight, class: 'bar' });
    bar.append(svgElement('title', {}, `${day}: ${series[day]}`));
    svg.append(bar);
  });
  svg.append(svgElement('text', { x: 0, y: height + 16, class: 'axis' }, days[0]));
  svg.append(svgElement('text', { x: width, y: height + 16, 'text-anchor': 'end', class: 'axis' }, days[days.length - 1]));
  figure.append(svg);
  return figure;
}

function svgElement(tag, attributes, text) {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}
