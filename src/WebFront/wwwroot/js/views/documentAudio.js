// "Read the whole document": starts the server's whole-document job in the chosen voice and follows it
// live through the document's event stream (job progress and each page's audio state), with a retry
// button for every page that failed. Each page link in the reader shows its audio state as it changes.
import { ApiError, get, post } from '../api.js';
import { h, isAbort, replaceChildren } from '../dom.js';

const statusText = { pending: 'queued', generating: 'generating', completed: 'ready', failed: 'failed' };

export class DocumentAudio {
  constructor(document, { canRequestAudio, voice, pageList, signal, onAudio, onResync }) {
    this.base = `/api/documents/${document.id}`;
    this.voice = voice;
    this.pageList = pageList;
    this.signal = signal;
    this.progress = null;

    this.startButton = h('button', { type: 'button', id: 'read-document', class: 'secondary', hidden: !canRequestAudio, onclick: () => this.start() }, 'Read the whole document');
    this.bar = h('progress', { id: 'document-audio-progress', 'aria-label': 'Whole-document synthesis', max: '1', value: '0', hidden: true });
    this.state = h('p', { id: 'document-audio-state', class: 'audio-state', 'aria-live': 'polite' });
    this.failures = h('ul', { id: 'document-audio-failures', class: 'failures' });
    this.element = h('section', { class: 'document-audio', 'aria-label': 'Whole document' },
      h('div', { class: 'status-line' }, this.startButton, this.state), this.bar, this.failures);

    this.events = new EventSource(`${this.base}/events`);
    this.events.addEventListener('job', (event) => {
      const job = JSON.parse(event.data);
      if (job.voice === this.voice.value) this.show(job);
    });
    this.events.addEventListener('audio', (event) => {
      const audio = JSON.parse(event.data);
      if (audio.voice !== this.voice.value) return;
      this.markPage(audio.page, audio.status);
      onAudio(audio);
    });
    // After a reconnect or a reset, events may have been missed: whoever waits on them reads the state once.
    this.events.addEventListener('reset', () => {
      void this.load();
      onResync();
    });
    this.events.addEventListener('open', () => onResync());
    signal.addEventListener('abort', () => this.events.close());
    this.voice.addEventListener('change', () => {
      for (const link of this.pageList.querySelectorAll('a[data-audio-status]')) this.markPage(Number(link.dataset.page), null);
      void this.load();
    });
  }

  /** Shows the latest job of the chosen voice, or none. */
  async load() {
    try {
      this.show(await get(`${this.base}/audio?voice=${encodeURIComponent(this.voice.value)}`, { signal: this.signal }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'document_audio.not_found') this.show(null);
      else if (!isAbort(error)) this.state.textContent = `Could not load the document's audio: ${error.message}`;
    }
  }

  async start() {
    this.startButton.disabled = true;
    try {
      this.show(await post(`${this.base}/audio`, { voice: this.voice.value }, { signal: this.signal }));
    } catch (error) {
      if (!isAbort(error)) this.state.textContent = `Could not start: ${error.message}`;
    } finally {
      this.startButton.disabled = false;
    }
  }

  show(job) {
    // Events can arrive out of order with a load; never step back within one run.
    if (job && this.progress && job.startedAt === this.progress.startedAt && job.pending > this.progress.pending) return;
    this.progress = job;
    this.bar.hidden = !job;
    this.element.dataset.status = job?.status ?? 'none';
    if (!job) {
      this.state.textContent = 'Not read in this voice yet.';
      replaceChildren(this.failures);
      return;
    }
    this.bar.max = Math.max(job.total, 1);
    this.bar.value = job.completed + job.failed;
    const failed = job.failed ? `, ${job.failed} failed` : '';
    this.state.textContent = job.status === 'completed'
      ? `Whole document done: ${job.completed} of ${job.total} pages ready${failed}.`
      : `Reading the whole document: ${job.completed} of ${job.total} pages ready${failed}…`;
    replaceChildren(this.failures, ...job.failures.map((failure) => this.failureRow(failure)));
    for (const failure of job.failures) this.markPage(failure.page, 'failed');
  }

  failureRow(failure) {
    const row = h('li', { 'data-page': String(failure.page) }, `Page ${failure.page}: ${failure.error.message} `);
    if (failure.audioId && !this.startButton.hidden) {
      const retry = h('button', { type: 'button', class: 'secondary small retry-page' }, 'Retry');
      retry.addEventListener('click', async () => {
        retry.disabled = true;
        try {
          await post(`/api/audio/${failure.audioId}/retry`, undefined, { signal: this.signal });
          row.remove();
        } catch (error) {
          if (!isAbort(error)) row.append(` (retry failed: ${error.message})`);
          retry.disabled = false;
        }
      });
      row.append(retry);
    }
    return row;
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
