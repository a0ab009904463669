// The library: "continue listening", then the caller's documents (searched, sorted, paged, with status, format and
// listening progress); adding a document (upload by picker or drag-and-drop with real progress, or pasted text)
// sits behind one "Add a document" disclosure, open by itself only while the library is empty.
import { del, get, post, upload } from '../api.js';
import { delay, formatDate, h, isAbort, pager, replaceChildren } from '../dom.js';

const pageSize = 20;
const refreshWhileProcessingMs = 2000;
const statusLabels = { processing: 'Processing', ready: 'Ready', failed: 'Failed' };
const formatLabels = { pdf: 'PDF', docx: 'Word', epub: 'EPUB', txt: 'Text file', markdown: 'Markdown', html: 'HTML', text: 'Pasted text', url: 'Web page' };
const sortLabels = { recent: 'Recently listened', title: 'Title', added: 'Recently added' };
const queryKey = 'lector.library.query';
const continueCount = 3;

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
  const query = JSON.parse(sessionStorage.getItem(queryKey) ?? '{}');
  const search = h('input', { id: 'library-search', type: 'search', name: 'q', maxlength: '200', value: query.q ?? '', autocomplete: 'off' });
  const sort = h('select', { id: 'library-sort', name: 'sort' },
    Object.entries(sortLabels).map(([value, label]) => h('option', { value }, label)));
  sort.value = query.sort ?? 'recent';
  const continuing = h('section', { class: 'continue', 'aria-labelledby': 'continue-heading', hidden: true },
    h('h2', { id: 'continue-heading' }, 'Continue listening'), h('ul', { class: 'continue-list' }));
  const adding = h('details', { class: 'add' },
    h('summary', { class: 'button' }, 'Add a document'),
    h('div', { class: 'add-forms' }, uploadForm(context, refresh), pasteForm(context, refresh), importForm(context, refresh)));

  replaceChildren(container,
    h('div', { class: 'library-header' }, h('h1', {}, 'Library'), adding),
    continuing,
    h('section', { 'aria-labelledby': 'documents-heading' },
      h('h2', { id: 'documents-heading' }, 'Your documents'),
      h('form', { class: 'library-query', role: 'search', onsubmit: (event) => { event.preventDefault(); void refresh(); } },
        h('div', { class: 'field' }, h('label', { for: 'library-search' }, 'Search'), search),
        h('div', { class: 'field' }, h('label', { for: 'library-sort' }, 'Sort by'), sort)),
      listStatus, list),
    confirm.element);
  sort.addEventListener('change', () => void refresh());
  let typing;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void refresh(), 250);
  });

  let first = true;
  async function load() {
    const chosen = { q: search.value.trim(), sort: sort.value };
    sessionStorage.setItem(queryKey, JSON.stringify(chosen));
    const parameters = new URLSearchParams({ page: String(page), pageSize: String(pageSize), sort: chosen.sort });
    if (chosen.q) parameters.set('q', chosen.q);
    const [result, recent] = await Promise.all([
      get(`/api/documents?${parameters}`, { signal: context.signal }),
      get(`/api/documents?page=1&pageSize=${continueCount}&sort=recent`, { signal: context.signal }),
    ]);
    showContinuing(continuing, recent.items.filter((d) => d.position));
    showDocuments(list, listStatus, result, page, chosen, context, confirm, refresh);
    // A new reader's library is empty: the forms to add a first document are open for them.
    if (first && recent.totalItems === 0) adding.open = true;
    first = false;
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

/** The documents listened to most recently, each leading back to where it was left. */
function showContinuing(section, documents) {
  section.hidden = documents.length === 0;
  replaceChildren(section.querySelector('ul'), documents.map((document) =>
    h('li', {}, h('a', { class: 'continue-link', href: `#/documents/${document.id}/pages/${document.position.page}` },
      h('span', { class: 'document-title' }, titleOf(document)),
      h('span', { class: 'meta' }, `Page ${document.position.page} of ${document.pageCount} · ${sinceText(document.lastListenedAt)}`)))));
}

/** "5 minutes ago", in the reader's language. */
function sinceText(at) {
  const seconds = Math.round((Date.parse(at) - Date.now()) / 1000);
  const format = new Intl.RelativeTimeFormat(navigator.language || 'en', { numeric: 'auto' });
  const units = [['day', 86_400], ['hour', 3_600], ['minute', 60]];
  const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1];
  return format.format(Math.round(seconds / size), unit);
}

const isProcessing = (document) => document.status === 'processing';

function showDocuments(list, listStatus, result, page, chosen, context, confirm, refresh) {
  list.setAttribute('aria-busy', 'false');
  if (result.totalItems === 0) {
    listStatus.textContent = '';
    replaceChildren(list, h('p', { class: 'empty' }, chosen.q
      ? `No document title contains “${chosen.q}”.`
      : 'No documents yet. Add one with “Add a document” above.'));
    return;
  }
  const processing = result.items.filter(isProcessing).length;
  listStatus.textContent = processing > 0 ? `${processing} document(s) being processed…` : '';
  replaceChildren(list,
    h('ul', { class: 'document-list' }, result.items.map((document) => documentRow(document, context, confirm, refresh))),
    pager(result, (n) => `#/library/${n}`, 'Library pages'));
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
  const pages = document.pageCount === 1 ? '1 page' : `${document.pageCount} pages`;
  const progress = document.position
    ? h('span', { class: 'progress meta' },
      h('progress', { max: String(Math.max(document.pageCount, 1)), value: String(document.position.page), 'aria-label': `Listened to page ${document.position.page} of ${document.pageCount}` }),
      `Page ${document.position.page} of ${document.pageCount}`)
    : h('span', { class: 'progress meta' }, pages);
  return h('li', { class: 'document', 'data-id': document.id, 'data-status': document.status },
    h('a', { class: 'document-title', href: `#/documents/${document.id}` }, titleOf(document)),
    statusBadge(document.status),
    h('span', { class: 'meta format' }, formatLabels[document.sourceType] ?? ''),
    progress,
    h('span', { class: 'meta' }, h('time', { datetime: document.createdAt }, formatDate(document.createdAt))),
    remove);
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

/** An article from the web: the server fetches the page (refusing private addresses) and keeps its main text. */
function importForm(context, refresh) {
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Import');
  const form = h('form', { class: 'card import' },
    h('h3', {}, 'Import a web page'),
    h('div', { class: 'field' }, h('label', { for: 'import-url' }, 'Address (URL)'),
      h('input', { id: 'import-url', name: 'url', type: 'url', required: true, maxlength: '2000', placeholder: 'https://' })),
    submit, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const url = new FormData(form).get('url');
    submit.disabled = true;
    status.textContent = 'Fetching the page…';
    try {
      await post('/api/documents', { url }, { signal: context.signal });
      form.reset();
      status.textContent = 'Imported; it is being processed.';
      await refresh();
    } catch (error) {
      if (!isAbort(error)) status.textContent = `Could not import the page: ${error.message}`;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
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
