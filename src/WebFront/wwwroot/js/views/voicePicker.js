// The voice picker: a button naming the chosen voice, and a dialog that lists every voice grouped by language and
// region with human names ("English (United Kingdom)"), searchable by name, language, code, engine or gender, with a
// short sample of each. Recently used voices come first, then those of the document's language, then those of the
// reader's own languages (the browser's), then the rest by name. The choice is remembered on this device.
import { h, replaceChildren } from '../dom.js';

const voiceKey = 'lector.voice';
const recentKey = 'lector.recentVoices';
const recentCount = 5;
// Chosen, when they fit the document's language, before other voices: Festival's HTS voice sounds far more natural
// than espeak-ng, and is offered only where Festival is installed.
const preferredVoices = ['festival:en-us-slt', 'local:en-us'];
const engineNames = { local: 'eSpeak NG', festival: 'Festival', polly: 'Amazon Polly' };
const genderNames = { female: 'female', male: 'male' };

const displayLocales = [...(navigator.languages ?? []), 'en'];
const languageNames = new Intl.DisplayNames(displayLocales, { type: 'language', fallback: 'none' });
const regionNames = new Intl.DisplayNames(displayLocales, { type: 'region', fallback: 'none' });

/** "en" of "en-US", lower case: voices and documents name regions differently, but a language is a language. */
const primaryOf = (tag) => (tag ?? '').split('-')[0].toLowerCase();

/**
 * A voice's language and region ("en" and "GB" of "en-gb-x-gbclan") named for the reader ("English (United
 * Kingdom)"). The tag is read subtag by subtag, as engines write tags Intl.Locale refuses ("en-us-nyc"); languages
 * the browser has no name for (espeak-ng's Quenya, Klingon...) are named by the engine's own name for the voice.
 */
function placeOf(voice) {
  const [language, ...rest] = voice.language.toLowerCase().split('-');
  const privateUse = rest.indexOf('x');
  const region = (privateUse < 0 ? rest : rest.slice(0, privateUse)).find((part) => /^([a-z]{2}|\d{3})$/.test(part))?.toUpperCase();
  const name = safeName(languageNames, language) ?? (voice.name.replace(/\s*\(.*\)$/, '') || language);
  const regionName = region ? safeName(regionNames, region) ?? region : '';
  return { label: regionName ? `${name} (${regionName})` : name };
}

function safeName(names, code) {
  try {
    return names.of(code);
  } catch {
    return undefined;
  }
}

/** "Festival · female · en-US": how a voice is told apart from the others of its group. */
function detailsOf(voice) {
  const gender = genderNames[voice.gender] ?? 'gender unknown';
  return `${engineNames[voice.engine] ?? voice.engine} · ${gender} · ${voice.language}`;
}

