// The player's keyboard shortcuts, and the dialog that lists them. Never while typing in a field, and never a key a
// focused control uses itself (Space presses a focused button; arrows move a focused slider; the focused page text
// chooses a sentence with the up and down arrows and plays from it with Enter or Space).
import { h } from '../dom.js';
import { choiceKeys, choosing } from './sentenceChoice.js';

const shortcuts = [
  { keys: ['Space'], match: (e) => e.key === ' ', what: 'Play or pause', run: (player) => player.toggle() },
  { keys: ['←'], match: (e) => e.key === 'ArrowLeft', what: 'Back 15 seconds', run: (player) => player.skipBack() },
  { keys: ['→'], match: (e) => e.key === 'ArrowRight', what: 'Forward 30 seconds', run: (player) => player.skipForward() },
  { keys: ['J'], match: (e) => e.key.toLowerCase() === 'j', what: 'Previous page', run: (player) => player.previousPage() },
  { keys: ['K'], match: (e) => e.key.toLowerCase() === 'k', what: 'Next page', run: (player) => player.nextPage() },
  { keys: ['['], match: (e) => e.key === '[', what: 'Previous chapter', run: (player) => player.previousChapter() },
  { keys: [']'], match: (e) => e.key === ']', what: 'Next chapter', run: (player) => player.nextChapter() },
  { keys: ['?'], match: (e) => e.key === '?', what: 'Show these shortcuts', run: (player) => player.showShortcuts() },
];

/** Controls that take typing (every key is theirs), that move with arrows, and that Space presses. */
const typing = 'input:not([type="range"]), textarea, select, [contenteditable=""], [contenteditable="true"]';
const sliding = 'input[type="range"], [role="slider"], audio';
const pressing = 'button, a[href], summary';

function ownsKey(target, event) {
  if (!target) return false;
  if (target.closest(typing) || target.closest('dialog[open]')) return true;
  if (target.matches(choosing) && choiceKeys.includes(event.key)) return true;
  if (event.key.startsWith('Arrow') && target.closest(sliding)) return true;
  return event.key === ' ' && target.closest(pressing) !== null;
}

export function bindPlayerKeys(player, signal) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const shortcut = shortcuts.find((s) => s.match(event));
    if (!shortcut) return;
    if (ownsKey(event.target instanceof Element ? event.target : null, event)) return;
    event.preventDefault();
    shortcut.run(player);
  }, { signal });
}

/** What the focused page text does with its keys (see SentenceChoice). */
const textKeys = [
  { keys: ['↓', '↑'], what: 'Choose the next or previous sentence' },
  { keys: ['Home', 'End'], what: 'Choose the first or last sentence' },
  { keys: ['Enter', 'Space'], what: 'Play from the sentence chosen' },
  { keys: ['Esc'], what: 'Let the sentence go' },
];

function keyList(list) {
  return h('dl', { class: 'shortcut-list' }, list.map((s) =>
    [h('dt', {}, s.keys.map((k, i) => [i > 0 ? ' ' : null, h('kbd', {}, k)])), h('dd', {}, s.what)]));
}

/** A dialog listing the shortcuts, and the button that opens it. */
export function shortcutsDialog() {
  const dialog = h('dialog', { class: 'confirm shortcuts-dialog', 'aria-labelledby': 'shortcuts-heading' },
    h('h2', { id: 'shortcuts-heading' }, 'Keyboard shortcuts'),
    keyList(shortcuts),
    h('p', { class: 'meta' }, 'Not while typing in a field. Click or tap a sentence of the text to play from there.'),
    h('h3', {}, 'In the page text'),
    h('p', { class: 'meta' }, 'Tab to the text, choose a sentence and play from there.'),
    keyList(textKeys),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')));
  const button = h('button', { type: 'button', id: 'shortcuts', class: 'secondary icon', 'aria-label': 'Keyboard shortcuts', title: 'Keyboard shortcuts (?)',
    'aria-haspopup': 'dialog', onclick: () => dialog.showModal() }, '?');
  return { dialog, button, show: () => dialog.showModal() };
}
