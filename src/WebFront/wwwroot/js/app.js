// Entry point: who is signed in, the hash router, the header. Views are modules that render into <main>
// and stop their own work (polling, playback) when the signal handed to them aborts.
import { ApiError, get, post, setCsrfToken } from './api.js';
import { h, replaceChildren, isAbort } from './dom.js';
import { renderSignIn, renderSignUp } from './views/auth.js';
import { renderLibrary } from './views/library.js';
import { renderReader } from './views/reader.js';
import { renderSharedWithMe } from './views/sharing.js';
import { renderAdmin } from './views/admin.js';
import { renderNotifications } from './views/notifications.js';
import { renderPronunciations } from './views/pronunciations.js';

const main = document.getElementById('view');
const announcer = document.getElementById('announcer');

const session = {
  user: null,
  signedIn(user, csrfToken) {
    this.user = user;
    setCsrfToken(csrfToken);
    updateHeader();
  },
  signedOut() {
    this.user = null;
    setCsrfToken(null);
    updateHeader();
  },
};

/** Routes: pattern -> view. `auth: false` views are for signed-out visitors. */
const routes = [
  { pattern: /^#\/sign-in$/, auth: false, render: renderSignIn },
  { pattern: /^#\/sign-up$/, auth: false, render: renderSignUp },
  { pattern: /^#\/library(?:\/(\d+))?$/, auth: true, render: renderLibrary, nav: 'library' },
  { pattern: /^#\/shared(?:\/(\d+))?$/, auth: true, render: renderSharedWithMe, nav: 'shared' },
  { pattern: /^#\/documents\/([0-9a-f]{32})(?:\/pages\/(\d+))?$/, auth: true, render: renderReader, nav: 'library' },
  { pattern: /^#\/notifications(?:\/(\d+))?$/, auth: true, render: renderNotifications, nav: 'notifications' },
  { pattern: /^#\/pronunciations$/, auth: true, render: renderPronunciations, nav: 'pronunciations' },
  { pattern: /^#\/admin(?:\/(audit|failures|settings|stats))?(?:\/(\d+))?$/, auth: true, render: renderAdmin, nav: 'admin' },
];

/** Main navigation; the admin console is listed for admins only (the server answers 404 to anyone else). */
const navigation = [
  { id: 'library', label: 'Library', href: '#/library' },
  { id: 'shared', label: 'Shared with me', href: '#/shared' },
  { id: 'notifications', label: 'Notifications', href: '#/notifications' },
  { id: 'pronunciations', label: 'Pronunciations', href: '#/pronunciations' },
  { id: 'admin', label: 'Admin', href: '#/admin/stats', adminOnly: true },
];

let current = null;

/** Announces a short message to screen readers (and leaves it visible to nobody). */
export function announce(message) {
  announcer.textContent = '';
  // A fresh text node after a tick makes repeated identical messages be read again.
  setTimeout(() => { announcer.textContent = message; }, 50);
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function updateHeader() {
  const signedIn = session.user !== null;
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('account').hidden = !signedIn;
  document.getElementById('account-name').textContent = signedIn ? session.user.displayName : '';
}

function renderNav(active) {
  replaceChildren(document.getElementById('nav-links'), navigation.filter((item) => !item.adminOnly || session.user?.isAdmin).map((item) =>
    h('li', {}, h('a', { href: item.href, 'aria-current': item.id === active ? 'page' : null }, item.label))));
}

async function route() {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const hash = location.hash || '#/library';
  const match = routes.map((r) => ({ r, m: r.pattern.exec(hash) })).find((x) => x.m);
  if (!match) {
    navigate(session.user ? '#/library' : '#/sign-in');
    return;
  }
  if (match.r.auth && !session.user) {
    navigate('#/sign-in');
    return;
  }
  if (!match.r.auth && session.user) {
    navigate('#/library');
    return;
  }
  renderNav(match.r.nav);
  const context = { session, signal: controller.signal, params: match.m.slice(1), navigate, announce };
  try {
    await match.r.render(main, context);
    if (!controller.signal.aborted) {
      const heading = main.querySelector('h1');
      if (heading) {
        document.title = `${heading.textContent} · Lector`;
      }
    }
  } catch (error) {
    if (isAbort(error) || controller.signal.aborted) return;
    if (error instanceof ApiError && error.status === 401) {
      session.signedOut();
      navigate('#/sign-in');
      return;
    }
    replaceChildren(main, h('h1', {}, 'Something went wrong'), h('p', { role: 'alert' }, error.message),
      h('p', {}, h('a', { href: '#/library' }, 'Back to the library')));
  }
}

/** Moves focus to the new view's heading, so keyboard and screen-reader users start at the top of it. */
export function focusView() {
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
  }
}

async function signOut() {
  try {
    await post('/api/auth/logout');
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      announce(`Sign out failed: ${error.message}`);
      return;
    }
  }
  session.signedOut();
  announce('Signed out.');
  navigate('#/sign-in');
}

async function start() {
  document.getElementById('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', async () => {
    await route();
    focusView();
  });
  try {
    const user = await get('/api/auth/me');
    const { csrfToken } = await get('/api/auth/csrf');
    await session.signedIn(user, csrfToken);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  await route();
}

start();
