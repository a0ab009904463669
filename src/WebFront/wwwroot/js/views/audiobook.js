// The whole document as one file (an M4B audiobook with chapters) in the chosen voice: a download when one is made,
// or a way to make one (pages without audio are made first), followed live through the document's event stream.
import { ApiError, get, post } from '../api.js';
import { h, isAbort, replaceChildren } from '../dom.js';
import { clock } from './clock.js';

const format = 'm4b';

export class Audiobook {
  constructor(document, { voice, canMake, signal }) {
    this.document = document;
    this.voice = voice;
    this.canMake = canMake;
    this.signal = signal;
    this.export = null;
    this.state = h('span', { id: 'audiobook-state', class: 'audiobook-state' });
    this.progress = h('progress', { id: 'audiobook-progress', 'aria-label': 'Making the audiobook', hidden: true });
    this.download = h('a', { id: 'audiobook-download', class: 'button secondary small', hidden: true }, 'Download audiobook');
    this.make = h('button', { type: 'button', id: 'make-audiobook', class: 'secondary small', hidden: true, onclick: () => this.start() }, 'Make audiobook');
    this.element = h('div', { class: 'audiobook', role: 'group', 'aria-label': 'Audiobook' },
      h('span', { class: 'audiobook-line', 'aria-live': 'polite' }, this.state, this.download, this.make), this.progress);
    this.voice.addEventListener('change', () => void this.load());
  }

  /** Shows the latest export of the chosen voice, or none. */
  async load() {
    try {
      const exports = await get(`/api/documents/${this.document.id}/exports`, { signal: this.signal });
      this.show(exports.filter((e) => e.voice === this.voice.value && e.format === format).at(-1) ?? null);
    } catch (error) {
      if (!isAbort(error)) this.state.textContent = `Could not read the audiobook: ${error.message}`;
    }
  }

  /** An export event: shown when it is of the chosen voice. */
  follow(view) {
    if (view.voice === this.voice.value && view.format === format) this.show(view);
  }

  async start() {
    this.make.disabled = true;
    try {
      this.show(await post(`/api/documents/${this.document.id}/exports`, { voice: this.voice.value, format }, { signal: this.signal }));
    } catch (error) {
      if (!isAbort(error)) this.state.textContent = `Could not make the audiobook: ${error instanceof ApiError ? error.message : 'the server could not be reached'}`;
    } finally {
      this.make.disabled = false;
    }
  }

  show(view) {
    this.export = view;
    const underway = view?.status === 'pending' || view?.status === 'building';
    this.element.dataset.status = view?.status ?? 'none';
    this.progress.hidden = !underway;
    if (underway) {
      this.progress.max = Math.max(view.progress.total, 1);
      this.progress.value = view.progress.done;
    }
    const done = view?.status === 'completed';
    this.download.hidden = !done;
    if (done) {
      this.download.href = `/api/exports/${view.id}/content?download=true`;
      this.download.textContent = `Download audiobook (${format.toUpperCase()}${view.durationMs ? `, ${clock(view.durationMs)}` : ''})`;
    }
    this.make.hidden = !this.canMake || underway || (done && !view.stale);
    this.make.textContent = view?.status === 'failed' ? 'Try again' : done ? 'Make it again' : 'Make audiobook';
    replaceChildren(this.state, describe(view));
  }
}

function describe(view) {
  switch (view?.status) {
    case undefined: return 'No audiobook in this voice yet.';
    case 'pending': return `Making the audiobook: ${view.progress.done} of ${view.progress.total} pages have audio…`;
    case 'building': return `Building the audiobook: ${view.progress.done} of ${view.progress.total} pages…`;
    case 'completed': return view.stale ? 'The audiobook is out of date.' : '';
    case 'failed': return `The audiobook failed: ${view.error?.message ?? 'unknown reason'}`;
    default: return view.status;
  }
}
