// Gapless play-through: the next page's audio, asked for (made when missing) and buffered in a second audio element
// while the current page plays, then handed over the moment the current one ends. The two elements trade places
// (and ids: the one playing is always #player).
import { h } from '../dom.js';

export class NextPage {
  /** `audioOf(page, signal)` as the player's. */
  constructor(audioOf, signal) {
    this.audioOf = audioOf;
    this.signal = signal;
    this.element = h('audio', { id: 'player-next', preload: 'auto' });
    this.page = 0;
    this.audio = null;
    this.work = null;
  }

  /** Whether this page is buffered (or buffering) here. */
  holds(page) {
    return this.audio !== null && this.page === page;
  }

  /** Asks for a page's audio and buffers it, unless it is here or asked for already; `wanted()` is checked on arrival. */
  async prepare(page, wanted) {
    if (this.holds(page) || this.work?.page === page) return;
    this.drop();
    const work = new AbortController();
    work.page = page;
    this.work = work;
    try {
      const audio = await this.audioOf(page, AbortSignal.any([work.signal, this.signal]));
      if (work.signal.aborted || !wanted()) return;
      this.element.src = audio.src;
      this.element.dataset.page = String(page);
      this.element.load();
      this.page = page;
      this.audio = audio;
    } catch {
      // Asked for again when reached, which says what went wrong.
    } finally {
      if (this.work === work) this.work = null;
    }
  }

  /** Hands the buffered element and its audio over, and keeps the one given back (emptied) for the next page. */
  take(playing) {
    const taken = { element: this.element, audio: this.audio };
    taken.element.id = 'player';
    playing.id = 'player-next';
    this.element = playing;
    this.audio = null;
    this.page = 0;
    this.empty();
    return taken;
  }

  /** Forgets what is buffered: another voice's, or a page no longer next. */
  drop() {
    this.work?.abort();
    this.work = null;
    if (!this.audio) return;
    this.audio = null;
    this.page = 0;
    this.empty();
  }

  empty() {
    this.element.removeAttribute('src');
    delete this.element.dataset.page;
    this.element.load();
  }
}
