// The reader: chapters and pages, the page text with the word being spoken highlighted (from the audio's speech
// marks; every engine gives them, audio made before they did has none), the page's audio managed, the voice and the
// audiobook, and the player bar, which plays from the page shown to the end. Clicking or tapping a sentence plays
// from there, as does choosing one with the arrow keys in the focused text (SentenceChoice) and pressing Enter. Page
// changes inside the reader keep the player alive, so the URL is updated without re-routing.
import { ApiError, get, put } from '../api.js';
import { delay, h, isAbort, replaceChildren } from '../dom.js';
import { statusBadge, titleOf } from './library.js';
import { shareControls } from './sharing.js';
import { DocumentEvents } from './documentEvents.js';
import { SpokenText } from './spokenText.js';
import { detailsControls } from './documentDetails.js';
import { AudioSource } from './audioSource.js';
import { Audiobook } from './audiobook.js';
import { clock } from './clock.js';
import { PageAudio } from './pageAudio.js';
import { Player } from './player.js';
import { ReaderNav } from './readerNav.js';
import { SentenceChoice } from './sentenceChoice.js';
import { VoicePicker } from './voicePicker.js';

const processingPollMs = 1500;

export async function renderReader(container, context) {
  const documentId = context.params[0];
  const firstPage = Number(context.params[1] ?? 1) || 1;
  const base = `/api/documents/${documentId}`;

  let document = await get(base, { signal: context.signal });
  while (document.status === 'processing') {
    replaceChildren(container, header(document),
      h('p', { class: 'processing', role: 'status' }, 'This document is being processed. The page updates by itself when it is ready.'),
      h('progress', { 'aria-label': 'Processing' }));
    await delay(processingPollMs, context.signal);
    document = await get(base, { signal: context.signal });
  }
  if (document.status === 'failed') {
    replaceChildren(container, header(document),
      h('p', { class: 'error', role: 'alert' }, `Processing failed: ${document.error?.message ?? 'unknown reason'}`));
    return;
  }

  const [voices, chapters, position] = await Promise.all([
    get('/api/voices', { signal: context.signal }),
    get(`${base}/chapters`, { signal: context.signal }),
    get(`${base}/position`, { signal: context.signal }).catch((error) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }),
  ]);
  const reader = new Reader(container, context, document, voices, chapters);
  await Promise.all([reader.nav.load(), reader.audiobook.load()]);
  await reader.showPage(Math.min(Math.max(firstPage, 1), Math.max(document.pageCount, 1)));
  if (position && position.page <= document.pageCount) reader.offerResume(position);
  const details = detailsControls(document, voices, (saved) => reader.onDetailsSaved(saved));
  if (details) container.querySelector('.reader-header').append(...details);
  const sharing = shareControls(document, context.signal);
  if (sharing) container.querySelector('.reader-header').append(...sharing);
}

function header(document) {
  return h('div', { class: 'reader-header' },
    h('p', {}, h('a', { href: '#/library' }, '← Library')),
    h('h1', { id: 'document-heading' }, titleOf(document)), statusBadge(document.status),
    h('span', { class: 'meta' }, document.pageCount === 1 ? '1 page' : `${document.pageCount} pages`));
}

