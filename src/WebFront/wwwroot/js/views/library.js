// The library: the caller's documents (paged, with status), upload by picker or drag-and-drop with real
// upload progress, pasted text, and delete with confirmation.
import { del, get, post, upload } from '../api.js';
import { delay, formatDate, h, isAbort, replaceChildren } from '../dom.js';

const pageSize = 20;
const refreshWhileProcessingMs = 2000;
const statusLabels = { processing: 'Processing', ready: 'Ready', failed: 'Failed' };

/** A document's title for display; an upload may arrive without one. */
export const titleOf = (document) => document.title || 'Untitled';

export function statusBadge(status) {
  return h('span', { class: `badge badge-${status}` }, statusLabels[status] ?? status);
}

export async function renderLibrary(container, context) {
  const page = Number(context.params[0] ?? 1) || 1;
  const list = h('div', { class: 'documents', 'aria-busy': 'true' });
  const listStatus = h('p', { class: 'list-status', 'aria-live': 'polite' });
  const confirm = confirmDialog();

  replaceChildren(container,
    h('h1', {}, 'Library'),
    h('section', { class: 'add', 'aria-labelledby': 'add-heading' },
      h('h2', { id: 'add-heading' }, 'Add a document'),
      h('div', { class: 'add-forms' }, uploadForm(context, refresh), pasteForm(context, refresh))),
    h('section', { 'aria-labelledby': 'documents-heading' },
      h('h2', { id: 'documents-heading' }, 'Your documents'),
      listStatus, list),
    confirm.element);

  async function load() {
    const result = await get(`/api/documents?page=${page}&pageSize=${pageSize}`, { signal: context.signal });
    showDocuments(list, listStatus, result, page, context, confirm, refresh);
    return result;
  }

  // Documents being processed change status on their own; follow them until none is left processing.
  let following = false;
  async function follow() {
    following = true;
    try {
      let processing = true;
      while (processing) {
        await delay(refreshWhileProcessingMs, context.signal);
        processing = (await load()).items.some(isProcessing);
      }
    } catch (error) {
      if (!isAbort(error)) listStatus.textContent = `Could not refresh the list: ${error.message}`;
    } finally {
      following = false;
    }
  }

  async function refresh() {
    const result = await load();
    if (!following && result.items.some(isProcessing)) void follow();
  }

  await refresh();
}

const isProcessing = (document) => document.status === 'processing';

function showDocuments(list, listStatus, result, page, context, confirm, refresh) {
  list.setAttribute('aria-busy', 'false');
  if (result.totalItems === 0) {
    listStatus.textContent = '';
    replaceChildren(list, h('p', { class: 'empty' }, 'No documents yet. Upload a file or paste some text above.'));
    return;
  }
  const processing = result.items.filter(isProcessing).length;
  listStatus.textContent = processing > 0 ? `${processing} document(s) being processed…` : '';
  replaceChildren(list,
    h('ul', { class: 'document-list' }, result.items.map((document) => documentRow(document, context, confirm, refresh))),
    pager(result, page));
}

function documentRow(document, context, confirm, refresh) {
  const remove = h('button', {
    type: 'button', class: 'danger small', 'aria-label': `Delete ${titleOf(document)}`,
    onclick: async () => {
      if (!await confirm.ask(`Delete “${titleOf(document)}”? Its pages and audio are deleted too.`)) return;
      try {
        await del(`/api/documents/${document.id}`);
        context.announce(`Deleted ${titleOf(document)}.`);
        await refresh();
      } catch (error) {
        context.announce(`Could not delete: ${error.message}`);
      }
    },
  }, 'Delete');
  return h('li', { class: 'document', 'data-id': document.id, 'data-status': document.status },
    h('a', { class: 'document-title', href: `#/documents/${document.id}` }, titleOf(document)),
    statusBadge(document.status),
    h('span', { class: 'meta' }, document.pageCount === 1 ? '1 page' : `${document.pageCount} pages`),
    h('span', { class: 'meta' }, h('time', { datetime: document.createdAt }, formatDate(document.createdAt))),
    remove);
}

