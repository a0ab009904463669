// The caller's pronunciation lexicon: how words of their documents are spoken by every voice. The list is saved
// whole (PUT /api/lexicon); the server validates it and names each refused field, shown beside the form.
import { ApiError, get, put } from '../api.js';
import { h, replaceChildren } from '../dom.js';

const lexicon = '/api/lexicon';

/** What the API's lexicon codes mean, for the messages beside the form (the codes are the contract). */
const messages = {
  'lexicon.required': 'Send the list of pronunciations.',
  'lexicon.too_many_entries': 'Keep at most 200 pronunciations.',
  'lexicon.grapheme_required': 'Give the word as it is written.',
  'lexicon.grapheme_too_long': 'The word is too long (at most 60 characters).',
  'lexicon.grapheme_invalid': 'Use letters, digits, apostrophes, hyphens, full stops, ampersands and single spaces, starting with a letter or digit.',
  'lexicon.grapheme_duplicate': 'This word already has a pronunciation.',
  'lexicon.alias_or_phoneme': 'Say how the word is pronounced.',
  'lexicon.alias_too_long': 'The words to say are too long (at most 100 characters).',
  'lexicon.alias_invalid': 'Use letters, digits, apostrophes, hyphens, full stops, commas, ampersands and single spaces.',
  'lexicon.phoneme_too_long': 'The phonemes are too long (at most 100 characters).',
  'lexicon.phoneme_invalid': 'Write the phonemes in the International Phonetic Alphabet, for example pɪˈkɑːn.',
};

const messageFor = (code) => messages[code] ?? code;

export async function renderPronunciations(container, context) {
  let entries = await get(lexicon, { signal: context.signal });
  let editing = null; // index of the entry in the form, or null when adding

  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const wordError = h('p', { id: 'grapheme-error', class: 'error' });
  const spokenError = h('p', { id: 'spoken-error', class: 'error' });
  const word = h('input', { id: 'grapheme', name: 'grapheme', type: 'text', required: true, maxlength: 60, autocomplete: 'off', 'aria-describedby': 'grapheme-error' });
  const spoken = h('input', { id: 'spoken', name: 'spoken', type: 'text', required: true, maxlength: 100, autocomplete: 'off', 'aria-describedby': 'spoken-hint spoken-error' });
  const asAlias = h('input', { id: 'kind-alias', name: 'kind', type: 'radio', value: 'alias', checked: true });
  const asPhoneme = h('input', { id: 'kind-phoneme', name: 'kind', type: 'radio', value: 'phoneme' });
  const heading = h('h2', { id: 'pronunciation-form-title' }, 'Add a pronunciation');
  const submit = h('button', { type: 'submit' }, 'Add');
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => startEditing(null) }, 'Cancel');
  const list = h('div', { class: 'pronunciation-list' });

  function startEditing(index) {
    editing = index;
    const entry = index === null ? null : entries[index];
    word.value = entry?.grapheme ?? '';
    spoken.value = entry?.phoneme ?? entry?.alias ?? '';
    asPhoneme.checked = Boolean(entry?.phoneme);
    asAlias.checked = !entry?.phoneme;
    heading.textContent = entry ? `Edit the pronunciation of ${entry.grapheme}` : 'Add a pronunciation';
    submit.textContent = entry ? 'Save' : 'Add';
    cancel.hidden = !entry;
    wordError.textContent = '';
    spokenError.textContent = '';
    if (entry) word.focus();
  }

  /** Saves the whole list; field errors of the entry in the form go beside its fields, others to the status line. */
  async function save(next, formIndex, done) {
    wordError.textContent = '';
    spokenError.textContent = '';
    status.textContent = '';
    try {
      entries = await put(lexicon, next, { signal: context.signal });
      renderList();
      context.announce(done);
      status.textContent = done;
      return true;
    } catch (error) {
      if (!(error instanceof ApiError) || !error.errors) {
        status.textContent = error.message;
        return false;
      }
      const other = [];
      for (const [field, codes] of Object.entries(error.errors)) {
        const text = codes.map(messageFor).join(' ');
        const match = /^\[(\d+)\]\.(\w+)$/.exec(field);
        if (match && Number(match[1]) === formIndex) {
          (match[2] === 'grapheme' ? wordError : spokenError).textContent = text;
        } else {
          other.push(text);
        }
      }
      status.textContent = other.length > 0 ? `Not saved: ${other.join(' ')}` : 'Not saved: check the fields above.';
      (wordError.textContent ? word : spoken).focus();
      return false;
    }
  }

  async function onSubmit(event) {
    event.preventDefault();
    const entry = { grapheme: word.value, [asPhoneme.checked ? 'phoneme' : 'alias']: spoken.value };
    const next = [...entries];
    const index = editing ?? next.length;
    next[index] = entry;
    if (await save(next, index, editing === null ? `Pronunciation of ${word.value.trim()} added.` : `Pronunciation of ${word.value.trim()} saved.`)) {
      startEditing(null);
    }
  }

  async function remove(index) {
    const { grapheme } = entries[index];
    if (await save(entries.filter((_, i) => i !== index), -1, `Pronunciation of ${grapheme} removed.`)) {
      startEditing(null);
    }
  }

  function renderList() {
    replaceChildren(list, entries.length === 0
      ? h('p', { class: 'empty' }, 'No pronunciations yet.')
      : h('table', { class: 'admin-table pronunciations' },
        h('caption', { class: 'visually-hidden' }, 'Your pronunciations'),
        h('thead', {}, h('tr', {}, ['Word', 'Spoken as', 'Actions'].map((text) => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, entries.map((entry, index) => h('tr', { 'data-grapheme': entry.grapheme },
          h('td', { 'data-label': 'Word' }, entry.grapheme),
          h('td', { 'data-label': 'Spoken as' }, entry.phoneme ? `/${entry.phoneme}/` : entry.alias),
          h('td', { 'data-label': 'Actions' },
            h('button', { type: 'button', class: 'secondary small', 'aria-label': `Edit ${entry.grapheme}`, onclick: () => startEditing(index) }, 'Edit'),
            ' ',
            h('button', { type: 'button', class: 'secondary small', 'aria-label': `Remove ${entry.grapheme}`, onclick: () => remove(index) }, 'Remove')))))));
  }

  renderList();
  replaceChildren(container,
    h('h1', {}, 'Pronunciations'),
    h('p', {}, 'Tell every voice how to say names and words in your documents: with other words, or with phonemes in the International Phonetic Alphabet. ',
      'They apply to the documents you own, for everyone who listens; audio of pages that use a changed word is made again when next played.'),
    list,
    h('form', { class: 'card pronunciation-form', 'aria-labelledby': 'pronunciation-form-title', novalidate: true, onsubmit: onSubmit },
      heading,
      h('div', { class: 'field' }, h('label', { for: 'grapheme' }, 'Word as written'), word, wordError),
      h('fieldset', { class: 'field' },
        h('legend', {}, 'Say it with'),
        h('label', {}, asAlias, ' Other words'),
        h('label', {}, asPhoneme, ' Phonemes (IPA)')),
      h('div', { class: 'field' }, h('label', { for: 'spoken' }, 'Pronunciation'),
        h('small', { id: 'spoken-hint' }, 'For example "guh new", or pɪˈkɑːn in IPA. Case matters: the word is matched as written.'),
        spoken, spokenError),
      h('div', { class: 'actions' }, cancel, submit)),
    status);
}
