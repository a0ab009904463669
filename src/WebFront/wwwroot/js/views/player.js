// The player bar: plays a document page after page, from the page shown to the end, the next page buffered while
// one plays so that playing through has no gap (see NextPage). Play and pause, skips, pages and chapters, speed, a
// sleep timer, keyboard shortcuts, the system's media controls, and a status line saying what is happening.
// It knows nothing of accounts: where audio comes from is handed to it (`audioOf`), so any page can use it.
import { h, isAbort } from '../dom.js';
import { clock } from './clock.js';
import { SleepTimer } from './sleepTimer.js';
import { bindPlayerKeys, shortcutsDialog } from './playerKeys.js';
import { bindMediaSession, describeMedia, mediaPlaying, mediaPosition } from './mediaSession.js';
import { NextPage } from './nextPage.js';

const speedKey = 'lector.speed';
const speeds = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3];
const backMs = 15_000;
const forwardMs = 30_000;
/** How often the place being listened to is handed on to be saved while playing; pausing and ending do at once. */
const positionEveryMs = 5000;

export class Player {
  /**
   * @param {object} options
   * @param {number} options.pageCount
   * @param {{title: string, firstPage: number, lastPage: number}[]} options.chapters
   * @param {string} options.title the document's title, for the system's media controls
   * @param {() => string} options.voiceName
   * @param {(page: number, signal: AbortSignal, onState: (audio) => void) => Promise<{id: string, src: string}>} options.audioOf
   *   the completed audio of a page; rejects with an Error saying why there is none
   * @param {(page: number, onItsOwn: boolean) => void} options.onNavigate the player moved to another page (on its own:
   *   the last one ended), so the text should follow
   * @param {(page: number, audio) => void} [options.onAudio] a page's audio is about to play
   * @param {(page: number, ms: number) => void} [options.onTime] played to this time of the page (-1: ended)
   * @param {(page: number, ms: number) => void} [options.onPosition] a place worth saving
   * @param {() => void} [options.onPlay]
   * @param {AbortSignal} options.signal
   */
  constructor(options) {
    this.options = options;
    this.pageCount = options.pageCount;
    this.chapters = options.chapters;
    this.signal = options.signal;
    /** The page playing or waited on; none until the reader shows one. */
    this.page = 0;
    /** The audio loaded in the playing element. */
    this.loaded = null;
    this.loading = false;
    this.work = null;
    this.pendingSeekMs = 0;
    this.pauseReason = null;
    this.lastPositionAt = 0;
    this.rate = speeds.includes(Number(localStorage.getItem(speedKey))) ? Number(localStorage.getItem(speedKey)) : 1;

    this.audio = h('audio', { id: 'player', preload: 'none' });
    this.next = new NextPage(options.audioOf, this.signal);
    const button = (id, label, text, onclick) => h('button', { type: 'button', id, class: 'icon', 'aria-label': label, title: label, onclick }, text);
    this.previousChapterButton = button('previous-chapter', 'Previous chapter', '⏮', () => this.previousChapter());
    this.previousPageButton = button('previous-page', 'Previous page', '‹', () => this.previousPage());
    this.backButton = button('skip-back', 'Back 15 seconds', '↺15', () => this.skipBack());
    this.playButton = button('play', 'Play', '▶', () => this.toggle());
    this.playButton.classList.add('play');
    this.forwardButton = button('skip-forward', 'Forward 30 seconds', '30↻', () => this.skipForward());
    this.nextPageButton = button('next-page', 'Next page', '›', () => this.nextPage());
    this.nextChapterButton = button('next-chapter', 'Next chapter', '⏭', () => this.nextChapter());
    for (const chapterButton of [this.previousChapterButton, this.nextChapterButton]) chapterButton.hidden = this.chapters.length === 0;
    this.seek = h('input', { type: 'range', id: 'seek', min: '0', max: '0', step: '0.1', value: '0', 'aria-label': 'Position in this page' });
    this.time = h('span', { class: 'time', 'aria-hidden': 'true' }, '0:00');
    this.status = h('p', { id: 'player-status', class: 'player-status', 'aria-live': 'polite', 'data-state': 'idle' });
    this.speed = h('select', { id: 'speed', name: 'speed' }, speeds.map((s) => h('option', { value: String(s) }, `${s}×`)));
    this.speed.value = String(this.rate);
    this.sleep = new SleepTimer({ hasChapters: this.chapters.length > 0, signal: this.signal, onExpire: () => this.stopForSleep('The sleep timer paused playback.') });
    this.shortcuts = shortcutsDialog();

    this.element = h('section', { class: 'player-bar', 'aria-label': 'Player' },
      h('div', { class: 'player-line' }, this.status, this.time),
      this.seek,
      h('div', { class: 'transport' },
        this.previousChapterButton, this.previousPageButton, this.backButton, this.playButton, this.forwardButton, this.nextPageButton, this.nextChapterButton),
      h('div', { class: 'player-choices' },
        h('span', { class: 'player-choice' }, h('label', { for: 'speed' }, 'Speed'), this.speed),
        this.sleep.element,
        this.shortcuts.button),
      this.audio, this.next.element, this.shortcuts.dialog);

    this.speed.addEventListener('change', () => this.setRate(Number(this.speed.value)));
    this.seek.addEventListener('input', () => this.seekTo(Number(this.seek.value) * 1000));
    for (const audio of [this.audio, this.next.element]) this.listen(audio);
    bindPlayerKeys(this, this.signal);
    bindMediaSession(this, this.signal);
    this.signal.addEventListener('abort', () => {
      this.savePosition();
      this.work?.abort();
      this.next.drop();
      for (const audio of [this.audio, this.next.element]) {
        audio.pause();
        audio.removeAttribute('src');
      }
    });
    this.setRate(this.rate);
    this.render();
  }

