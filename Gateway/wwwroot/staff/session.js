// What the staff pages (desk, console, admin) share: calling the API with the session cookie that /api/auth/login
// sets (HttpOnly, SameSite=Strict), renewing it once on 401, signing in, and building elements without innerHTML.

/** A refusal from the API: its problem detail, and per-field messages when the API named the fields. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.fields = problem.errors || {};
  }
}

let signedIn = false;
let renewing = null;

/**
 * Trades the refresh cookie for new tokens. A refresh token is good once, so calls that find the access token expired
 * together share one trade: a second would be refused and read as the end of the session.
 */
function renew() {
  renewing ??= fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' })
    .then((response) => response.ok, () => false)
    .finally(() => { renewing = null; });
  return renewing;
}

/** Calls the API with a JSON body, or a file (a Blob) as the raw body of its own type; answers the JSON answer. */
export async function api(method, path, body, retried) {
  const file = body instanceof Blob;
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': file ? body.type || 'application/octet-stream' : 'application/json' },
    body: body === undefined || file ? body : JSON.stringify(body),
    credentials: 'same-origin',
  });
  // Access tokens live 15 minutes; the refresh cookie renews them once.
  if (response.status === 401 && !retried && signedIn && await renew()) {
    return api(method, path, body, true);
  }
  if (!response.ok) {
    throw new ApiError(response.status, await response.json().catch(() => ({})));
  }
  return response.status === 204 ? null : response.json().catch(() => null);
}

/** Signs in with the user id and password and answers who the caller is ({ id, name, roles }). */
export async function signIn(userId, password) {
  await api('POST', '/api/auth/login', { userId, password });
  signedIn = true;
  return api('GET', '/api/auth/me');
}

export const $ = (id) => document.getElementById(id);

export function el(tag, attributes, text) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => element.setAttribute(name, value));
  if (text !== undefined && text !== null && text !== '') {
    element.textContent = text;
  }
  return element;
}

/** Fills the page's empty #login form: user id, password, the button and the line that says what went wrong. */
function buildSignIn(form) {
  const field = (id, label, attributes) => [el('label', { for: id }, label), el('input', { id, required: '', ...attributes })];
  form.replaceChildren(
    el('h2', { id: 'login-title' }, 'Sign in'),
    ...field('user-id', 'User id', { name: 'userId', autocomplete: 'username' }),
    ...field('password', 'Password', { name: 'password', type: 'password', autocomplete: 'current-password' }),
    el('button', { type: 'submit' }, 'Sign in'),
    el('p', { id: 'login-error', class: 'error', role: 'alert' }));
}

/**
 * The page's sign-in form (an empty #login): on success it is hidden and onSignedIn gets the caller; a caller without
 * one of the roles is told so and stays out.
 */
export function signInForm(roles, onSignedIn) {
  buildSignIn($('login'));
  $('user-id').focus();
  $('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      const me = await signIn($('user-id').value.trim(), $('password').value);
      if (!roles.some((role) => me.roles.includes(role))) {
        $('login-error').textContent = `This page is for users with the ${roles.join(' or ')} role.`;
        return;
      }
      $('login').hidden = true;
      await onSignedIn(me);
    } catch (error) {
      $('login-error').textContent = error.message;
    }
  });
}

/** "3 min", "1 h 5 min": how long since an ISO time, for waits and time in state. */
export function since(iso, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
