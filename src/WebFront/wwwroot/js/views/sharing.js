// Sharing: the "Shared with me" list and the share dialog of a document. Both are built against the
// contract's sharing endpoints and stay out of sight on a server that does not offer them yet (404).
import { ApiError, del, get, isAvailable, patch, post } from '../api.js';
import { formatDate, h, replaceChildren } from '../dom.js';
import { statusBadge, titleOf } from './library.js';

const sharedWithMe = '/api/shared-with-me';
const grantable = ['view', 'collaborate', 'share'];
const permissionLabels = { view: 'Can view', collaborate: 'Can collaborate', share: 'Can share', owner: 'Owner' };
const pageSize = 20;

export const sharingAvailable = () => isAvailable(`${sharedWithMe}?page=1&pageSize=1`);

const personOf = (value) => (typeof value === 'string' ? value : value?.displayName ?? value?.email ?? '');
const itemsOf = (answer) => (Array.isArray(answer) ? answer : answer?.items ?? []);

export async function renderSharedWithMe(container, context) {
  const page = Number(context.params[0] ?? 1) || 1;
  let result;
  try {
    result = await get(`${sharedWithMe}?page=${page}&pageSize=${pageSize}`, { signal: context.signal });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    replaceChildren(container, h('h1', {}, 'Shared with me'), h('p', {}, 'Sharing is not available on this server yet.'));
    return;
  }
  const items = itemsOf(result);
  replaceChildren(container,
    h('h1', {}, 'Shared with me'),
    items.length === 0
      ? h('p', { class: 'empty' }, 'Nothing has been shared with you yet.')
      : h('ul', { class: 'document-list' }, items.map((document) =>
        h('li', { class: 'document shared', 'data-id': document.id, 'data-status': document.status },
          h('a', { class: 'document-title', href: `#/documents/${document.id}` }, titleOf(document)),
          statusBadge(document.status),
          h('span', { class: 'meta' }, `From ${personOf(document.owner)}`),
          h('span', { class: 'meta' }, permissionLabels[document.permission] ?? document.permission),
          document.createdAt ? h('span', { class: 'meta' }, formatDate(document.createdAt)) : null))),
    result.totalPages > 1
      ? h('nav', { class: 'pager', 'aria-label': 'Shared pages' },
        page > 1 ? h('a', { href: `#/shared/${page - 1}` }, 'Previous') : null,
        h('span', {}, `Page ${page} of ${result.totalPages}`),
        page < result.totalPages ? h('a', { href: `#/shared/${page + 1}` }, 'Next') : null)
      : null);
}

/** The share button and its dialog, or null when the caller may not share or the server cannot. */
export async function shareControls(document, signal) {
  if (!['share', 'owner'].includes(document.permission)) return null;
  const base = `/api/documents/${document.id}/shares`;
  if (!await isAvailable(base).catch(() => false) || signal.aborted) return null;

  const list = h('ul', { class: 'share-list' });
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const email = h('input', { id: 'share-email', name: 'email', type: 'email', required: true, autocomplete: 'off' });
  const permission = permissionSelect('share-permission');
  const form = h('form', { class: 'share-form' },
    h('div', { class: 'field' }, h('label', { for: 'share-email' }, 'E-mail'), email),
    h('div', { class: 'field' }, h('label', { for: 'share-permission' }, 'Permission'), permission),
    h('button', { type: 'submit' }, 'Share'));
  const dialog = h('dialog', { class: 'confirm share-dialog', 'aria-labelledby': 'share-heading' },
    h('h2', { id: 'share-heading' }, `Share “${titleOf(document)}”`), form, status,
    h('h3', {}, 'People with access'), list,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Close')));

  async function refresh() {
    const shares = itemsOf(await get(base, { signal }));
    replaceChildren(list, shares.length === 0 ? h('li', { class: 'empty' }, 'Not shared with anyone.') : shares.map((share) => {
      const who = share.email ?? personOf(share.user ?? share.displayName);
      const change = permissionSelect(`share-${share.userId}`, share.permission);
      change.setAttribute('aria-label', `Permission of ${who}`);
      change.addEventListener('change', () => run(() => patch(`${base}/${share.userId}`, { permission: change.value }), `Changed access of ${who}.`));
      return h('li', {}, h('span', {}, who), change,
        h('button', { type: 'button', class: 'danger small', 'aria-label': `Revoke access of ${who}`, onclick: () => run(() => del(`${base}/${share.userId}`), `Revoked access of ${who}.`) }, 'Revoke'));
    }));
  }

  async function run(action, done) {
    try {
      await action();
      status.textContent = done;
      await refresh();
    } catch (error) {
      status.textContent = grantedByOther(error)
        ? 'Someone else granted this access: only they or the owner can change it.'
        : error.message;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(async () => {
      await post(base, { email: email.value.trim(), permission: permission.value });
      form.reset();
    }, `Shared with ${email.value.trim()}.`);
  });
  const button = h('button', { type: 'button', id: 'share', class: 'secondary', onclick: () => {
    dialog.showModal();
    refresh().catch((error) => { status.textContent = error.message; });
  } }, 'Share');
  return [button, dialog];
}

const grantedByOther = (error) =>
  error instanceof ApiError && Object.values(error.errors ?? {}).flat().includes('share.granted_by_other');

function permissionSelect(id, value = 'view') {
  const select = h('select', { id }, grantable.map((p) => h('option', { value: p }, permissionLabels[p])));
  select.value = value;
  return select;
}
