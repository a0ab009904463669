// Small DOM helpers. Everything is built with createElement/textContent, never from strings of markup,
// except page HTML, which goes through sanitizeHtml first.

/** h('button', {type: 'button', onclick: f}, 'Text', child) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name in element && typeof value !== 'string') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

const allowedTags = new Set([
  'p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code',
  'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'span', 'div', 'section', 'table', 'thead',
  'tbody', 'tr', 'th', 'td', 'caption', 'hr', 'figure', 'figcaption', 'a', 'abbr', 'small', 'mark',
]);
const allowedAttributes = new Set(['href', 'title', 'colspan', 'rowspan', 'lang', 'dir']);

/**
 * Page HTML is sanitized by the server already; this second pass keeps only plain text markup, so nothing in
 * a document can run script, load resources or carry inline styles (which the CSP would refuse anyway).
 */
export function sanitizeHtml(html) {
  const source = new DOMParser().parseFromString(html, 'text/html').body;
  const target = document.createDocumentFragment();
  copyAllowed(source, target);
  return target;
}

function copyAllowed(from, to) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(node.textContent);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const tag = node.tagName.toLowerCase();
      if (!allowedTags.has(tag)) {
        if (tag !== 'script' && tag !== 'style' && tag !== 'template') copyAllowed(node, to);
        continue;
      }
      const copy = document.createElement(tag);
      for (const attribute of node.attributes) {
        const name = attribute.name.toLowerCase();
        if (!allowedAttributes.has(name)) continue;
        if (name === 'href' && !/^(https?:|mailto:|#)/i.test(attribute.value.trim())) continue;
        copy.setAttribute(name, attribute.value);
      }
      if (tag === 'a') copy.setAttribute('rel', 'noopener noreferrer');
      copyAllowed(node, copy);
      to.append(copy);
    }
  }
}

export function formatDate(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Waits ms milliseconds, or rejects with AbortError when signal aborts first. */
export function delay(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

export function isAbort(error) {
  return error?.name === 'AbortError';
}

/**
 * The one pager of every paged list: links to the previous and next pages of `result` (a paged answer), built by
 * `hrefOf(page)`; nothing when everything fits on one page.
 */
export function pager(result, hrefOf, label) {
  if (result.totalPages <= 1) return null;
  const page = result.page;
  return h('nav', { class: 'pager', 'aria-label': label },
    page > 1 ? h('a', { href: hrefOf(page - 1), rel: 'prev' }, 'Previous') : null,
    h('span', {}, `Page ${page} of ${result.totalPages}`),
    page < result.totalPages ? h('a', { href: hrefOf(page + 1), rel: 'next' }, 'Next') : null);
}
