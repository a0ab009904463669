// Where the player gets each page's audio in the chosen voice: asked for (made when missing) by those who may, found
// among the page's audio by those who may only listen, and waited for until it is completed or failed. The document's
// event stream tells of every change, so nothing is polled; after a reconnect the awaited audios are read once.
import { get, post } from '../api.js';

export class AudioSource {
  constructor({ base, voice, canRequestAudio, signal }) {
    this.base = base;
    this.voice = voice;
    this.canRequestAudio = canRequestAudio;
    this.signal = signal;
    /** Audio ids being waited for, with what to call when each is completed or failed. */
    this.awaited = new Map();
  }

  /**
   * The completed audio of a page, with `src` to play it from; `onState` hears of each state on the way.
   * Rejects with an Error whose message says why when there is none (or it failed).
   */
  async audioOf(number, signal, onState = () => {}) {
    let audio = this.canRequestAudio
      ? await post(`${this.base}/pages/${number}/audio`, { voice: this.voice() }, { signal })
      : (await get(`${this.base}/pages/${number}`, { signal })).audio?.find((a) => a.voice === this.voice());
    if (!audio) throw new Error('there is no audio of this page in this voice yet');
    onState(audio);
    audio = await this.settled(audio, signal);
    onState(audio);
    if (audio.status !== 'completed') throw new Error(audio.error?.message ?? 'synthesis failed');
    return { ...audio, src: `/api/audio/${audio.id}/content` };
  }

  /** Waits until an audio is completed or failed. */
  async settled(audio, signal) {
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
    return settled;
  }

  /** Hands a finished audio (from the event stream) to whoever waits for it. */
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
        this.settle(await get(`/api/audio/${id}`, { signal: this.signal }));
      } catch {
        // The next event, or the next reconnect, settles it.
      }
    }
  }
}

export const isUnderway = (audio) => audio.status === 'pending' || audio.status === 'generating';
