// Touch input: a numeric keypad (amounts, PIN) and a small on-screen keyboard for the admin
// forms, since a kiosk touchscreen has no physical keyboard.

const NUM_KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '.', '0', 'back'];

/** Fills `el` with keypad buttons; `onKey(key)` gets '0'…'9', '.', 'back' or 'clear'. */
export function keypad(el, onKey, { point = true } = {}) {
  el.innerHTML = '';
  for (const key of NUM_KEYS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'key';
    b.dataset.key = key;
    if (key === '.' && !point) {
      b.dataset.key = 'clear';
      b.textContent = 'C';
      b.setAttribute('aria-label', 'Clear');
    } else if (key === 'back') {
      b.textContent = '⌫';
      b.setAttribute('aria-label', 'Delete');
    } else b.textContent = key;
    el.appendChild(b);
  }
  el.addEventListener('click', (e) => {
    const b = e.target.closest('button.key');
    if (b) onKey(b.dataset.key);
  });
}

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl-', 'zxcvbnm_.@'];

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
    last.append(key(shift ? 'ABC' : 'abc', 'shift', 'wide'), key('space', ' ', 'space'), key('⌫', 'back', 'wide'), key('Done', 'done', 'wide primary'));
    osk.appendChild(last);
  }
  function key(label, value, cls = '') {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `okey ${cls}`;
    b.textContent = label;
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
      target.scrollIntoView({ block: 'nearest' });
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
  return { hide };
}
