// Small DOM helpers shared by the screens.

export const $ = (id) => document.getElementById(id);

/** Shows one screen (section.screen) and hides the others. */
export function show(id) {
  for (const s of document.querySelectorAll('section.screen')) s.hidden = s.id !== id;
  document.body.dataset.screen = id;
}

export function current() {
  return document.body.dataset.screen;
}

export function setText(id, text) {
  $(id).textContent = text ?? '';
}

/** The ersReference in five groups of five (src/i18n groupRef): the last digit never stands alone. */
export { groupRef } from '../i18n/i18n.js';
