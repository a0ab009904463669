// The document's event stream as the reader uses it: each page link shows its audio state in the chosen voice as it
// changes, and audio and export events are handed on. After a reconnect or a reset events may have been missed, so
// whoever follows them reads their state once again.
import { h } from '../dom.js';

const statusText = { pending: 'queued', generating: 'generating', completed: 'ready', failed: 'failed' };

export class DocumentEvents {
  constructor(document, { voice, pageList, signal, onAudio, onExport, onResync }) {
    this.voice = voice;
    this.pageList = pageList;
    this.events = new EventSource(`/api/documents/${document.id}/events`);
    this.events.addEventListener('audio', (event) => {
      const audio = JSON.parse(event.data);
      if (audio.voice !== this.voice.value) return;
      this.markPage(audio.page, audio.status);
      onAudio(audio);
    });
    this.events.addEventListener('export', (event) => onExport(JSON.parse(event.data)));
    this.events.addEventListener('reset', () => onResync());
    this.events.addEventListener('open', () => onResync());
    signal.addEventListener('abort', () => this.events.close());
    this.voice.addEventListener('change', () => {
      for (const link of this.pageList.querySelectorAll('a[data-audio-status]')) this.markPage(Number(link.dataset.page), null);
    });
  }

  markPage(number, status) {
    const link = this.pageList.querySelector(`a[data-page="${number}"]`);
    if (!link) return;
    link.querySelector('.page-audio')?.remove();
    if (!status) {
      delete link.dataset.audioStatus;
      return;
    }
    link.dataset.audioStatus = status;
    link.append(h('span', { class: 'page-audio' }, statusText[status] ?? status));
  }
}