class Reader {
  constructor(container, context, document, voices, chapters) {
    this.container = container;
    this.context = context;
    this.document = document;
    this.base = `/api/documents/${document.id}`;
    // `view` may play audio that exists but not ask for new audio; the server enforces it, the UI just hides it.
    this.canRequestAudio = ['collaborate', 'share', 'owner'].includes(document.permission);
    this.pageNumber = 0;
    this.page = null;
    this.pageWork = null;
    /** The speech marks of the audio playing, for highlighting and "play from here". */
    this.marks = { audioId: null, list: [] };

    this.nav = new ReaderNav({ base: this.base, hrefOf: (n) => this.pageHash(n), onChoose: (n) => this.goTo(n), signal: context.signal });
    this.nav.addChapters(chapters);
    this.pageHeading = h('h2', { id: 'page-heading', tabindex: '-1' });
    this.pageText = h('div', { class: 'page-text', id: 'page-text', role: 'region', 'aria-label': 'Page text',
      'aria-describedby': 'page-text-keys' });
    this.pageText.addEventListener('click', (event) => this.playFromHere(event));
    this.spoken = new SpokenText(this.pageText);
    this.choice = new SentenceChoice(this.pageText, {
      spoken: this.spoken, announce: context.announce, signal: context.signal,
      onPlay: (index) => void this.playFrom(index),
      onToggle: () => this.player.toggle(),
      visibleBottom: () => this.player.element.getBoundingClientRect().top,
    });
    // Exactly what the engine is sent: numbers, abbreviations and addresses as they are read out, furniture left out.
    this.speechText = h('p', { id: 'page-speech', class: 'page-speech' });
    this.speech = h('details', { class: 'speech' }, h('summary', {}, 'What will be spoken'), this.speechText);
    this.resumeBar = h('div', { class: 'resume', role: 'region', 'aria-label': 'Resume', hidden: true });
    this.voice = new VoicePicker(voices, { documentLanguage: document.language,
      onPreview: () => this.player.pause(), onMessage: (text) => this.setState(text) });
    this.canEdit = this.canRequestAudio;
    this.editButton = h('button', { type: 'button', id: 'edit-page', class: 'secondary small', hidden: !this.canEdit, onclick: () => this.editText() }, 'Edit text');
    this.source = new AudioSource({ base: this.base, voice: () => this.voice.value, canRequestAudio: this.canRequestAudio, signal: context.signal });
    this.pageAudio = new PageAudio({
      base: this.base, voice: this.voice, canRequestAudio: this.canRequestAudio, announce: context.announce,
      title: () => titleOf(this.document),
      voiceName: (id) => this.voice.nameOf(id),
      onDeleted: (audio) => {
        if (this.player.loaded?.id === audio.id) this.player.cue(this.pageNumber);
        if (this.page) this.page.audio = (this.page.audio ?? []).filter((a) => a.id !== audio.id);
      },
      onRemake: (number) => {
        this.player.cue(number);
        void this.player.play(number);
      },
    });
    this.audiobook = new Audiobook(document, { voice: this.voice, canMake: this.canRequestAudio, signal: context.signal });
    this.player = new Player({
      pageCount: document.pageCount, chapters, title: titleOf(document), signal: context.signal,
      voiceName: () => this.voice.nameOf(this.voice.value),
      audioOf: (number, signal, onState) => this.audioOf(number, signal, onState),
      onNavigate: (number, onItsOwn) => void this.goTo(number, { fromPlayer: true, onItsOwn }),
      onAudio: (number, audio) => void this.followMarks(number, audio),
      onTime: (number, ms) => {
        if (number !== this.pageNumber) return;
        if (ms < 0) this.spoken.clear();
        else this.spoken.update(ms);
      },
      onPosition: (page, offsetMs) => this.savePosition(page, offsetMs),
      onPlay: () => this.voice.stopPreview(),
    });
    this.events = new DocumentEvents(document, { voice: this.voice, pageList: this.nav.pageList, signal: context.signal,
      // The current page's state follows the events too, so its audio line agrees with the page list.
      onAudio: (audio) => {
        if (audio.page === this.pageNumber) this.pageAudio.show(audio.page, audio);
        this.source.settle(audio);
      },
      onExport: (view) => this.audiobook.follow(view),
      onResync: () => {
        void this.source.resync();
        void this.audiobook.load();
      },
    });

    this.voice.addEventListener('change', () => {
      this.player.cue(this.pageNumber);
      this.pageAudio.show(this.pageNumber, this.audioForVoice(this.page));
    });

    replaceChildren(container,
      header(document),
      this.resumeBar,
      h('section', { class: 'listening', 'aria-label': 'Listening' }, this.voice.element, this.audiobook.element),
      h('div', { class: 'reader' },
        this.nav.element,
        h('article', { class: 'page', 'aria-labelledby': 'page-heading' },
          h('div', { class: 'page-heading' }, this.pageHeading, this.editButton),
          this.pageAudio.line,
          this.pageText,
          h('p', { class: 'meta hint', id: 'page-text-keys' },
            'Click or tap a sentence to play from there. In the text, the up and down arrows choose one and Enter plays from it.',
            // Screen readers in browse mode keep the arrows to themselves.
            h('span', { class: 'visually-hidden' }, ' With a screen reader, switch to focus mode first.')),
          this.speech, this.pageAudio.details)),
      this.player.element);

    // The page scrolls clear of the player bar, whatever height its controls wrap to.
    // (`document` here is Lector's document, not the page's.)
    const body = container.ownerDocument.body;
    const reserve = new ResizeObserver(() => body.style.setProperty('--player-height', `${this.player.element.offsetHeight}px`));
    reserve.observe(this.player.element);

    context.signal.addEventListener('abort', () => {
      reserve.disconnect();
      body.style.removeProperty('--player-height');
      this.pageWork?.abort();
      this.voice.stopPreview();
    });
  }

