// Sharing: the "Shared with me" list and the share dialog of a document, built against the contract's sharing
// endpoints and the shapes they answer.
import { ApiError, del, get, patch, post } from '../api.js';
import { formatDate, h, pager, replaceChildren } from '../dom.js';
import { statusBadge, titleOf } from './library.js';
import { publicLinkControls } from './publicLinks.js';

const sharedWithMe = '/api/shared-with-me';
const grantable = ['view', 'collaborate', 'share'];
const permissionLabels = { view: 'Can view', collaborate: 'Can collaborate', share: 'Can share', owner: 'Owner' };
const pageSize = 20;

/** Who someone is to other people: their name, or their e-mail when they gave none. */
const personOf = (someone) => someone.displayName || someone.email;

export async function renderSharedWithMe(container, context) {
  const page = Number(context.params[0] ?? 1) || 1;
  const result = await get(`${sharedWithMe}?page=${page}&pageSize=${pageSize}`, { signal: context.signal });
  const items = result.items;
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
          h('span', { class: 'meta' }, formatDate(document.sharedAt))))),
    pager(result, (n) => `#/shared/${n}`, 'Shared pages'));
}

/** The share button and its dialog, or null when the caller may not share. */
export function shareControls(document, signal) {
  if (!['share', 'owner'].includes(document.permission)) return null;
  const base = `/api/documents/${document.id}/shares`;

  const list = h('ul', { class: 'share-list' });
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const email = h('input', { id: 'share-email', name: 'email', type: 'email', required: true, autocomplete: 'off' });
  const permission = permissionSelect('share-permission');
  const links = publicLinkControls(document, signal);
  const form = h('form', { class: 'share-form' },
    h('div', { class: 'field' }, h('label', { for: 'share-email' }, 'E-mail'), email),
    h('div', { class: 'field' }, h('label', { for: 'share-permission' }, 'Permission'), permission),
    h('button', { type: 'submit' }, 'Share'));
  const dialog = h('dialog', { class: 'confirm share-dialog', 'aria-labelledby': 'share-heading' },
    h('h2', { id: 'share-heading' }, `Share “${titleOf(document)}”`), form, status,
    h('h3', {}, 'People with access'), list,
    links.element,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Close')));

  async function refresh() {
    const shares = await get(base, { signal });
    replaceChildren(list, shares.length === 0 ? h('li', { class: 'empty' }, 'Not shared with anyone.') : shares.map((share) => {
      const who = share.email;
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
    Promise.all([refresh(), links.refresh()]).catch((error) => { status.textContent = error.message; });
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
