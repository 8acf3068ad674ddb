// What the screen says besides its text: announcements for screen readers (two live regions:
// polite for waiting and paid, assertive for cancelled and failed), a brief toast (a junk scan),
// and, when the till's config asks for it (ui.sound), a sound for paid and another for failed
// or cancelled. The sounds are two short tones made here (no files, no network), played by
// the <audio> elements #sound-paid and #sound-failed.
import { $ } from './dom.js';

let lastAnnounced = '';

/** Says `text` to a screen reader once per `key` (a payment's state), politely or at once. */
export function announce(key, text, { urgent = false } = {}) {
  if (!text || key === lastAnnounced) return;
  lastAnnounced = key;
  const region = $(urgent ? 'announce-alert' : 'announce');
  // emptied first, so the same words said again are announced again
  region.textContent = '';
  setTimeout(() => (region.textContent = text), 50);
}

let toastTimer = null;

/** A brief message over the screen (a junk scan): shown for a few seconds, announced at once. */
export function toast(text, ms = 3000) {
  const el = $('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), ms);
}

let soundOn = false;

/** ui.sound from the till's status. */
export function setSound(on) {
  soundOn = on === true;
  if (soundOn) prepareSounds();
}

/** Plays the paid sound or the failed/cancelled one (when ui.sound is on). */
export function sound(kind) {
  if (!soundOn) return;
  const el = $(kind === 'paid' ? 'sound-paid' : 'sound-failed');
  el.currentTime = 0;
  // a kiosk Chromium without --autoplay-policy=no-user-gesture-required may refuse: never an error on screen
  el.play()?.catch?.(() => {});
}

function prepareSounds() {
  if ($('sound-paid').src) return;
  $('sound-paid').src = tone([880, 1320], 0.12); // rising: paid
  $('sound-failed').src = tone([440, 330], 0.2); // falling: failed or cancelled
}

/** A WAV data URL of the given tones one after the other (8 kHz, 8-bit mono). */
function tone(freqs, seconds) {
  const rate = 8000;
  const n = Math.floor(rate * seconds);
  const samples = new Uint8Array(n * freqs.length);
  freqs.forEach((f, k) => {
    for (let i = 0; i < n; i++) {
      const fade = Math.min(1, i / 80, (n - i) / 80);
      samples[k * n + i] = 128 + Math.round(90 * fade * Math.sin((2 * Math.PI * f * i) / rate));
    }
  });
  const header = new DataView(new ArrayBuffer(44));
  const text = (at, s) => [...s].forEach((c, i) => header.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  header.setUint32(4, 36 + samples.length, true);
  text(8, 'WAVEfmt ');
  header.setUint32(16, 16, true);
  header.setUint16(20, 1, true);
  header.setUint16(22, 1, true);
  header.setUint32(24, rate, true);
  header.setUint32(28, rate, true);
  header.setUint16(32, 1, true);
  header.setUint16(34, 8, true);
  text(36, 'data');
  header.setUint32(40, samples.length, true);
  const bytes = new Uint8Array(44 + samples.length);
  bytes.set(new Uint8Array(header.buffer), 0);
  bytes.set(samples, 44);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `data:audio/wav;base64,${btoa(bin)}`;
}
