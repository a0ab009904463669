// "Play from here" from the keyboard: the page text is one tab stop, and while it has the focus the up and down
// arrows (Home, End) choose a sentence, Enter or Space plays from it and Escape lets it go. Sentences come from the
// browser's sentence segmenter over the page's plain text, so they are there before any audio or speech marks. The
// sentence chosen is drawn as a CSS highlight (no spans: the spoken-word spans are laid over the same text) and
// announced, so that screen-reader users hear where they are.

/** The text that chooses sentences marks itself so; focused, it takes `choiceKeys` (the player's shortcuts leave them). */
export const choosing = '[data-chooses-sentences]';
export const choiceKeys = ['ArrowUp', 'ArrowDown', 'Home', 'End', 'Enter', ' ', 'Escape'];

const highlightName = 'chosen-sentence';
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
/** Room kept above a sentence scrolled to, as for the word being spoken. */
const marginPx = 64;

export class SentenceChoice {
  /**
   * @param {HTMLElement} element the page text
   * @param {object} options
   * @param {import('./spokenText.js').SpokenText} options.spoken what the element shows, and the word being spoken
   * @param {(index: number) => void} options.onPlay play from this character of the page's plain text
   * @param {() => void} options.onToggle Enter or Space with no sentence chosen: play or pause, as Space elsewhere
   * @param {(text: string) => void} options.announce
   * @param {() => number} options.visibleBottom where the bottom of the visible page is (above the player bar)
   * @param {AbortSignal} options.signal
   */
  constructor(element, options) {
    this.element = element;
    this.options = options;
    this.sentences = [];
    this.chosen = -1;
    element.dataset.choosesSentences = '';
    element.addEventListener('keydown', (event) => this.onKey(event), { signal: options.signal });
    // The text is rebuilt under the highlight (speech marks laid over it, the plain text shown instead of its HTML).
    const redraw = new MutationObserver(() => this.draw());
    redraw.observe(element, { childList: true, subtree: true });
    options.signal.addEventListener('abort', () => {
      redraw.disconnect();
      CSS.highlights?.delete(highlightName);
    });
  }

  /** A new page (none: its text is being edited): nothing chosen, and its sentences. */
  show(page, language) {
    this.clear();
    this.sentences = page ? sentencesOf(page.text ?? '', language) : [];
    if (page) this.element.tabIndex = 0;
    else this.element.removeAttribute('tabindex');
  }

  clear() {
    this.chosen = -1;
    this.draw();
  }

  onKey(event) {
    if (event.target !== this.element || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    if (!choiceKeys.includes(event.key)) return;
    event.preventDefault();
    if (event.key === 'Enter' || event.key === ' ') {
      this.play();
      return;
    }
    if (this.sentences.length === 0) return;
    const last = this.sentences.length - 1;
    // With none chosen, the arrows go on from the sentence being spoken, if any.
    const from = this.chosen >= 0 ? this.chosen : this.speaking();
    if (event.key === 'ArrowDown') this.choose(Math.min(from + 1, last));
    else if (event.key === 'ArrowUp') this.choose(from < 0 ? last : Math.max(from - 1, 0));
    else if (event.key === 'Home') this.choose(0);
    else if (event.key === 'End') this.choose(last);
    else this.letGo();
  }

  letGo() {
    if (this.chosen < 0) return;
    this.clear();
    this.options.announce('No sentence chosen.');
  }

  /** The sentence being spoken (arrows go on from there when none is chosen); -1 when nothing is. */
  speaking() {
    const at = this.options.spoken.speakingAt();
    return at < 0 ? -1 : this.sentences.findLastIndex((s) => s.start <= at);
  }

  choose(index) {
    this.chosen = index;
    const range = this.draw();
    if (range) this.reveal(range);
    const sentence = this.sentences[index];
    this.options.announce(`Sentence ${index + 1} of ${this.sentences.length}: ${sentence.text}`);
  }

  /** Plays from the sentence chosen, which is let go: the word being spoken is highlighted from there on. */
  play() {
    const sentence = this.sentences[this.chosen];
    if (!sentence) {
      this.options.onToggle();
      return;
    }
    this.clear();
    this.options.onPlay(sentence.start);
  }

  /** Highlights the sentence chosen (or nothing); answers its range. */
  draw() {
    const sentence = this.sentences[this.chosen];
    const range = sentence ? this.options.spoken.rangeOf(sentence.start, sentence.end) : null;
    if (range) CSS.highlights?.set(highlightName, new Highlight(range));
    else CSS.highlights?.delete(highlightName);
    return range;
  }

  /** Scrolls the sentence into view when it is out of sight (above the page's top or under the player bar). */
  reveal(range) {
    const box = range.getBoundingClientRect();
    const bottom = this.options.visibleBottom();
    const by = box.top < marginPx ? box.top - marginPx : box.bottom > bottom ? box.bottom - bottom + marginPx / 2 : 0;
    if (by !== 0) scrollBy({ top: by, behavior: reducedMotion.matches ? 'instant' : 'smooth' });
  }
}

/** The sentences of a text as the browser segments them: where each starts and ends (without spaces) and its text. */
function sentencesOf(text, language) {
  const segmenter = segmenterFor(language);
  const sentences = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const start = index + (segment.length - segment.trimStart().length);
    const end = index + segment.trimEnd().length;
    if (end > start) sentences.push({ start, end, text: segment.trim().replace(/\s+/g, ' ') });
  }
  return sentences;
}

function segmenterFor(language) {
  try {
    return new Intl.Segmenter(language || undefined, { granularity: 'sentence' });
  } catch {
    // A language tag the browser does not know: its default rules still find sentences.
    return new Intl.Segmenter(undefined, { granularity: 'sentence' });
  }
}
