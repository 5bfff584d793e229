// How the pages talk to their agent: every request carries the API key (kept in this tab's sessionStorage, never in a
// URL) in a header; a 401 asks for the key in the page's dialog. And the theme both pages share.

export const $ = (selector) => document.querySelector(selector);

const KEY = 'pistat.key';
let key = sessionStorage.getItem(KEY);

/** Thrown for a 401: the page asks for the key. */
export class NeedKey extends Error {}

/** A request to the agent with the key, if one is kept. */
export async function request(path, init = {}) {
  const headers = key ? { Authorization: 'Bearer ' + key } : {};
  const response = await fetch(path, { ...init, headers, cache: 'no-store' });
  if (response.status === 401) throw new NeedKey();
  return response;
}

/** The JSON body of a successful request. */
export async function json(path) {
  const response = await request(path);
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

/** Opens the key dialog; says the key was refused when one was sent. */
export function askForKey() {
  const dialog = $('#key-dialog');
  $('#key-error').hidden = !key;
  if (!dialog.open) dialog.showModal();
  $('#key-input').focus();
}

/** Keeps the key the dialog is given, then calls `then` (to read everything again with it). */
export function onKey(then) {
  $('#key-form').addEventListener('submit', () => {
    key = $('#key-input').value.trim();
    sessionStorage.setItem(KEY, key);
    $('#key-input').value = '';
    then();
  });
}

/** The theme chosen on the dashboard ('system', 'light' or 'dark'), applied to the page; returns the choice. */
export function applyTheme(choice = localStorage.getItem('pistat.theme') || 'system') {
  const dark = choice === 'dark' || (choice === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  return choice;
}
