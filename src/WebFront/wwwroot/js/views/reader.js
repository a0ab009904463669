// The reader: chapter and page lists, page text, and a player that synthesizes the current page in the chosen voice,
// follows its state (pending, generating, completed, failed + retry) and can play straight through the
// document; while a page plays, the word being spoken is highlighted when its audio has speech marks (every engine
// gives them; audio made before they did has none).
// Page changes inside the reader keep the player alive, so the URL is updated without re-routing.
import { ApiError, del, get, post, put } from '../api.js';
import { delay, h, isAbort, replaceChildren } from '../dom.js';
import { statusBadge, titleOf } from './library.js';
import { shareControls } from './sharing.js';
import { DocumentAudio } from './documentAudio.js';
import { SpokenText } from './spokenText.js';
import { detailsControls } from './documentDetails.js';
import { VoicePicker } from './voicePicker.js';

const processingPollMs = 1500;
const pageListSize = 100;
const speedKey = 'lector.speed';
/** How often the place being listened to is saved while playing; pausing, ending and leaving save at once. */
const savePositionEveryMs = 5000;

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

  const [voices, firstPages, chapters, position] = await Promise.all([
    get('/api/voices', { signal: context.signal }),
    get(`${base}/pages?page=1&pageSize=${pageListSize}`, { signal: context.signal }),
    get(`${base}/chapters`, { signal: context.signal }),
    get(`${base}/position`, { signal: context.signal }).catch((error) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }),
  ]);
  const reader = new Reader(container, context, document, voices);
  reader.addChapters(chapters);
  reader.addPages(firstPages);
  await reader.documentAudio.load();
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
  constructor(container, context, document, voices) {
    this.container = container;
    this.context = context;
    this.document = document;
    this.base = `/api/documents/${document.id}`;
    // `view` may play audio that exists but not ask for new audio; the server enforces it, the UI just hides it.
    this.canRequestAudio = ['collaborate', 'share', 'owner'].includes(document.permission);
    this.pageNumber = 0;
    this.page = null;
    this.audio = null;
    this.playThrough = false;
    this.pageWork = null;
    this.loadedPageLists = 0;
    /** Audio ids being waited for, with what to call when each is completed or failed. */
    this.awaited = new Map();

    this.chapterList = h('ol', { class: 'chapter-list' });
    this.chapters = h('nav', { class: 'chapters', 'aria-label': 'Chapters', hidden: true }, h('h2', {}, 'Chapters'), this.chapterList);
    this.pageList = h('ol', { class: 'page-list' });
    this.morePages = h('button', { type: 'button', class: 'secondary small', hidden: true, onclick: () => this.loadMorePages() }, 'More pages');
    this.pageHeading = h('h2', { id: 'page-heading', tabindex: '-1' });
    this.pageText = h('div', { class: 'page-text', id: 'page-text' });
    this.spoken = new SpokenText(this.pageText);
    // Exactly what the engine is sent: numbers, abbreviations and addresses as they are read out, furniture left out.
    this.speechText = h('p', { id: 'page-speech', class: 'page-speech' });
    this.speech = h('details', { class: 'speech' }, h('summary', {}, 'What will be spoken'), this.speechText);
    this.playingAudioId = null;
    this.pendingSeekMs = 0;
    this.lastSavedAt = 0;
    this.resumeBar = h('div', { class: 'resume', role: 'region', 'aria-label': 'Resume', hidden: true });
    this.voice = new VoicePicker(voices, { documentLanguage: document.language,
      onPreview: () => this.player.pause(), onMessage: (text) => this.setState(text) });
    this.speed = h('input', { id: 'speed', type: 'range', min: '0.5', max: '2', step: '0.25', value: localStorage.getItem(speedKey) ?? '1' });
    this.speedValue = h('output', { for: 'speed', id: 'speed-value' });
    // Enabled once a page is shown: before that there is nothing to play (and no page number to ask for).
    this.playButton = h('button', { type: 'button', id: 'play-page', disabled: true, onclick: () => this.play() }, 'Play page');
    this.throughButton = h('button', { type: 'button', id: 'play-document', class: 'secondary', 'aria-pressed': 'false', onclick: () => this.togglePlayThrough() }, 'Play document');
    this.retryButton = h('button', { type: 'button', id: 'retry-audio', class: 'secondary small', hidden: true, onclick: () => this.retry() }, 'Retry');
    this.regenerateButton = h('button', { type: 'button', id: 'regenerate-audio', class: 'secondary small', hidden: true, onclick: () => this.play() }, 'Regenerate');
    this.deleteAudioButton = h('button', { type: 'button', id: 'delete-audio', class: 'danger small', hidden: true, onclick: () => this.deleteAudio() }, 'Delete audio');
    this.canEdit = this.canRequestAudio;
    this.pageAudio = h('details', { class: 'page-audio' }, h('summary', {}, 'Voices of this page'), h('div', { class: 'page-audio-body' }));
    this.editButton = h('button', { type: 'button', id: 'edit-page', class: 'secondary small', hidden: !this.canEdit, onclick: () => this.editText() }, 'Edit text');
    this.download = h('a', { id: 'download-audio', class: 'button secondary', hidden: true }, 'Download');
    this.state = h('p', { id: 'audio-state', class: 'audio-state' });
    this.stateProgress = h('progress', { id: 'audio-progress', 'aria-label': 'Synthesis progress', hidden: true });
    this.player = h('audio', { id: 'player', controls: true, preload: 'none' });
    this.previous = h('button', { type: 'button', class: 'secondary', onclick: () => this.goTo(this.pageNumber - 1) }, '‹ Previous page');
    this.next = h('button', { type: 'button', class: 'secondary', onclick: () => this.goTo(this.pageNumber + 1) }, 'Next page ›');
    this.documentAudio = new DocumentAudio(document, { canRequestAudio: this.canRequestAudio, voice: this.voice, pageList: this.pageList, signal: context.signal,
      // The current page's state follows the events too, so its player line agrees with the page list.
      onAudio: (audio) => {
        if (audio.page === this.pageNumber) this.showAudio(audio);
        this.settle(audio);
      },
      onResync: () => void this.resync(),
    });

    this.voice.addEventListener('change', () => {
      this.stopPlayback();
      this.showAudio(this.audioForVoice(this.page));
    });
    this.speed.addEventListener('input', () => this.applySpeed());
    this.player.addEventListener('play', () => this.voice.stopPreview());
    this.player.addEventListener('timeupdate', () => {
      this.spoken.update(this.player.currentTime * 1000);
      if (Date.now() - this.lastSavedAt >= savePositionEveryMs) this.savePosition();
    });
    this.player.addEventListener('pause', () => this.savePosition());
    this.player.addEventListener('loadedmetadata', () => {
      if (this.pendingSeekMs > 0) this.player.currentTime = this.pendingSeekMs / 1000;
      this.pendingSeekMs = 0;
    });
    this.player.addEventListener('seeked', () => this.spoken.update(this.player.currentTime * 1000));
    this.player.addEventListener('ended', () => {
      this.spoken.clear();
      this.onEnded();
    });
    this.player.addEventListener('error', () => {
      if (this.player.getAttribute('src')) this.setState('The audio could not be played.');
    });
    this.applySpeed();

    replaceChildren(container,
      header(document),
      this.resumeBar,
      h('div', { class: 'reader' },
        h('div', { class: 'reader-side' },
          this.chapters,
          h('nav', { class: 'pages', 'aria-label': 'Pages' }, h('h2', {}, 'Pages'), this.pageList, this.morePages)),
        h('article', { class: 'page', 'aria-labelledby': 'page-heading' },
          h('div', { class: 'page-heading' }, this.pageHeading, this.editButton),
          this.pageText, this.speech, this.pageAudio, h('div', { class: 'page-nav' }, this.previous, this.next))),
      h('section', { class: 'player-bar', 'aria-label': 'Player' },
        h('div', { class: 'controls' },
          this.voice.element,
          h('div', { class: 'field speed' }, h('label', { for: 'speed' }, 'Speed'), this.speed, this.speedValue),
          h('div', { class: 'buttons' }, this.playButton, this.throughButton, this.download)),
        h('div', { class: 'status-line', 'aria-live': 'polite' }, this.state, this.retryButton, this.regenerateButton, this.deleteAudioButton),
        this.stateProgress,
        this.player,
        this.documentAudio.element));

    // The page scrolls clear of the player bar, whatever height its controls wrap to.
    // (`document` here is Lector's document, not the page's.)
    const playerBar = container.querySelector('.player-bar');
    const body = container.ownerDocument.body;
    const reserve = new ResizeObserver(() => body.style.setProperty('--player-height', `${playerBar.offsetHeight}px`));
    reserve.observe(playerBar);

    context.signal.addEventListener('abort', () => {
      reserve.disconnect();
      body.style.removeProperty('--player-height');
      this.savePosition();
      this.pageWork?.abort();
      this.player.pause();
      this.player.removeAttribute('src');
      this.voice.stopPreview();
    });
  }

  /** Lists the chapters (from the outline or headings); each leads to its first page. */
  addChapters(chapters) {
    this.chapters.hidden = chapters.length === 0;
    for (const chapter of chapters) {
      const pages = chapter.firstPage === chapter.lastPage ? `Page ${chapter.firstPage}` : `Pages ${chapter.firstPage}–${chapter.lastPage}`;
      const link = h('a', { href: this.pageHash(chapter.firstPage), 'data-first-page': String(chapter.firstPage), 'data-last-page': String(chapter.lastPage) },
        h('span', { class: 'page-number' }, chapter.title),
        h('span', { class: 'preview' }, pages));
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.goTo(chapter.firstPage);
      });
      this.chapterList.append(h('li', {}, link));
    }
  }

  addPages(result) {
    this.loadedPageLists = result.page;
    for (const page of result.items) {
      // The printed page label ("xii") beside Lector's number, where the document has them.
      const link = h('a', { href: this.pageHash(page.number), 'data-page': String(page.number) },
        h('span', { class: 'page-number' }, `Page ${page.number}`,
          page.label ? h('span', { class: 'page-label', title: 'Printed page number' }, ` · ${page.label}`) : null),
        h('span', { class: 'preview' }, page.preview));
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.goTo(page.number);
      });
      this.pageList.append(h('li', {}, link));
    }
    this.morePages.hidden = result.page >= result.totalPages;
  }

  async loadMorePages() {
    const result = await get(`${this.base}/pages?page=${this.loadedPageLists + 1}&pageSize=${pageListSize}`, { signal: this.context.signal });
    this.addPages(result);
  }

  pageHash(number) {
    return `#/documents/${this.document.id}/pages/${number}`;
  }

  async goTo(number, { autoplay = false } = {}) {
    if (number < 1 || number > this.document.pageCount) return;
    history.pushState(null, '', this.pageHash(number));
    await this.showPage(number, { autoplay });
    if (!autoplay) this.pageHeading.focus();
  }

  async showPage(number, { autoplay = false } = {}) {
    this.pageWork?.abort();
    const work = new AbortController();
    this.pageWork = work;
    const signal = AbortSignal.any([work.signal, this.context.signal]);
    if (!autoplay) this.stopPlayback();
    try {
      const page = await get(`${this.base}/pages/${number}`, { signal });
      this.pageNumber = number;
      this.page = page;
      const printed = page.label ? ` (printed page ${page.label})` : '';
      this.pageHeading.textContent = `Page ${number}${printed}${page.title ? `: ${page.title}` : ''}`;
      this.spoken.show(page);
      this.editButton.hidden = !this.canEdit;
      this.speechText.textContent = page.speech;
      for (const link of this.pageList.querySelectorAll('a')) {
        link.toggleAttribute('aria-current', Number(link.dataset.page) === number);
        if (link.hasAttribute('aria-current')) link.setAttribute('aria-current', 'page');
      }
      // The chapter the page is in (the last one starting at or before it, when chapters share a page).
      const chapterLinks = [...this.chapterList.querySelectorAll('a')];
      const current = chapterLinks.findLast((link) => Number(link.dataset.firstPage) <= number && number <= Number(link.dataset.lastPage));
      for (const link of chapterLinks) {
        if (link === current) link.setAttribute('aria-current', 'true');
        else link.removeAttribute('aria-current');
      }
      this.previous.disabled = number <= 1;
      this.next.disabled = number >= this.document.pageCount;
      this.showAudio(this.audioForVoice(page));
      this.playButton.disabled = false;
      void this.showPageAudio(signal);
      if (autoplay) await this.play();
    } catch (error) {
      if (!isAbort(error)) this.setState(`Could not load page ${number}: ${error.message}`);
    }
  }

  /**
   * The page's audio in every voice, with the page's voice limit: which voices hold a slot, which are out of date,
   * and a way to free one. Shown before the limit is hit, so nobody learns of it from a refusal.
   */
  async showPageAudio(signal) {
    const number = this.pageNumber;
    let list;
    try {
      list = await get(`${this.base}/pages/${number}/audio`, { signal });
    } catch (error) {
      if (!isAbort(error)) replaceChildren(this.pageAudio.lastElementChild, h('p', { class: 'error' }, error.message));
      return;
    }
    if (number !== this.pageNumber) return;
    const full = list.quota.used >= list.quota.max;
    const chosenHasSlot = list.items.some((a) => a.voice === this.voice.value);
    replaceChildren(this.pageAudio.lastElementChild,
      h('p', { id: 'page-quota', class: full && !chosenHasSlot ? 'warning' : 'meta' },
        `${list.quota.used} of ${list.quota.max} voices used on this page.`,
        full && !chosenHasSlot ? ' Delete the audio of one voice to add another.' : ''),
      list.items.length === 0 ? null : h('ul', { class: 'page-audio-list' }, list.items.map((audio) =>
        h('li', {},
          h('span', {}, this.voice.nameOf(audio.voice)),
          h('span', { class: 'meta' }, audio.stale ? 'out of date' : statusLabel(audio.status)),
          this.canRequestAudio
            ? h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete the audio in ${this.voice.nameOf(audio.voice)}`, onclick: () => this.deleteAudio(audio) }, 'Delete')
            : null))));
    if (full && !chosenHasSlot) this.pageAudio.open = true;
  }

  /** Deletes an audio of this page (the chosen voice's by default), which frees its voice's slot. */
  async deleteAudio(audio = this.audio) {
    if (!audio) return;
    try {
      if (this.playingAudioId === audio.id) this.stopPlayback();
      await del(`/api/audio/${audio.id}`);
      this.context.announce('Audio deleted.');
      if (this.page) this.page.audio = (this.page.audio ?? []).filter((a) => a.id !== audio.id);
      if (audio.voice === this.voice.value) this.showAudio(null);
      await this.showPageAudio(AbortSignal.any([this.pageWork.signal, this.context.signal]));
    } catch (error) {
      if (!isAbort(error)) this.setState(`Could not delete the audio: ${error.message}`);
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
    this.stopPlayback();
    this.editButton.hidden = true;
    replaceChildren(this.pageText, form);
    editor.focus();
  }

  /** Offers to go back to where this reader stopped last time (on this device or another). */
  offerResume(position) {
    const at = position.offsetMs > 0 ? ` at ${duration(position.offsetMs)}` : '';
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
    this.pendingSeekMs = position.offsetMs;
    await this.play();
  }

  /** Saves the place in the audio now playing (or paused) on the server, so any device can resume there. */
  savePosition() {
    if (!this.playingAudioId || !this.player.getAttribute('src') || !this.pageNumber) return;
    this.savePositionAt(this.pageNumber, Math.round(this.player.currentTime * 1000));
  }

  savePositionAt(page, offsetMs) {
    this.lastSavedAt = Date.now();
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

  audioForVoice(page) {
    return page?.audio?.find((a) => a.voice === this.voice.value) ?? null;
  }

  applySpeed() {
    const rate = Number(this.speed.value);
    this.player.defaultPlaybackRate = rate;
    this.player.playbackRate = rate;
    this.speedValue.textContent = `${rate}×`;
    this.speed.setAttribute('aria-valuetext', `${rate} times`);
    localStorage.setItem(speedKey, String(rate));
  }

  togglePlayThrough() {
    this.playThrough = !this.playThrough;
    this.throughButton.setAttribute('aria-pressed', String(this.playThrough));
    this.throughButton.textContent = this.playThrough ? 'Stop after this page' : 'Play document';
    if (this.playThrough && this.player.paused) void this.play();
  }

  stopPlayback() {
    this.savePosition();
    this.player.pause();
    this.player.removeAttribute('src');
    this.player.load();
    this.playingAudioId = null;
    this.spoken.forget();
  }

  /**
   * Lays the audio's speech marks over the page text. Audio without marks (made before its engine gave them, or
   * Polly refusing them) answers 404 (audio.no_marks): the page then plays without highlighting, and no other
   * failure of this optional extra is shown either.
   */
  async followMarks(audio, signal) {
    if (this.spoken.follows(audio.id)) return;
    let marks;
    try {
      marks = await get(`/api/audio/${audio.id}/marks`, { signal });
    } catch {
      marks = [];
    }
    if (this.playingAudioId !== audio.id || signal.aborted) return;
    this.spoken.follow(audio.id, Array.isArray(marks) ? marks : []);
    this.spoken.update(this.player.currentTime * 1000);
  }

  /** Requests (or finds) the audio of the current page in the chosen voice, waits for it, and plays it. */
  async play() {
    if (!this.page) return;
    const signal = AbortSignal.any([this.pageWork.signal, this.context.signal]);
    const number = this.pageNumber;
    this.playButton.disabled = true;
    try {
      let audio = this.canRequestAudio
        ? await post(`${this.base}/pages/${number}/audio`, { voice: this.voice.value }, { signal })
        : this.audioForVoice(this.page);
      if (!audio) {
        this.setState('There is no audio of this page in this voice yet.');
        return;
      }
      audio = await this.follow(audio, signal);
      if (audio.status !== 'completed') return;
      if (this.canRequestAudio && this.playThrough && number < this.document.pageCount) {
        // Ask for the next page now, so it is ready (or nearly) when this one ends.
        post(`${this.base}/pages/${number + 1}/audio`, { voice: this.voice.value }, { signal }).catch(() => {});
      }
      this.playingAudioId = audio.id;
      void this.followMarks(audio, signal);
      this.player.src = `/api/audio/${audio.id}/content`;
      this.applySpeed();
      try {
        await this.player.play();
      } catch (error) {
        if (error.name === 'NotAllowedError') this.setState('Audio ready: press play on the player to listen.');
        else if (error.name !== 'AbortError') throw error;
      }
    } catch (error) {
      if (!isAbort(error)) {
        this.setState(error instanceof ApiError ? `Could not synthesize this page: ${error.message}` : 'Could not play this page.');
      }
    } finally {
      this.playButton.disabled = false;
    }
  }

  async retry() {
    if (!this.audio) return;
    const signal = AbortSignal.any([this.pageWork.signal, this.context.signal]);
    try {
      const audio = await post(`/api/audio/${this.audio.id}/retry`, undefined, { signal });
      if ((await this.follow(audio, signal)).status === 'completed') await this.play();
    } catch (error) {
      if (!isAbort(error)) this.setState(`Retry failed: ${error.message}`);
    }
  }

  /**
   * Waits until an audio is completed or failed, showing each state on the way. The document's event stream tells of
   * every change, so nothing is polled; after a reconnect the awaited audios are read once (see `resync`).
   */
  async follow(audio, signal) {
    this.showAudio(audio);
    if (!isUnderway(audio)) return audio;
    const settled = new Promise((resolve, reject) => {
      this.awaited.set(audio.id, resolve);
      signal.addEventListener('abort', () => {
        this.awaited.delete(audio.id);
        reject(signal.reason);
      }, { once: true });
    });
    // The event may have come before the answer that named the audio: read it once, now that a waiter listens.
    void this.resync();
    const finished = await settled;
    this.showAudio(finished);
    return finished;
  }

  /** Hands a finished audio to whoever waits for it. */
  settle(audio) {
    if (isUnderway(audio)) return;
    const resolve = this.awaited.get(audio.id);
    this.awaited.delete(audio.id);
    resolve?.(audio);
  }

  /** Reads each awaited audio once: after a reconnect (events may have been missed) or a new wait. */
  async resync() {
    for (const id of [...this.awaited.keys()]) {
      try {
        this.settle(await get(`/api/audio/${id}`, { signal: this.context.signal }));
      } catch {
        // The next event, or the next reconnect, settles it.
      }
    }
  }

  showAudio(audio) {
    this.audio = audio;
    this.retryButton.hidden = audio?.status !== 'failed' || !this.canRequestAudio;
    this.regenerateButton.hidden = !(audio?.stale && audio.status === 'completed') || !this.canRequestAudio;
    this.deleteAudioButton.hidden = !audio || audio.status === 'pending' || audio.status === 'generating' || !this.canRequestAudio;
    this.stateProgress.hidden = !(audio?.status === 'pending' || audio?.status === 'generating');
    this.download.hidden = audio?.status !== 'completed';
    if (audio?.status === 'completed') {
      this.download.href = `/api/audio/${audio.id}/content`;
      this.download.download = `${titleOf(this.document)} - page ${audio.page}.${audio.format}`;
    }
    this.state.dataset.status = audio?.status ?? 'none';
    this.setState(describe(audio));
  }

  setState(text) {
    this.state.textContent = text;
  }

  async onEnded() {
    // A page heard to its end: the place to come back to is the start of the next one.
    this.savePositionAt(Math.min(this.pageNumber + 1, this.document.pageCount), 0);
    if (this.playThrough && this.pageNumber < this.document.pageCount) {
      await this.goTo(this.pageNumber + 1, { autoplay: true });
    } else if (this.playThrough) {
      this.togglePlayThrough();
      this.context.announce('Reached the end of the document.');
    }
  }
}

function describe(audio) {
  switch (audio?.status) {
    case undefined: return 'Not synthesized in this voice yet. Press “Play page”.';
    case 'pending': return 'Waiting to be synthesized…';
    case 'generating': return 'Generating audio…';
    case 'completed': return audio.stale
      ? 'Out of date: the page changed after this audio was made. “Regenerate” makes it again.'
      : `Audio ready${audio.durationMs ? ` (${duration(audio.durationMs)})` : ''}.`;
    case 'failed': return `Synthesis failed: ${audio.error?.message ?? 'unknown reason'}`;
    default: return audio.status;
  }
}

const isUnderway = (audio) => audio.status === 'pending' || audio.status === 'generating';

function statusLabel(status) {
  return { pending: 'waiting', generating: 'being made', completed: 'ready', failed: 'failed' }[status] ?? status;
}

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
