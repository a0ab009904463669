// The page text as the reader shows it, and the word being spoken highlighted in it (the sentence, when the audio
// has no word marks). Speech marks count characters of the page's plain text, while the page is shown from its
// HTML; the two are lined up character by character, ignoring whitespace. When they do not line up (the HTML
// says something the plain text does not), the plain text is shown instead, one paragraph per blank line.
// Highlights are spans made from text nodes: no text ever passes through innerHTML.
import { h, replaceChildren, sanitizeHtml } from '../dom.js';

const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
const space = /\s/;

export class SpokenText {
  constructor(element) {
    this.element = element;
    this.page = null;
    this.audioId = null;
    this.marks = [];
    this.spans = [];
    this.current = -1;
  }

  /** Shows a page, with nothing highlighted. */
  show(page) {
    this.page = page;
    this.forget();
    replaceChildren(this.element, sanitizeHtml(page.html));
  }

  /** Whether the marks of this audio are laid over the text already. */
  follows(audioId) {
    return this.audioId === audioId;
  }

  /** Lays the speech marks of one audio of the shown page over its text; with no usable marks nothing is highlighted. */
  follow(audioId, marks) {
    this.forget();
    if (!this.page) return;
    const words = marks.filter((m) => m.type === 'word');
    const chosen = (words.length > 0 ? words : marks.filter((m) => m.type === 'sentence'))
      .filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.end > m.start && Number.isFinite(m.timeMs))
      .sort((a, b) => a.timeMs - b.timeMs);
    this.audioId = audioId;
    if (chosen.length === 0) return;
    // Spans of an earlier audio must not nest the new ones: start again from the page as it came.
    replaceChildren(this.element, sanitizeHtml(this.page.html));
    this.marks = chosen;
    this.spans = this.wrap(chosen);
  }

  /** Highlights the mark being spoken at this time of the audio, scrolling it into view when it is out of sight. */
  update(timeMs) {
    const index = markAt(this.marks, timeMs);
    if (index === this.current) return;
    this.unhighlight();
    this.current = index;
    const spans = this.spans[index] ?? [];
    for (const span of spans) span.classList.add('speaking');
    spans[0]?.scrollIntoView({ block: 'nearest', behavior: reducedMotion.matches ? 'instant' : 'smooth' });
  }

  /** Removes the highlight; the marks stay, so playing on highlights again. */
  clear() {
    this.unhighlight();
    this.current = -1;
  }

  /** Drops the marks (another audio, or none, is playing). */
  forget() {
    this.clear();
    this.audioId = null;
    this.marks = [];
    this.spans = [];
  }

  /** Where in the page's plain text the character at a point of the screen is (the next one, between two); -1 off the text. */
  indexAt(x, y) {
    const caret = document.caretPositionFromPoint?.(x, y);
    const range = caret ? null : document.caretRangeFromPoint?.(x, y);
    const node = caret?.offsetNode ?? range?.startContainer;
    const offset = caret?.offset ?? range?.startOffset ?? 0;
    if (!this.page || node?.nodeType !== Node.TEXT_NODE || !this.element.contains(node)) return -1;
    const nodes = textNodes(this.element);
    const n = nodes.indexOf(node);
    const positions = align(this.page.text ?? '', nodes) ?? [];
    const at = positions.findIndex((p) => p && (p.node > n || (p.node === n && p.offset >= offset)));
    return at >= 0 ? at : positions.findLastIndex(Boolean);
  }

  /**
   * Where the word (or sentence) being spoken starts in the page's plain text; -1 when nothing is highlighted.
   */
  speakingAt() {
    return this.marks[this.current]?.start ?? -1;
  }

  /**
   * The shown characters of the page's plain text from `start` to `end` as a Range (the page shown as plain text first
   * when its HTML does not line up, as for highlighting); null when none of them is shown.
   */
  rangeOf(start, end) {
    const { nodes, positions } = this.aligned();
    const shown = positions?.slice(start, end) ?? [];
    const first = shown.find(Boolean);
    const last = shown.findLast(Boolean);
    if (!first) return null;
    const range = document.createRange();
    range.setStart(nodes[first.node], first.offset);
    range.setEnd(nodes[last.node], last.offset + 1);
    return range;
  }

  unhighlight() {
    for (const span of this.spans[this.current] ?? []) span.classList.remove('speaking');
  }

  /**
   * The text nodes shown and, for each character of the plain text, where it is in them (see `align`); when the HTML
   * does not line up with the plain text, the plain text is shown instead, one paragraph per blank line.
   */
  aligned() {
    const text = this.page?.text ?? '';
    let nodes = textNodes(this.element);
    let positions = align(text, nodes);
    if (!positions && this.page) {
      replaceChildren(this.element, text.split(/\n[ \t]*\n/).map((paragraph) => h('p', {}, paragraph)));
      nodes = textNodes(this.element);
      positions = align(text, nodes);
    }
    return { nodes, positions };
  }

  /** Wraps the text of each mark in spans (several when it crosses markup); answers the spans of each mark. */
  wrap(marks) {
    const { nodes, positions } = this.aligned();
    const spans = marks.map(() => []);
    if (!positions) return spans;

    const pieces = new Map();
    marks.forEach((mark, index) => {
      const first = positions.slice(mark.start, mark.end).find(Boolean);
      const last = positions.slice(mark.start, mark.end).findLast(Boolean);
      if (!first) return;
      for (let n = first.node; n <= last.node; n++) {
        const from = n === first.node ? first.offset : 0;
        const to = n === last.node ? last.offset + 1 : nodes[n].data.length;
        // Whitespace between blocks stays outside: a span is never a child of a list or a table.
        if (nodes[n].data.slice(from, to).trim() === '') continue;
        if (!pieces.has(n)) pieces.set(n, []);
        pieces.get(n).push({ from, to, index });
      }
    });
    for (const [n, list] of pieces) splitText(nodes[n], list, spans);
    return spans;
  }
}

/** The last mark that has started by this time, or -1 before the first. */
function markAt(marks, timeMs) {
  let low = 0;
  let high = marks.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (marks[middle].timeMs <= timeMs) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function textNodes(element) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

/**
 * For each character of the plain text that is not whitespace, where it is in the text nodes ({node, offset});
 * null when the two disagree on a character that is not whitespace.
 */
function align(text, nodes) {
  const positions = new Array(text.length);
  let n = 0;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    if (space.test(text[i])) continue;
    while (n < nodes.length && (k >= nodes[n].data.length || space.test(nodes[n].data[k]))) {
      if (k >= nodes[n].data.length) {
        n++;
        k = 0;
      } else {
        k++;
      }
    }
    if (n >= nodes.length || nodes[n].data[k] !== text[i]) return null;
    positions[i] = { node: n, offset: k };
    k++;
  }
  return positions;
}

/** Replaces a text node by its text with the given pieces in spans; a piece overlapping an earlier one is left out. */
function splitText(node, pieces, spans) {
  const parts = [];
  let at = 0;
  for (const piece of pieces.sort((a, b) => a.from - b.from)) {
    if (piece.from < at) continue;
    if (piece.from > at) parts.push(node.data.slice(at, piece.from));
    const span = h('span', { class: 'spoken' }, node.data.slice(piece.from, piece.to));
    spans[piece.index].push(span);
    parts.push(span);
    at = piece.to;
  }
  if (at < node.data.length) parts.push(node.data.slice(at));
  node.replaceWith(...parts);
}
