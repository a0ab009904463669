// The listening page of a public read-along link: one document's pages, a player for the link's voice, and the word
// being spoken highlighted as it plays (SpokenText, as in the reader). Everything it reads comes from the API under
// the link (/api/public/{secret}); it shows nothing else and links nowhere else.
// The player wiring stays thin on purpose: a shared player module can take its place.
import { ApiError, get } from './api.js';
import { delay, formatDate, h, isAbort, replaceChildren } from './dom.js';
import { SpokenText } from './views/spokenText.js';

/** How often the audio's state is read while it is being made (there is no event stream for anonymous listeners). */
const synthesisPollMs = 1000;

const main = document.getElementById('view');
const secret = location.pathname.split('/').pop();
const base = `/api/public/${secret}`;

class Listener {
  constructor(link) {
    this.link = link;
    this.pageNumber = 0;
    this.page = null;
    this.work = null;

    this.pageHeading = h('h2', { id: 'page-heading', tabindex: '-1' });
    this.pageText = h('div', { class: 'page-text', id: 'page-text' });
    this.spoken = new SpokenText(this.pageText);
    this.previous = h('button', { type: 'button', class: 'secondary', id: 'previous-page', onclick: () => this.goTo(this.pageNumber - 1) }, '‹ Previous page');
    this.next = h('button', { type: 'button', class: 'secondary', id: 'next-page', onclick: () => this.goTo(this.pageNumber + 1) }, 'Next page ›');
    this.pagePicker = h('select', { id: 'page-picker' },
      Array.from({ length: link.pageCount }, (_, i) => h('option', { value: String(i + 1) }, `Page ${i + 1}`)));
    this.pagePicker.addEventListener('change', () => this.goTo(Number(this.pagePicker.value)));
    this.playButton = h('button', { type: 'button', id: 'play-page', disabled: true, onclick: () => this.play() }, 'Play page');
    this.state = h('p', { id: 'audio-state', class: 'audio-state' });
    this.player = h('audio', { id: 'player', controls: true, preload: 'none' });

    this.player.addEventListener('timeupdate', () => this.spoken.update(this.player.currentTime * 1000));
    this.player.addEventListener('seeked', () => this.spoken.update(this.player.currentTime * 1000));
    this.player.addEventListener('ended', () => {
      this.spoken.clear();
      // Listening goes on with the next page, as a book read aloud would.
      if (this.pageNumber < this.link.pageCount) void this.goTo(this.pageNumber + 1, { autoplay: true });
    });

    replaceChildren(main,
      h('div', { class: 'reader-header' },
        h('h1', { id: 'document-heading' }, link.title || 'Untitled'),
        h('span', { class: 'meta' }, link.pageCount === 1 ? '1 page' : `${link.pageCount} pages`),
        h('span', { class: 'meta', id: 'link-expiry' }, `Link valid until ${formatDate(link.expiresAt)}`)),
      h('article', { class: 'page', 'aria-labelledby': 'page-heading' },
        this.pageHeading,
        this.pageText,
        h('nav', { class: 'page-nav', 'aria-label': 'Pages' },
          this.previous,
          h('div', { class: 'field' }, h('label', { for: 'page-picker', class: 'visually-hidden' }, 'Go to page'), this.pagePicker),
          this.next)),
      h('section', { class: 'player-bar', 'aria-label': 'Player' },
        h('div', { class: 'controls' }, h('div', { class: 'buttons' }, this.playButton)),
        h('div', { class: 'status-line', 'aria-live': 'polite' }, this.state),
        this.player));

    const playerBar = main.querySelector('.player-bar');
    new ResizeObserver(() => document.body.style.setProperty('--player-height', `${playerBar.offsetHeight}px`)).observe(playerBar);
  }

  async goTo(number, { autoplay = false } = {}) {
    if (number < 1 || number > this.link.pageCount) return;
    await this.showPage(number);
    if (autoplay) await this.play();
    else this.pageHeading.focus();
  }

  async showPage(number) {
    this.stop();
    const page = await get(`${base}/pages/${number}`, { signal: this.work.signal });
    this.pageNumber = number;
    this.page = page;
    this.pageHeading.textContent = `Page ${number}${page.label ? ` (printed page ${page.label})` : ''}`;
    this.spoken.show(page);
    this.pagePicker.value = String(number);
    this.previous.disabled = number <= 1;
    this.next.disabled = number >= this.link.pageCount;
    this.playButton.disabled = false;
    this.state.textContent = '';
  }

  /** Stops what plays and whatever the last page was still waiting for. */
  stop() {
    this.work?.abort();
    this.work = new AbortController();
    this.player.pause();
    this.player.removeAttribute('src');
    this.player.load();
    this.spoken.forget();
  }

  /** Waits for the page's audio in the link's voice (made on the server the first time anyone asks), then plays it. */
  async play() {
    const number = this.pageNumber;
    const signal = this.work.signal;
    const pageBase = `${base}/pages/${number}/audio`;
    this.playButton.disabled = true;
    try {
      let audio = await get(pageBase, { signal });
      while (audio.status === 'pending' || audio.status === 'generating') {
        this.state.textContent = audio.status === 'pending' ? 'Waiting to be synthesized…' : 'Generating audio…';
        await delay(synthesisPollMs, signal);
        audio = await get(pageBase, { signal });
      }
      if (audio.status !== 'completed') {
        this.state.textContent = `This page could not be read aloud: ${audio.error?.message ?? 'unknown reason'}`;
        return;
      }
      this.state.textContent = 'Playing.';
      const marks = await get(`${pageBase}/marks`, { signal }).catch((error) => {
        if (isAbort(error)) throw error;
        return [];
      });
      this.spoken.follow(`page-${number}`, Array.isArray(marks) ? marks : []);
      this.player.src = `${pageBase}/content`;
      try {
        await this.player.play();
      } catch (error) {
        if (error.name === 'NotAllowedError') this.state.textContent = 'Audio ready: press play on the player to listen.';
        else if (error.name !== 'AbortError') throw error;
      }
    } catch (error) {
      if (!isAbort(error)) this.state.textContent = error instanceof ApiError ? `Could not play this page: ${error.message}` : 'Could not play this page.';
    } finally {
      this.playButton.disabled = false;
    }
  }
}

async function start() {
  try {
    const link = await get(base);
    document.title = `${link.title || 'Untitled'} · Lector`;
    const listener = new Listener(link);
    if (link.pageCount > 0) await listener.showPage(1);
  } catch (error) {
    if (isAbort(error)) return;
    const gone = error instanceof ApiError && error.status === 404;
    replaceChildren(main,
      h('h1', {}, gone ? 'This link does not work' : 'Something went wrong'),
      h('p', { role: 'alert' }, gone ? 'It may have expired or been revoked. Ask whoever sent it for a new one.' : error.message));
  }
}

start();