function pager(result, page) {
  if (result.totalPages <= 1) return null;
  return h('nav', { class: 'pager', 'aria-label': 'Library pages' },
    page > 1 ? h('a', { href: `#/library/${page - 1}`, rel: 'prev' }, 'Previous') : null,
    h('span', {}, `Page ${page} of ${result.totalPages}`),
    page < result.totalPages ? h('a', { href: `#/library/${page + 1}`, rel: 'next' }, 'Next') : null);
}

function uploadForm(context, refresh) {
  const input = h('input', {
    id: 'upload-file', type: 'file', class: 'visually-hidden-input',
    accept: '.txt,.md,.markdown,.html,.htm,.pdf,.docx,.epub,text/plain,text/markdown,text/html,application/pdf,application/epub+zip,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
  const progress = h('progress', { id: 'upload-progress', max: '100', value: '0', 'aria-label': 'Upload progress', hidden: true });
  const status = h('p', { id: 'upload-status', 'aria-live': 'polite' });
  const zone = h('div', { class: 'dropzone' },
    h('label', { for: 'upload-file', class: 'button' }, 'Choose a file'),
    h('span', {}, ' or drop it here'),
    h('small', {}, 'Text, Markdown, HTML, PDF, Word or EPUB'));
  let busy = false;

  async function send(file) {
    if (busy) return;
    busy = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `Uploading ${file.name}…`;
    try {
      await upload('/api/documents', file, {
        title: file.name.replace(/\.[^.]+$/, ''),
        signal: context.signal,
        onProgress: (fraction) => { progress.value = Math.round(fraction * 100); },
      });
      progress.value = 100;
      status.textContent = `Uploaded ${file.name}; it is being processed.`;
      await refresh();
    } catch (error) {
      if (isAbort(error)) return;
      status.textContent = `Upload failed: ${error.message}`;
    } finally {
      busy = false;
      input.value = '';
    }
  }

  input.addEventListener('change', () => {
    if (input.files.length > 0) send(input.files[0]);
  });
  // The label is the keyboard-reachable control; Enter or Space opens the picker like a button.
  zone.querySelector('label').tabIndex = 0;
  zone.querySelector('label').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      input.click();
    }
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files?.[0];
    if (file) send(file);
  });

  return h('div', { class: 'card upload' }, h('h3', {}, 'Upload a file'), input, zone, progress, status);
}

function pasteForm(context, refresh) {
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Add text');
  const form = h('form', { class: 'card paste' },
    h('h3', {}, 'Paste text'),
    h('div', { class: 'field' }, h('label', { for: 'paste-title' }, 'Title'),
      h('input', { id: 'paste-title', name: 'title', type: 'text', required: true, maxlength: '200' })),
    h('div', { class: 'field' }, h('label', { for: 'paste-text' }, 'Text'),
      h('textarea', { id: 'paste-text', name: 'text', rows: '6', required: true })),
    submit, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    submit.disabled = true;
    status.textContent = 'Adding…';
    try {
      await post('/api/documents', { title: data.get('title'), text: data.get('text') }, { signal: context.signal });
      form.reset();
      status.textContent = 'Added; it is being processed.';
      await refresh();
    } catch (error) {
      if (!isAbort(error)) status.textContent = `Could not add the text: ${error.message}`;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** A modal confirmation built on <dialog>: focus is trapped, Escape cancels, focus returns afterwards. */
function confirmDialog() {
  const message = h('p', { id: 'confirm-message' });
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-heading', 'aria-describedby': 'confirm-message' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'confirm-heading' }, 'Are you sure?'),
      message,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', value: 'cancel', class: 'secondary', autofocus: true }, 'Cancel'),
        h('button', { type: 'submit', value: 'confirm', class: 'danger' }, 'Delete'))));
  return {
    element: dialog,
    ask(text) {
      message.textContent = text;
      dialog.returnValue = '';
      dialog.showModal();
      return new Promise((resolve) => {
        dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
      });
    },
  };
}