  get isActive() {
    return this.loading || !this.audio.paused;
  }

  listen(audio) {
    const mine = (handler) => (event) => {
      if (event.target === this.audio) handler(event);
    };
    audio.addEventListener('playing', mine(() => {
      this.say(`Playing page ${this.page} of ${this.pageCount}`, 'playing');
      this.describe();
      mediaPlaying(true);
      const following = this.page + 1;
      if (following <= this.pageCount) void this.next.prepare(following, () => this.page === following - 1);
    }));
    audio.addEventListener('play', mine(() => {
      this.options.onPlay?.();
      this.render();
    }));
    audio.addEventListener('pause', mine(() => {
      this.render();
      mediaPlaying(false);
      if (audio.ended || !this.loaded) return;
      this.savePosition();
      if (!this.loading) this.say(this.pauseReason ?? `Paused on page ${this.page} of ${this.pageCount}`, 'paused');
      this.pauseReason = null;
    }));
    audio.addEventListener('waiting', mine(() => this.say(`Buffering page ${this.page}…`, 'loading')));
    audio.addEventListener('loadedmetadata', mine(() => {
      if (this.pendingSeekMs > 0) audio.currentTime = this.pendingSeekMs / 1000;
      this.pendingSeekMs = 0;
      this.showTime();
    }));
    audio.addEventListener('timeupdate', mine(() => {
      this.showTime();
      this.options.onTime?.(this.page, audio.currentTime * 1000);
      if (!audio.paused && Date.now() - this.lastPositionAt >= positionEveryMs) this.savePosition();
    }));
    audio.addEventListener('seeked', mine(() => this.options.onTime?.(this.page, audio.currentTime * 1000)));
    audio.addEventListener('ended', mine(() => this.onEnded()));
    audio.addEventListener('error', mine(() => {
      if (audio.getAttribute('src')) this.fail(`the audio of page ${this.page} could not be played`);
    }));
  }

  /** The reader shows another page: playing goes on there, or waits there. */
  show(page) {
    if (page === this.page) return;
    if (this.isActive) void this.play(page);
    else this.cue(page);
  }

  /** Stops and waits on a page, with nothing loaded. */
  cue(page) {
    this.stop();
    this.page = page;
    this.say(`Page ${page} of ${this.pageCount}`, 'idle');
    this.render();
  }