  pageHash(number) {
    return `#/documents/${this.document.id}/pages/${number}`;
  }

  /**
   * Shows another page; chosen in the player bar, the focus stays there. Pages the player moves on to by itself
   * replace each other in the history, so that Back leads to where listening started.
   */
  async goTo(number, { fromPlayer = false, onItsOwn = false } = {}) {
    if (number < 1 || number > this.document.pageCount) return;
    if (onItsOwn) history.replaceState(null, '', this.pageHash(number));
    else history.pushState(null, '', this.pageHash(number));
    await this.showPage(number);
    if (!fromPlayer) this.pageHeading.focus();
  }

  async showPage(number) {
    this.pageWork?.abort();
    const work = new AbortController();
    this.pageWork = work;
    const signal = AbortSignal.any([work.signal, this.context.signal]);
    this.player.show(number);
    try {
      const page = await get(`${this.base}/pages/${number}`, { signal });
      this.pageNumber = number;
      this.page = page;
      const printed = page.label ? ` (printed page ${page.label})` : '';
      this.pageHeading.textContent = `Page ${number}${printed}${page.title ? `: ${page.title}` : ''}`;
      this.spoken.show(page);
      this.choice.show(page, this.document.language);
      this.editButton.hidden = !this.canEdit;
      this.speechText.textContent = page.speech;
      this.nav.markCurrent(number);
      this.pageAudio.show(number, this.audioForVoice(page));
      void this.pageAudio.load(number, signal);
      // The player may have started this page's audio before its text was here.
      if (this.player.page === number && this.player.loaded) void this.followMarks(number, this.player.loaded);
    } catch (error) {
      if (!isAbort(error)) this.player.say(`Could not load page ${number}: ${error.message}`, 'failed');
    }
  }

