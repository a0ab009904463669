// The caller's notifications (document shared with you, synthesis failed, audio expiring), newest first,
// each marked read on request. Plain buttons and links only, so it works with the keyboard alone.
import { get, post } from '../api.js';
import { formatDate, h, pager, replaceChildren } from '../dom.js';

const notifications = '/api/notifications';
const pageSize = 20;

export async function renderNotifications(container, context) {
  const page = Number(context.params[0] ?? 1) || 1;
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });

  async function markRead(ids, done) {
    try {
      await post(`${notifications}/read`, { ids }, { signal: context.signal });
      context.announce(done);
      await renderNotifications(container, context);
    } catch (error) {
      status.textContent = error.message;
    }
  }

  const result = await get(`${notifications}?page=${page}&pageSize=${pageSize}`, { signal: context.signal });
  const unread = result.items.filter((n) => !n.read);
  replaceChildren(container,
    h('h1', {}, 'Notifications'),
    unread.length > 0
      ? h('div', { class: 'actions' }, h('button', { type: 'button', id: 'mark-all-read', class: 'secondary',
        onclick: () => markRead(unread.map((n) => n.id), 'All notifications marked read.') }, 'Mark all read'))
      : null,
    status,
    result.items.length === 0
      ? h('p', { class: 'empty' }, 'No notifications.')
      : h('ul', { class: 'notification-list' }, result.items.map((n) =>
        h('li', { class: n.read ? 'notification read' : 'notification unread', 'data-id': n.id, 'data-kind': n.kind },
          h('p', { class: 'message' }, n.message),
          h('span', { class: 'meta' }, formatDate(n.createdAt)),
          n.data?.count ? h('span', { class: 'meta' }, `${n.data.count} times`) : null,
          n.read ? h('span', { class: 'meta' }, 'Read') : h('span', { class: 'badge' }, 'New'),
          n.data?.documentId ? h('a', { href: `#/documents/${n.data.documentId}` }, 'Open document') : null,
          n.read ? null : h('button', { type: 'button', class: 'secondary small', 'aria-label': `Mark read: ${n.message}`,
            onclick: () => markRead([n.id], 'Notification marked read.') }, 'Mark read')))),
    pager(result, (n) => `#/notifications/${n}`, 'Notification pages'));
}