  stop() {
    this.savePosition();
    this.work?.abort();
    this.next.drop();
    this.loading = false;
    this.loaded = null;
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.audio.load();
    this.options.onTime?.(this.page, -1);
  }

  /** Plays a page (the current one by default) from a time (where it was, by default), getting its audio first. */
  async play(page = this.page, offsetMs = undefined) {
    if (page === this.page && this.loaded && !this.loading) {
      if (offsetMs !== undefined) this.seekTo(offsetMs);
      await this.start();
      return;
    }
    this.savePosition();
    this.work?.abort();
    const work = new AbortController();
    this.work = work;
    const signal = AbortSignal.any([work.signal, this.signal]);
    this.audio.pause();
    this.page = page;
    this.loaded = null;
    this.loading = true;
    this.options.onTime?.(page, -1);
    this.render();
    try {
      let audio;
      if (this.next.holds(page)) {
        audio = this.takeNext();
      } else {
        this.next.drop();
        this.say(`Getting the audio of page ${page}…`, 'loading');
        audio = await this.options.audioOf(page, signal, (state) => this.sayState(page, state));
        this.audio.src = audio.src;
      }
      if (signal.aborted) return;
      this.loaded = audio;
      this.loading = false;
      // A buffered element knows its duration already; a new one seeks once it does.
      const seekNow = offsetMs > 0 && this.audio.readyState >= HTMLMediaElement.HAVE_METADATA;
      this.pendingSeekMs = seekNow ? 0 : offsetMs ?? 0;
      if (seekNow) this.seekTo(offsetMs);
      this.options.onAudio?.(page, audio);
      await this.start();
    } catch (error) {
      if (!isAbort(error) && !signal.aborted) this.fail(`no audio of page ${page}: ${error.message}`);
    } finally {
      if (this.work === work) this.loading = false;
      this.render();
    }
  }

  async start() {
    this.audio.playbackRate = this.rate;
    try {
      await this.audio.play();
    } catch (error) {
      if (error.name === 'NotAllowedError') this.say('Press play to listen.', 'paused');
      else if (error.name !== 'AbortError') this.fail(error.message);
    }
  }

  /** Pauses; `reason` is what the status says then ("Paused on page…" by default). */
  pause(reason = null) {
    this.pauseReason = reason;
    this.work?.abort();
    // Nothing plays yet, so no pause event will say so.
    if (this.loading) this.say(reason ?? `Paused on page ${this.page} of ${this.pageCount}`, 'paused');
    this.loading = false;
    this.audio.pause();
    this.render();
  }

  toggle() {
    if (this.isActive) this.pause();
    else void this.play();
  }

  skip(seconds) {
    this.seekTo(this.audio.currentTime * 1000 + seconds * 1000);
  }

  skipBack() {
    this.seekTo(this.audio.currentTime * 1000 - backMs);
  }

  skipForward() {
    this.seekTo(this.audio.currentTime * 1000 + forwardMs);
  }

  seekTo(ms) {
    if (!this.loaded) return;
    const duration = Number.isFinite(this.audio.duration) ? this.audio.duration : Infinity;
    // Just short of the end, so that skipping past it still ends the page (and playing goes on to the next).
    this.audio.currentTime = Math.max(0, Math.min(ms / 1000, duration - 0.05));
  }

  previousPage() {
    if (this.page > 1) this.goTo(this.page - 1);
  }

  nextPage() {
    if (this.page < this.pageCount) this.goTo(this.page + 1);
  }

  /** To the start of this chapter, or of the one before when already at its start. */
  previousChapter() {
    const current = this.chapterOf(this.page);
    const atStart = !current || (this.page === current.firstPage && this.audio.currentTime < 3);
    const target = atStart ? this.chapters.findLast((c) => c.firstPage < (current?.firstPage ?? this.page)) : current;
    if (target) this.goTo(target.firstPage);
  }

  nextChapter() {
    const target = this.chapters.find((c) => c.firstPage > this.page);
    if (target) this.goTo(target.firstPage);
  }

  showShortcuts() {
    this.shortcuts.show();
  }

  /** Another page, chosen here: the reader shows it, which plays it when playing (see `show`). */
  goTo(page) {
    this.options.onNavigate(page, false);
  }