  /** Replaces the page text with an editor; saving re-derives what is spoken, and the page's audio goes out of date. */
  editText() {
    if (!this.page) return;
    const number = this.pageNumber;
    const editor = h('textarea', { id: 'page-editor', rows: '14', 'aria-label': `Text of page ${number}` });
    editor.value = this.page.text;
    const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
    const form = h('form', { class: 'page-edit' }, editor,
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, 'Save text'),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.showPage(number) }, 'Cancel')),
      status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await put(`${this.base}/pages/${number}`, { text: editor.value });
        this.context.announce('Page saved. Its audio is out of date until it is made again.');
        await this.showPage(number);
      } catch (error) {
        status.textContent = error instanceof ApiError && error.errors
          ? Object.values(error.errors).flat().join(' ')
          : error.message;
      }
    });
    this.player.cue(number);
    this.editButton.hidden = true;
    this.choice.show(null);
    replaceChildren(this.pageText, form);
    editor.focus();
  }

  /** Offers to go back to where this reader stopped last time (on this device or another). */
  offerResume(position) {
    const at = position.offsetMs > 0 ? ` at ${clock(position.offsetMs)}` : '';
    replaceChildren(this.resumeBar,
      h('p', {}, `You stopped on page ${position.page}${at}.`),
      h('button', { type: 'button', id: 'resume', onclick: () => this.resume(position) }, 'Resume'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { this.resumeBar.hidden = true; } }, 'Dismiss'));
    this.resumeBar.hidden = false;
  }

  async resume(position) {
    this.resumeBar.hidden = true;
    if (this.voice.has(position.voice)) this.voice.choose(position.voice, { remember: false });
    if (position.page !== this.pageNumber) await this.goTo(position.page);
    await this.player.play(position.page, position.offsetMs);
  }

  /** Saves the place being listened to on the server, so any device can resume there. */
  savePosition(page, offsetMs) {
    put(`${this.base}/position`, { page, offsetMs, voice: this.voice.value }).catch(() => {
      // Best effort: the next save carries the position again.
    });
  }

  /** After the owner changed the details: the new title, and the voices of a new language first. */
  async onDetailsSaved(document) {
    this.document = document;
    this.context.announce('Details saved.');
    this.container.querySelector('#document-heading').textContent = titleOf(document);
    this.voice.setDocumentLanguage(document.language);
    // The page's speech follows the language, and its audio is stale now.
    await this.showPage(this.pageNumber);
  }


  /** A page's audio, its states shown on the page's audio line too (their events may have come before the stream was open). */
  audioOf(number, signal, onState) {
    return this.source.audioOf(number, signal, (audio) => {
      if (number === this.pageNumber) this.pageAudio.show(number, audio);
      onState?.(audio);
    });
  }

  audioForVoice(page) {
    return page?.audio?.find((a) => a.voice === this.voice.value) ?? null;
  }

  setState(text) {
    this.player.say(text, 'idle');
  }

  /**
   * The speech marks of an audio, read once. Audio without marks (made before its engine gave them, or Polly refusing
   * them) answers 404 (audio.no_marks): the page then plays without highlighting, and no other failure of this
   * optional extra is shown either.
   */
  async marksOf(audio, signal) {
    if (this.marks.audioId !== audio.id) {
      let list;
      try {
        list = await get(`/api/audio/${audio.id}/marks`, { signal });
      } catch {
        list = [];
      }
      this.marks = { audioId: audio.id, list: Array.isArray(list) ? list : [] };
    }
    return this.marks.list;
  }

  /** Lays the marks of the audio playing over the page text, once both are here. */
  async followMarks(number, audio) {
    const marks = await this.marksOf(audio, this.context.signal);
    if (number !== this.pageNumber || this.player.loaded?.id !== audio.id || this.spoken.follows(audio.id)) return;
    this.spoken.follow(audio.id, marks);
    this.spoken.update(this.player.audio.currentTime * 1000);
  }

  /** Plays from the sentence clicked or tapped; links and selections are left alone. */
  playFromHere(event) {
    if (!this.page || event.target.closest('a, form') || !getSelection()?.isCollapsed) return;
    const index = this.spoken.indexAt(event.clientX, event.clientY);
    if (index < 0) return;
    this.choice.clear();
    void this.playFrom(index);
  }

  /** Plays from the sentence holding this character of the page's plain text, making the page's audio first when needed. */
  async playFrom(index) {
    if (!this.page) return;
    const number = this.pageNumber;
    const signal = AbortSignal.any([this.pageWork.signal, this.context.signal]);
    try {
      const audio = this.player.page === number && this.player.loaded
        ? this.player.loaded
        : await this.audioOf(number, signal, (state) => this.player.sayState(number, state));
      const marks = await this.marksOf(audio, signal);
      await this.player.play(number, startOf(marks, index));
    } catch (error) {
      if (!isAbort(error)) this.player.fail(`could not play from there: ${error.message}`);
    }
  }
}

/** When the sentence holding a character of the page text starts (the word, without sentence marks; else 0). */
function startOf(marks, index) {
  const starting = (type) => marks.filter((m) => m.type === type && m.start <= index).sort((a, b) => a.start - b.start).at(-1);
  return (starting('sentence') ?? starting('word'))?.timeMs ?? 0;
}
