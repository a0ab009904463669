// Sign in and sign up. Signing up also signs in, so a new user lands in the library.
import { ApiError, post } from '../api.js';
import { h, replaceChildren } from '../dom.js';

function field(id, label, attributes) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name: id, required: true, ...attributes }));
}

async function signIn(context, email, password) {
  const answer = await post('/api/auth/login', { email, password });
  const { csrfToken, ...user } = answer;
  await context.session.signedIn(user, csrfToken);
  context.announce(`Signed in as ${user.displayName}.`);
  context.navigate('#/library');
}

function authForm(container, context, { heading, fields, submitLabel, footer, onSubmit }) {
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, submitLabel);
  const form = h('form', { class: 'card auth-form', novalidate: false }, fields, error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      await onSubmit(new FormData(form));
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : 'The server could not be reached.';
    } finally {
      submit.disabled = false;
    }
  });
  replaceChildren(container, h('section', { class: 'auth' }, h('h1', {}, heading), form, h('p', {}, footer)));
}

export function renderSignIn(container, context) {
  authForm(container, context, {
    heading: 'Sign in',
    submitLabel: 'Sign in',
    fields: [
      field('email', 'E-mail', { type: 'email', autocomplete: 'username' }),
      field('password', 'Password', { type: 'password', autocomplete: 'current-password' }),
    ],
    footer: ['New to Lector? ', h('a', { href: '#/sign-up' }, 'Create an account')],
    onSubmit: (data) => signIn(context, data.get('email'), data.get('password')),
  });
}

export function renderSignUp(container, context) {
  authForm(container, context, {
    heading: 'Create an account',
    submitLabel: 'Sign up',
    fields: [
      field('displayName', 'Name', { type: 'text', autocomplete: 'name', maxlength: '100' }),
      field('email', 'E-mail', { type: 'email', autocomplete: 'username' }),
      field('password', 'Password (at least 10 characters)', { type: 'password', autocomplete: 'new-password', minlength: '10' }),
    ],
    footer: ['Already have an account? ', h('a', { href: '#/sign-in' }, 'Sign in')],
    onSubmit: async (data) => {
      const email = data.get('email');
      const password = data.get('password');
      // The server answers alike for a new address and a taken one (whose holder it tells), so whether the
      // account is ours shows only when signing in with the password just chosen.
      await post('/api/auth/register', { email, password, displayName: data.get('displayName') });
      try {
        await signIn(context, email, password);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'auth.invalid_credentials') {
          throw new ApiError(401, {
            detail: 'You could not be signed in with this password. If this e-mail already has an account, sign in with its password instead, or sign up with another address.',
          });
        }
        throw e;
      }
    },
  });
}
