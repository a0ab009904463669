// The reader's side lists: the chapters (from the outline or headings) and the pages (with printed labels, loaded a
// hundred at a time), each leading to its page, with the page shown and its chapter marked as current.
import { get } from '../api.js';
import { h } from '../dom.js';

const pageListSize = 100;

export class ReaderNav {
  /** `hrefOf(number)` is a page's address; `onChoose(number)` shows it. */
  constructor({ base, hrefOf, onChoose, signal }) {
    Object.assign(this, { base, hrefOf, onChoose, signal });
    this.loadedPageLists = 0;
    this.chapterList = h('ol', { class: 'chapter-list' });
    this.chapters = h('nav', { class: 'chapters', 'aria-label': 'Chapters', hidden: true }, h('h2', {}, 'Chapters'), this.chapterList);
    this.pageList = h('ol', { class: 'page-list' });
    this.morePages = h('button', { type: 'button', class: 'secondary small', hidden: true, onclick: () => this.loadMorePages() }, 'More pages');
    this.element = h('div', { class: 'reader-side' },
      this.chapters,
      h('nav', { class: 'pages', 'aria-label': 'Pages' }, h('h2', {}, 'Pages'), this.pageList, this.morePages));
  }

  async load() {
    return this.addPages(await get(`${this.base}/pages?page=1&pageSize=${pageListSize}`, { signal: this.signal }));
  }

  addChapters(chapters) {
    this.chapters.hidden = chapters.length === 0;
    for (const chapter of chapters) {
      const pages = chapter.firstPage === chapter.lastPage ? `Page ${chapter.firstPage}` : `Pages ${chapter.firstPage}–${chapter.lastPage}`;
      this.chapterList.append(h('li', {}, this.link(chapter.firstPage,
        { 'data-first-page': String(chapter.firstPage), 'data-last-page': String(chapter.lastPage) },
        h('span', { class: 'page-number' }, chapter.title),
        h('span', { class: 'preview' }, pages))));
    }
  }

  addPages(result) {
    this.loadedPageLists = result.page;
    for (const page of result.items) {
      // The printed page label ("xii") beside Lector's number, where the document has them.
      this.pageList.append(h('li', {}, this.link(page.number, { 'data-page': String(page.number) },
        h('span', { class: 'page-number' }, `Page ${page.number}`,
          page.label ? h('span', { class: 'page-label', title: 'Printed page number' }, ` · ${page.label}`) : null),
        h('span', { class: 'preview' }, page.preview))));
    }
    this.morePages.hidden = result.page >= result.totalPages;
  }

  async loadMorePages() {
    this.addPages(await get(`${this.base}/pages?page=${this.loadedPageLists + 1}&pageSize=${pageListSize}`, { signal: this.signal }));
  }

  link(number, attributes, ...children) {
    const link = h('a', { href: this.hrefOf(number), ...attributes }, ...children);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      this.onChoose(number);
    });
    return link;
  }

  /** Marks the page shown, and the chapter it is in (the last one starting at or before it, when chapters share a page). */
  markCurrent(number) {
    for (const link of this.pageList.querySelectorAll('a')) {
      if (Number(link.dataset.page) === number) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const chapterLinks = [...this.chapterList.querySelectorAll('a')];
    const current = chapterLinks.findLast((link) => Number(link.dataset.firstPage) <= number && number <= Number(link.dataset.lastPage));
    for (const link of chapterLinks) {
      if (link === current) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  }
}
