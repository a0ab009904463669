// The shown page's audio, managed: its state in the chosen voice (out of date after an edit, failed with a retry),
// a download, regenerate and delete; and the page's audio in every voice with its voice limit, shown before the limit
// is hit so nobody learns of it from a refusal.
import { del, get, post } from '../api.js';
import { h, isAbort, replaceChildren } from '../dom.js';
import { clock } from './clock.js';

export class PageAudio {
  /**
   * `voiceName(id)`; `onDeleted(audio)` before an audio goes; `onRemake(number)` asks for (and plays) the page's audio
   * again; `announce(text)`.
   */
  constructor({ base, title, voice, voiceName, canRequestAudio, onDeleted, onRemake, announce }) {
    Object.assign(this, { base, title, voice, voiceName, canRequestAudio, onDeleted, onRemake, announce });
    this.number = 0;
    this.audio = null;
    this.state = h('span', { id: 'audio-state', class: 'audio-state' });
    this.download = h('a', { id: 'download-audio', class: 'button secondary small', hidden: true }, 'Download');
    this.retryButton = h('button', { type: 'button', id: 'retry-audio', class: 'secondary small', hidden: true, onclick: () => this.retry() }, 'Retry');
    this.regenerateButton = h('button', { type: 'button', id: 'regenerate-audio', class: 'secondary small', hidden: true, onclick: () => this.onRemake(this.number) }, 'Regenerate');
    this.deleteButton = h('button', { type: 'button', id: 'delete-audio', class: 'danger small', hidden: true, onclick: () => this.delete(this.audio) }, 'Delete audio');
    this.line = h('p', { class: 'status-line page-audio-state', 'aria-live': 'polite' },
      this.state, this.download, this.retryButton, this.regenerateButton, this.deleteButton);
    this.list = h('div', { class: 'page-audio-body' });
    this.details = h('details', { class: 'page-audio' }, h('summary', {}, 'Voices of this page'), this.list);
  }

  /** The audio of the shown page in the chosen voice (or none). */
  show(number, audio) {
    this.number = number;
    this.audio = audio;
    const can = this.canRequestAudio;
    this.retryButton.hidden = audio?.status !== 'failed' || !can;
    this.regenerateButton.hidden = !(audio?.stale && audio.status === 'completed') || !can;
    this.deleteButton.hidden = !audio || audio.status === 'pending' || audio.status === 'generating' || !can;
    this.download.hidden = audio?.status !== 'completed';
    if (audio?.status === 'completed') {
      this.download.href = `/api/audio/${audio.id}/content`;
      this.download.download = `${this.title()} - page ${audio.page}.${audio.format}`;
    }
    this.state.dataset.status = audio?.status ?? 'none';
    this.state.textContent = describe(audio);
  }

  /** The page's audio in every voice, with the page's voice limit. */
  async load(number, signal) {
    let list;
    try {
      list = await get(`${this.base}/pages/${number}/audio`, { signal });
    } catch (error) {
      if (!isAbort(error)) replaceChildren(this.list, h('p', { class: 'error' }, error.message));
      return;
    }
    if (number !== this.number) return;
    const full = list.quota.used >= list.quota.max;
    const chosenHasSlot = list.items.some((a) => a.voice === this.voice.value);
    replaceChildren(this.list,
      h('p', { id: 'page-quota', class: full && !chosenHasSlot ? 'warning' : 'meta' },
        `${list.quota.used} of ${list.quota.max} voices used on this page.`,
        full && !chosenHasSlot ? ' Delete the audio of one voice to add another.' : ''),
      list.items.length === 0 ? null : h('ul', { class: 'page-audio-list' }, list.items.map((audio) =>
        h('li', {},
          h('span', {}, this.voiceName(audio.voice)),
          h('span', { class: 'meta' }, audio.stale ? 'out of date' : statusLabel(audio.status)),
          this.canRequestAudio
            ? h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete the audio in ${this.voiceName(audio.voice)}`, onclick: () => this.delete(audio) }, 'Delete')
            : null))));
    if (full && !chosenHasSlot) this.details.open = true;
  }

  /** Deletes an audio of this page, which frees its voice's slot. */
  async delete(audio) {
    if (!audio) return;
    try {
      this.onDeleted(audio);
      await del(`/api/audio/${audio.id}`);
      this.announce('Audio deleted.');
      if (audio.voice === this.voice.value) this.show(this.number, null);
      await this.load(this.number);
    } catch (error) {
      if (!isAbort(error)) this.state.textContent = `Could not delete the audio: ${error.message}`;
    }
  }

  async retry() {
    if (!this.audio) return;
    try {
      await post(`/api/audio/${this.audio.id}/retry`);
      this.onRemake(this.number);
    } catch (error) {
      if (!isAbort(error)) this.state.textContent = `Retry failed: ${error.message}`;
    }
  }
}

function describe(audio) {
  switch (audio?.status) {
    case undefined: return 'Not synthesized in this voice yet: press play to make it.';
    case 'pending': return 'Waiting to be synthesized…';
    case 'generating': return 'Generating audio…';
    case 'completed': return audio.stale
      ? 'Out of date: the page changed after this audio was made. “Regenerate” makes it again.'
      : `Audio ready${audio.durationMs ? ` (${clock(audio.durationMs)})` : ''}.`;
    case 'failed': return `Synthesis failed: ${audio.error?.message ?? 'unknown reason'}`;
    default: return audio.status;
  }
}

function statusLabel(status) {
  return { pending: 'waiting', generating: 'being made', completed: 'ready', failed: 'failed' }[status] ?? status;
}
