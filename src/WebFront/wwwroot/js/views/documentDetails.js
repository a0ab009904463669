// The owner's "Edit details" dialog: the document's title and the language its pages are spoken in. A new language
// changes how every page is spoken, so the server marks the document's audio stale; the dialog says so first.
import { ApiError, patch } from '../api.js';
import { h } from '../dom.js';
import { titleOf } from './library.js';

/** The button and its dialog, or null when the caller is not the owner. `onSaved` gets the document as it is now. */
export function detailsControls(document, voices, onSaved) {
  if (document.permission !== 'owner') return null;
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const title = h('input', { id: 'document-title', name: 'title', required: true, maxlength: '200', autocomplete: 'off' });
  const language = h('select', { id: 'document-language', name: 'language' });
  const form = h('form', { class: 'details-form' },
    h('div', { class: 'field' }, h('label', { for: 'document-title' }, 'Title'), title),
    h('div', { class: 'field' }, h('label', { for: 'document-language' }, 'Language'), language,
      h('p', { class: 'hint' }, 'Pages are read as text in this language. Changing it makes existing audio out of date.')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel')));
  const dialog = h('dialog', { class: 'confirm details-dialog', 'aria-labelledby': 'details-heading' },
    h('h2', { id: 'details-heading' }, 'Document details'), form, status);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const changes = {};
    if (title.value.trim() !== document.title) changes.title = title.value.trim();
    if (language.value !== (document.language ?? '')) changes.language = language.value;
    try {
      const saved = await patch(`/api/documents/${document.id}`, changes);
      Object.assign(document, saved);
      dialog.close();
      onSaved(saved);
    } catch (error) {
      status.textContent = error instanceof ApiError && error.errors
        ? Object.values(error.errors).flat().map(describeError).join(' ')
        : error.message;
    }
  });
  const button = h('button', { type: 'button', id: 'edit-details', class: 'secondary', onclick: () => {
    title.value = titleOf(document);
    fillLanguages(language, voices, document.language);
    status.textContent = '';
    dialog.showModal();
  } }, 'Edit details');
  return [button, dialog];
}

/** One option per language the voices speak (by primary language), plus the document's own when no voice speaks it. */
function fillLanguages(select, voices, current) {
  const codes = new Set(voices.map((v) => primaryLanguage(v.language)));
  if (current) codes.add(current);
  const options = [...codes].map((code) => ({ code, name: languageName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  select.replaceChildren(...(current ? [] : [h('option', { value: '' }, 'Not known')]),
    ...options.map((o) => h('option', { value: o.code }, o.name === o.code ? o.code : `${o.name} (${o.code})`)));
  select.value = current ?? '';
}

function describeError(code) {
  switch (code) {
    case 'document.invalid_language': return 'Choose a language from the list.';
    case 'document.empty_title': return 'Give the document a title.';
    default: return code;
  }
}

const displayNames = new Intl.DisplayNames([navigator.language || 'en'], { type: 'language' });

/** A language's name in the reader's own language ("Spanish" for "es"), or the code when there is none. */
export function languageName(code) {
  try {
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "en" of "en-US", lower case: voices and documents name regions differently, but a language is a language. */
export const primaryLanguage = (tag) => (tag ?? '').split('-')[0].toLowerCase();
