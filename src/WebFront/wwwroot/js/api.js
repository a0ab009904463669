// Thin client of the Lector HTTP API: JSON in and out, problem+json errors, and the CSRF header on every
// state-changing call (the session cookie alone is not enough for the server to accept one).

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token;
}

/** An error answer of the API, carrying its stable `code` and a message that is safe to show. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problemMessage(status, problem));
    this.status = status;
    this.code = problem?.code ?? `http_${status}`;
    this.errors = problem?.errors ?? null;
  }
}

function problemMessage(status, problem) {
  if (problem?.errors) {
    const fields = Object.entries(problem.errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
    return `${problem.title ?? 'Invalid input'} (${fields.join('; ')})`;
  }
  return problem?.detail ?? problem?.title ?? `The server answered ${status}.`;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function headersFor(method, extra = {}) {
  const headers = { Accept: 'application/json', ...extra };
  if (unsafeMethods.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  return headers;
}

async function readProblem(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** Calls the API; resolves to the parsed JSON body (or null for 204), rejects with ApiError. */
export async function request(method, path, { body, signal } = {}) {
  const init = { method, signal, credentials: 'same-origin', headers: headersFor(method) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  return response.status === 204 ? null : response.json();
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options) => request('POST', path, { ...options, body });
export const put = (path, body, options) => request('PUT', path, { ...options, body });
export const patch = (path, body, options) => request('PATCH', path, { ...options, body });
export const del = (path, options) => request('DELETE', path, options);

/**
 * Uploads a file as multipart form data. XMLHttpRequest rather than fetch, because only it reports upload
 * progress; onProgress receives a fraction between 0 and 1.
 */
export function upload(path, file, { title, onProgress, signal } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(headersFor('POST'))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let parsed = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed);
      else reject(new ApiError(xhr.status, parsed));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { detail: 'The upload failed: the server could not be reached.' })));
    xhr.addEventListener('abort', () => reject(new DOMException('Upload cancelled.', 'AbortError')));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file);
    if (title) form.append('title', title);
    xhr.send(form);
  });
}
