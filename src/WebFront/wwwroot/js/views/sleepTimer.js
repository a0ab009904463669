// The sleep timer: stops playback after a number of minutes, or at the end of the chapter being heard (of the page,
// in a document without chapters). The time left is shown, not announced: a live region ticking every second would
// drown everything else a screen reader says.
import { h } from '../dom.js';
import { clock } from './clock.js';

const minuteChoices = [5, 10, 15, 30, 45, 60];
export const endOfChapter = 'chapter';

export class SleepTimer {
  /** `onExpire` stops playback when the minutes are up. */
  constructor({ hasChapters, onExpire, signal }) {
    this.onExpire = onExpire;
    this.deadline = 0;
    this.ticker = 0;
    this.select = h('select', { id: 'sleep', name: 'sleep' },
      h('option', { value: '' }, 'Off'),
      minuteChoices.map((minutes) => h('option', { value: String(minutes) }, `${minutes} min`)),
      h('option', { value: endOfChapter }, hasChapters ? 'End of chapter' : 'End of page'));
    this.remaining = h('span', { id: 'sleep-remaining', class: 'sleep-remaining' });
    this.element = h('span', { class: 'player-choice' },
      h('label', { for: 'sleep' }, 'Sleep', h('span', { class: 'visually-hidden' }, ' timer')), this.select, this.remaining);
    this.select.addEventListener('change', () => this.start());
    signal.addEventListener('abort', () => clearInterval(this.ticker));
  }

  /** Whether playback stops when a page that ends a chapter (or any page, without chapters) ends. */
  get atEndOfChapter() {
    return this.select.value === endOfChapter;
  }

  start() {
    clearInterval(this.ticker);
    this.deadline = 0;
    const minutes = Number(this.select.value);
    if (minutes > 0) {
      this.deadline = Date.now() + minutes * 60_000;
      this.ticker = setInterval(() => this.tick(), 1000);
    }
    this.tick();
  }

  tick() {
    if (!this.deadline) {
      this.remaining.textContent = this.atEndOfChapter ? 'at the end' : '';
      return;
    }
    const left = this.deadline - Date.now();
    if (left > 0) {
      this.remaining.textContent = `in ${clock(left)}`;
      return;
    }
    this.off();
    this.onExpire();
  }

  off() {
    this.select.value = '';
    this.start();
  }
}
