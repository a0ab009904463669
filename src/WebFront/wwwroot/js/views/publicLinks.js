// Public read-along links of a document, in its share dialog: make one (voice, how long it works), copy its
// address (shown once: the server keeps only a hash of its secret), list and revoke them.
import { del, get, post } from '../api.js';
import { formatDate, h, replaceChildren } from '../dom.js';

const lifetimes = [
  { days: 1, label: '1 day' },
  { days: 7, label: '1 week' },
  { days: 30, label: '30 days' },
  { days: 365, label: '1 year' },
];
const dayMs = 24 * 60 * 60 * 1000;

/** The "Public links" section of the share dialog; `refresh()` (re)reads voices and links when the dialog opens. */
export function publicLinkControls(document, signal) {
  const base = `/api/documents/${document.id}/links`;
  const list = h('ul', { class: 'link-list', id: 'public-link-list' });
  const status = h('p', { class: 'link-status', 'aria-live': 'polite' });
  const voice = h('select', { id: 'link-voice', name: 'voice' });
  const lifetime = h('select', { id: 'link-lifetime', name: 'lifetime' },
    lifetimes.map((l) => h('option', { value: String(l.days) }, l.label)));
  lifetime.value = '7';
  const created = h('div', { class: 'field', hidden: true },
    h('label', { for: 'public-link-url' }, 'New link (copy it now: it is shown only once)'),
    h('input', { id: 'public-link-url', type: 'text', readonly: true }),
    h('button', { type: 'button', class: 'secondary small', id: 'copy-public-link', onclick: () => copy() }, 'Copy link'));
  const url = created.querySelector('input');
  const form = h('form', { class: 'share-form' },
    h('div', { class: 'field' }, h('label', { for: 'link-voice' }, 'Read by'), voice),
    h('div', { class: 'field' }, h('label', { for: 'link-lifetime' }, 'Works for'), lifetime),
    h('button', { type: 'submit', id: 'create-public-link' }, 'Create link'));
  const element = h('section', { class: 'public-links', 'aria-labelledby': 'public-links-heading' },
    h('h3', { id: 'public-links-heading' }, 'Public links'),
    h('p', { class: 'meta' }, 'Anyone with a public link can listen to this document, and nothing else, without an account, until the link expires or you revoke it.'),
    form, created, status, list);

  async function refresh() {
    const [voices, links] = await Promise.all([
      voice.options.length === 0 ? get('/api/voices', { signal }) : Promise.resolve(null),
      get(base, { signal }),
    ]);
    if (voices) {
      replaceChildren(voice, voices.map((v) => h('option', { value: v.id }, `${v.name} (${v.language}, ${v.engine})`)));
      const preferred = voices.find((v) => v.language.toLowerCase().split('-')[0] === (document.language ?? '').toLowerCase().split('-')[0]);
      if (preferred) voice.value = preferred.id;
    }
    replaceChildren(list, links.length === 0 ? h('li', { class: 'empty' }, 'No public links.') : links.map((link) =>
      h('li', { 'data-link-id': link.id },
        h('span', {}, `${link.voice}, until ${formatDate(link.expiresAt)}`),
        h('button', { type: 'button', class: 'danger small', 'aria-label': `Revoke the link made ${formatDate(link.createdAt)}`,
          onclick: () => run(() => del(`${base}/${link.id}`), 'Link revoked: it no longer works.') }, 'Revoke'))));
  }

  async function run(action, done) {
    try {
      await action();
      status.textContent = done;
      await refresh();
    } catch (error) {
      status.textContent = error.message;
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(url.value);
      status.textContent = 'Link copied.';
    } catch {
      url.select();
      status.textContent = 'Select the link and copy it.';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const expiresAt = new Date(Date.now() + Number(lifetime.value) * dayMs).toISOString();
    void run(async () => {
      const link = await post(base, { voice: voice.value, expiresAt });
      url.value = link.url;
      created.hidden = false;
    }, 'Link created.');
  });
  return { element, refresh };
}