function recentVoices() {
  try {
    const stored = JSON.parse(localStorage.getItem(recentKey) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Fires `change` when the reader picks another voice (or the picker picks for a new document language).
 * `value` is the chosen voice id; `element` is the control to place, with its dialog.
 * `onPreview` is called before a sample plays (to pause other audio); `onMessage` gets what to tell the reader.
 */
export class VoicePicker extends EventTarget {
  constructor(voices, { documentLanguage, onPreview = () => {}, onMessage = () => {} } = {}) {
    super();
    this.voices = voices;
    this.byId = new Map(voices.map((v) => [v.id, { voice: v, place: placeOf(v) }]));
    this.onPreview = onPreview;
    this.onMessage = onMessage;
    this.documentLanguage = documentLanguage;
    this.chosen = '';

    this.current = h('span', { id: 'voice-current', class: 'voice-current' });
    this.button = h('button', { type: 'button', id: 'voice', class: 'voice-button secondary', 'aria-haspopup': 'dialog',
      'aria-labelledby': 'voice-label voice-current', onclick: () => this.open() }, this.current);
    this.previewButton = h('button', { type: 'button', id: 'preview-voice', class: 'secondary small', onclick: () => this.preview(this.chosen) }, 'Preview');
    this.previewPlayer = h('audio', { id: 'voice-preview', preload: 'none' });
    this.previewPlayer.addEventListener('playing', () => this.element.querySelectorAll('[aria-busy]').forEach((b) => b.removeAttribute('aria-busy')));

    this.search = h('input', { type: 'search', id: 'voice-search', autocomplete: 'off', spellcheck: false,
      placeholder: 'Name, language or code', 'aria-describedby': 'voice-count', oninput: () => this.filter() });
    this.search.addEventListener('keydown', (event) => {
      // Down from the search field goes to the first voice listed, as in a combobox.
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.visibleRadios()[0]?.focus();
      }
    });
    this.count = h('p', { id: 'voice-count', class: 'meta', 'aria-live': 'polite' });
    this.list = h('div', { class: 'voice-list' });
    this.list.addEventListener('keydown', (event) => {
      // Enter on a voice takes it, as Enter on an option of a list box would.
      if (event.key === 'Enter' && event.target.matches('input[type="radio"]')) {
        event.preventDefault();
        event.target.checked = true;
        this.form.requestSubmit();
      }
    });
    this.dialogStatus = h('p', { class: 'form-status', 'aria-live': 'polite' });
    this.form = h('form', { class: 'voice-form' },
      h('div', { class: 'voice-dialog-head' },
        h('h2', { id: 'voice-dialog-heading' }, 'Choose a voice'),
        h('div', { class: 'field' }, h('label', { for: 'voice-search' }, 'Search voices'), this.search),
        this.count),
      this.list,
      h('div', { class: 'actions voice-dialog-actions' },
        this.dialogStatus,
        h('button', { type: 'button', class: 'secondary', onclick: () => this.preview(this.checkedValue()) }, 'Preview'),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.dialog.close() }, 'Cancel'),
        h('button', { type: 'submit' }, 'Use this voice')));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const id = this.checkedValue();
      this.dialog.close();
      if (id) this.choose(id);
    });
    this.dialog = h('dialog', { class: 'voice-dialog', 'aria-labelledby': 'voice-dialog-heading' }, this.form);
    this.dialog.addEventListener('close', () => {
      this.previewPlayer.pause();
      this.button.focus();
    });

    this.element = h('div', { class: 'field voice' },
      h('span', { id: 'voice-label', class: 'label' }, 'Voice'),
      h('div', { class: 'voice-choice' }, this.button, this.previewButton),
      this.previewPlayer,
      this.dialog);

    this.value = this.initialChoice();
  }

  get value() {
    return this.chosen;
  }

  /** Shows a voice as chosen without telling listeners (they read `value` when they start). */
  set value(id) {
    this.chosen = this.byId.has(id) ? id : '';
    const entry = this.byId.get(this.chosen);
    replaceChildren(this.current,
      h('span', { class: 'voice-name' }, entry ? entry.voice.name : 'No voice'),
      entry ? h('span', { class: 'voice-place' }, ` ${entry.place.label} · ${engineNames[entry.voice.engine] ?? entry.voice.engine}`) : null);
    this.button.dataset.voice = this.chosen;
    this.previewButton.disabled = !this.chosen;
    const name = this.nameOf(this.chosen);
    // Not "Preview voice …": the picker is the one control labelled "Voice".
    this.previewButton.setAttribute('aria-label', `Preview ${name}`);
    this.previewButton.title = `Hear a short sample of ${name}`;
  }

  has(id) {
    return this.byId.has(id);
  }

  /** "SLT (HTS), English (United States), Festival": a voice as the reader knows it, or its id when it is not offered. */
  nameOf(id) {
    const entry = this.byId.get(id);
    return entry ? `${entry.voice.name}, ${entry.place.label}, ${engineNames[entry.voice.engine] ?? entry.voice.engine}` : id;
  }

  /** Picks a voice as the reader would: remembered for next time, first among the recent ones, and announced. */
  choose(id, { remember = true } = {}) {
    if (!this.byId.has(id)) return;
    if (remember) {
      localStorage.setItem(voiceKey, id);
      localStorage.setItem(recentKey, JSON.stringify([id, ...recentVoices().filter((r) => r !== id)].slice(0, recentCount)));
    }
    this.value = id;
    this.dispatchEvent(new Event('change'));
  }

  /** A new document language: keeps the voice if it speaks that language, otherwise the closest one that does. */
  setDocumentLanguage(language) {
    this.documentLanguage = language;
    const keep = primaryOf(this.byId.get(this.chosen)?.voice.language) === primaryOf(language);
    this.value = keep ? this.chosen : this.initialChoice();
    this.dispatchEvent(new Event('change'));
  }

  stopPreview() {
    this.previewPlayer.pause();
  }

  /** 0: the document's exact language, 1: its other regions, 2: another language (or the document has none). */
  documentRank(voice) {
    const wanted = primaryOf(this.documentLanguage);
    if (wanted === '') return 2;
    if (voice.language.toLowerCase() === (this.documentLanguage ?? '').toLowerCase()) return 0;
    return primaryOf(voice.language) === wanted ? 1 : 2;
  }

  /** The remembered voice when it speaks the document's language, else a preferred one that does, else the closest. */
  initialChoice() {
    const fits = (id) => this.byId.has(id) && this.documentRank(this.byId.get(id).voice) < 2;
    const remembered = localStorage.getItem(voiceKey);
    const candidates = [remembered, ...preferredVoices];
    const closest = this.groups().flatMap((g) => g.voices).find((v) => this.documentRank(v) < 2)?.id;
    return candidates.find(fits) ?? closest ?? candidates.find((id) => this.byId.has(id)) ?? this.voices[0]?.id ?? '';
  }

  /**
   * The groups in the order shown: recently used voices, then each language and region, those of the document's
   * language first (its exact tag, then its other regions), then those of the reader's languages, then by name.
   */
  groups() {
    const recent = recentVoices().filter((id) => this.byId.has(id));
    const groups = new Map();
    for (const voice of this.voices) {
      if (recent.includes(voice.id)) continue;
      // Grouped by name: two tags the browser names alike are one language and region to the reader.
      const { label } = this.byId.get(voice.id).place;
      if (!groups.has(label)) groups.set(label, { label, voices: [] });
      groups.get(label).voices.push(voice);
    }
    const userLanguages = (navigator.languages ?? []).map((l) => l.toLowerCase());
    const userRank = (voice) => {
      const exact = userLanguages.indexOf(voice.language.toLowerCase());
      if (exact >= 0) return exact;
      const primary = userLanguages.findIndex((l) => primaryOf(l) === primaryOf(voice.language));
      return primary >= 0 ? userLanguages.length + primary : Infinity;
    };
    const best = (group, rank) => Math.min(...group.voices.map(rank));
    const preferred = (voice) => (preferredVoices.includes(voice.id) ? preferredVoices.indexOf(voice.id) : preferredVoices.length);
    const ordered = [...groups.values()]
      .sort((a, b) => best(a, (v) => this.documentRank(v)) - best(b, (v) => this.documentRank(v))
        || best(a, userRank) - best(b, userRank)
        || a.label.localeCompare(b.label));
    for (const group of ordered) group.voices.sort((a, b) => preferred(a) - preferred(b) || a.name.localeCompare(b.name));
    const recentGroup = { label: 'Recently used', recent: true, voices: recent.map((id) => this.byId.get(id).voice) };
    return recentGroup.voices.length > 0 ? [recentGroup, ...ordered] : ordered;
  }

  /** Opens the dialog on the chosen voice, with the groups in their current order and the search cleared. */
  open() {
    this.dialogStatus.textContent = '';
    this.search.value = '';
    let index = 0;
    replaceChildren(this.list, this.groups().map((group) =>
      h('fieldset', { class: group.recent ? 'voice-group recent' : 'voice-group' },
        h('legend', {}, group.label),
        h('ul', {}, group.voices.map((voice) => {
          const id = `voice-option-${index++}`;
          const { place } = this.byId.get(voice.id);
          const details = detailsOf(voice);
          const radio = h('input', { type: 'radio', name: 'voice-choice', id, value: voice.id, checked: voice.id === this.chosen });
          radio.addEventListener('dblclick', () => this.form.requestSubmit());
          return h('li', { class: 'voice-option', 'data-search': `${voice.name} ${place.label} ${details} ${voice.id}`.toLowerCase() },
            radio,
            h('label', { for: id },
              h('span', { class: 'voice-name' }, voice.name),
              h('span', { class: 'meta' }, details)),
            // Out of the tab order: the dialog's own Preview button plays the checked voice from the keyboard.
            h('button', { type: 'button', class: 'secondary small', tabindex: '-1', 'aria-label': `Play ${voice.name}, ${details}`,
              onclick: () => {
                radio.checked = true;
                this.preview(voice.id);
              } }, 'Play'));
        })))));
    this.filter();
    this.dialog.showModal();
    this.search.focus();
    this.list.querySelector('input:checked')?.scrollIntoView({ block: 'center' });
  }

  /** Hides the voices that do not match every word of the search, and the groups left empty. */
  filter() {
    const words = this.search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const group of this.list.querySelectorAll('.voice-group')) {
      let inGroup = 0;
      for (const option of group.querySelectorAll('.voice-option')) {
        const match = words.every((w) => option.dataset.search.includes(w));
        option.hidden = !match;
        if (match) inGroup++;
      }
      group.hidden = inGroup === 0;
      shown += inGroup;
    }
    const total = this.voices.length;
    this.count.textContent = words.length === 0
      ? `${total} voices`
      : shown === 0 ? 'No voice matches.' : `${shown} of ${total} voices match.`;
  }

  visibleRadios() {
    return [...this.list.querySelectorAll('.voice-option:not([hidden]) input[type="radio"]')]
      .filter((radio) => !radio.closest('.voice-group').hidden);
  }

  checkedValue() {
    return this.list.querySelector('input[name="voice-choice"]:checked')?.value ?? '';
  }

  /** Plays the short sample of a voice (made on the server the first time anyone asks for it). */
  async preview(id) {
    if (!id) {
      this.dialogStatus.textContent = 'Choose a voice to hear it.';
      return;
    }
    this.onPreview();
    const busy = this.dialog.open ? this.dialog.querySelector(`input[value="${CSS.escape(id)}"]`)?.parentElement.querySelector('button') : this.previewButton;
    busy?.setAttribute('aria-busy', 'true');
    this.previewPlayer.src = `/api/voices/${encodeURIComponent(id)}/preview`;
    try {
      await this.previewPlayer.play();
    } catch (error) {
      busy?.removeAttribute('aria-busy');
      const message = error.name === 'NotAllowedError' ? 'Press “Preview” again to hear this voice.'
        : error.name !== 'AbortError' ? 'The preview of this voice could not be played.' : '';
      if (!message) return;
      if (this.dialog.open) this.dialogStatus.textContent = message;
      else this.onMessage(message);
    }
  }
}
