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

/** "2026112916000012345678901" → "20261129 16000012 34567890 1": easier to read aloud. */
export function groupRef(ref) {
  return String(ref ?? '').replace(/(.{8})(?=.)/g, '$1 ');
}
