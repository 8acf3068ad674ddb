// Touch input: a numeric keypad (amounts, PIN) and a small on-screen keyboard for the admin
// forms, since a kiosk touchscreen has no physical keyboard. A self-checkout often has one:
// on a keypad screen its digits, the decimal point (. or ,), Backspace, Delete, Enter and
// Escape work as well.
import { onLanguage, t } from './i18n.js';

const NUM_KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '.', '0', 'back'];
const pads = [];

/**
 * Fills `el` with keypad buttons; `onKey(key)` gets '0'…'9', '.', 'back' or 'clear'.
 * `onEnter` / `onEscape`: what Enter and Escape on a physical keyboard do while it shows.
 */
export function keypad(el, onKey, { point = true, onEnter, onEscape } = {}) {
  el.innerHTML = '';
  for (const key of NUM_KEYS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'key';
    b.dataset.key = key === '.' && !point ? 'clear' : key;
    el.appendChild(b);
  }
  const label = () => {
    for (const b of el.querySelectorAll('button.key')) {
      const key = b.dataset.key;
      if (key === 'clear') {
        b.textContent = 'C';
        b.setAttribute('aria-label', t('keypad.clear'));
      } else if (key === 'back') {
        b.textContent = '⌫';
        b.setAttribute('aria-label', t('keypad.delete'));
      } else if (key === '.') {
        b.textContent = t('keypad.point');
        b.setAttribute('aria-label', t('keypad.decimal'));
      } else b.textContent = key;
    }
  };
  label();
  onLanguage(label);
  el.addEventListener('click', (e) => {
    const b = e.target.closest('button.key');
    if (b) onKey(b.dataset.key);
  });
  pads.push({ el, onKey, point, onEnter, onEscape });
}

/** The keypad on screen now (its screen shown, no dialog over it), if any. */
function visiblePad() {
  if (document.querySelector('.overlay:not([hidden])')) return undefined;
  return pads.find((p) => !p.el.hidden && p.el.offsetParent !== null);
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.altKey || e.metaKey || e.target?.matches?.('input, textarea')) return;
  const pad = visiblePad();
  if (!pad) return;
  let key;
  if (/^\d$/.test(e.key)) key = e.key;
  else if ((e.key === '.' || e.key === ',') && pad.point) key = '.';
  else if (e.key === 'Backspace') key = 'back';
  else if (e.key === 'Delete') key = pad.point ? undefined : 'clear';
  else if (e.key === 'Enter' && pad.onEnter) {
    // Enter on a focused button presses that button; elsewhere it is the screen's main action
    if (e.target?.matches?.('button')) return;
    e.preventDefault();
    return pad.onEnter();
  } else if (e.key === 'Escape' && pad.onEscape) {
    e.preventDefault();
    return pad.onEscape();
  }
  if (key === undefined) return;
  e.preventDefault();
  pad.onKey(key);
});

// ':' and '/' so a back office address (https://host:8070) can be typed on the till
const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl-:', 'zxcvbnm_.@/'];

/** The on-screen keyboard: shows while an input[data-osk] has focus, types into it. */
export function onScreenKeyboard(osk) {
  let target = null;
  let shift = false;
  function render() {
    osk.innerHTML = '';
    for (const row of ROWS) {
      const r = document.createElement('div');
      r.className = 'osk-row';
      for (const ch of row) r.appendChild(key(shift ? ch.toUpperCase() : ch, ch));
      osk.appendChild(r);
    }
    const last = document.createElement('div');
    last.className = 'osk-row';
    last.append(key(shift ? 'ABC' : 'abc', 'shift', 'wide', t('osk.shift')), key(t('osk.space'), ' ', 'space'), key('⌫', 'back', 'wide', t('keypad.delete')), key(t('osk.done'), 'done', 'wide primary'));
    osk.appendChild(last);
  }
  function key(label, value, cls = '', name) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `okey ${cls}`;
    b.textContent = label;
    if (name) b.setAttribute('aria-label', name);
    b.dataset.value = value;
    return b;
  }
  // Keep the focus in the input: buttons must not steal it.
  osk.addEventListener('mousedown', (e) => e.preventDefault());
  osk.addEventListener('click', (e) => {
    const b = e.target.closest('button.okey');
    if (!b || !target) return;
    const v = b.dataset.value;
    if (v === 'shift') {
      shift = !shift;
      return render();
    }
    if (v === 'done') return hide();
    if (v === 'back') target.value = target.value.slice(0, -1);
    else target.value += shift ? v.toUpperCase() : v;
    target.dispatchEvent(new Event('input', { bubbles: true }));
  });
  function hide() {
    const t = target;
    target = null;
    osk.hidden = true;
    document.body.classList.remove('osk-open');
    t?.blur();
  }
  document.addEventListener('focusin', (e) => {
    if (e.target.matches?.('input[data-osk]')) {
      clearTimeout(closing);
      target = e.target;
      shift = target.getAttribute('autocapitalize') === 'characters';
      render();
      osk.hidden = false;
      document.body.classList.add('osk-open');
      // the keyboard never covers the field or the button it types for (the form's submit)
      const button = target.form?.querySelector('button[type="submit"]');
      target.scrollIntoView({ block: 'nearest' });
      if (button) button.scrollIntoView({ block: 'nearest' });
    }
  });
  // Closing waits a moment: closing at once would move the page under a finger that is
  // pressing a button (the press would land elsewhere).
  let closing = null;
  document.addEventListener('focusout', (e) => {
    if (e.target !== target) return;
    clearTimeout(closing);
    closing = setTimeout(() => {
      if (!document.activeElement?.matches?.('input[data-osk]')) hide();
    }, 250);
  });
  render();
  onLanguage(render);
  return { hide };
}