  chapterOf(page) {
    return this.chapters.findLast((c) => c.firstPage <= page && page <= c.lastPage) ?? null;
  }

  setRate(rate) {
    this.rate = rate;
    for (const audio of [this.audio, this.next.element]) {
      audio.defaultPlaybackRate = rate;
      audio.playbackRate = rate;
    }
    localStorage.setItem(speedKey, String(rate));
  }

  onEnded() {
    const page = this.page;
    this.options.onTime?.(page, -1);
    this.savePositionAt(Math.min(page + 1, this.pageCount), 0);
    if (this.sleep.atEndOfChapter && (this.chapters.length === 0 || this.chapters.some((c) => c.lastPage === page))) {
      this.sleep.off();
      this.stopForSleep(`The sleep timer stopped at the end of the ${this.chapters.length ? 'chapter' : 'page'}.`);
      return;
    }
    if (page >= this.pageCount) {
      this.say('Finished: that was the last page.', 'idle');
      this.render();
      return;
    }
    if (this.next.holds(page + 1)) {
      // Straight on, before anything else: the next page is buffered, and waiting here is the gap.
      this.page = page + 1;
      this.loaded = this.takeNext();
      void this.start();
      this.options.onAudio?.(this.page, this.loaded);
    } else {
      void this.play(page + 1);
    }
    this.options.onNavigate(page + 1, true);
  }

  stopForSleep(message) {
    this.pause(message);
    this.say(message, 'paused');
  }

  /** The buffered next page becomes the one playing. */
  takeNext() {
    const { element, audio } = this.next.take(this.audio);
    this.audio = element;
    this.audio.playbackRate = this.rate;
    return audio;
  }

  sayState(page, audio) {
    if (audio.status === 'pending') this.say(`Waiting to generate audio for page ${page}…`, 'loading');
    else if (audio.status === 'generating') this.say(`Generating audio for page ${page}…`, 'loading');
    else if (audio.status === 'completed') this.say(`Buffering page ${page}…`, 'loading');
  }

  say(text, state) {
    this.status.textContent = text;
    this.status.dataset.state = state;
  }

  fail(reason) {
    this.loading = false;
    this.say(`Failed: ${reason}`, 'failed');
    this.render();
  }

  savePosition() {
    if (!this.loaded || !this.audio.getAttribute('src')) return;
    this.savePositionAt(this.page, Math.round(this.audio.currentTime * 1000));
  }

  savePositionAt(page, offsetMs) {
    this.lastPositionAt = Date.now();
    this.options.onPosition?.(page, offsetMs);
  }

  showTime() {
    const duration = Number.isFinite(this.audio.duration) ? this.audio.duration : 0;
    const at = this.audio.currentTime;
    this.seek.max = String(duration);
    this.seek.value = String(at);
    this.seek.setAttribute('aria-valuetext', `${clock(at * 1000)} of ${clock(duration * 1000)}`);
    this.time.textContent = `${clock(at * 1000)} / ${clock(duration * 1000)}`;
    mediaPosition(this.audio);
  }

  /** The system's media controls: the document, where in it, and the voice. */
  describe() {
    const chapter = this.chapterOf(this.page);
    const where = `${chapter ? `${chapter.title} · ` : ''}Page ${this.page} of ${this.pageCount}`;
    describeMedia({ title: this.options.title, where, voice: this.options.voiceName() });
  }

  render() {
    const active = this.isActive;
    this.playButton.setAttribute('aria-label', active ? 'Pause' : 'Play');
    this.playButton.title = active ? 'Pause' : 'Play';
    this.playButton.textContent = active ? '❚❚' : '▶';
    this.previousPageButton.disabled = this.page <= 1;
    this.nextPageButton.disabled = this.page >= this.pageCount;
    this.previousChapterButton.disabled = !this.chapters.some((c) => c.firstPage < this.page);
    this.nextChapterButton.disabled = !this.chapters.some((c) => c.firstPage > this.page);
    this.backButton.disabled = this.forwardButton.disabled = this.seek.disabled = !this.loaded;
  }
}
