// Admin menu → Status → the shop's language: the screen, the phone page's default and the
// receipts switch at once (PUT /api/admin/language; every screen gets a `language` event).
import { $ } from './dom.js';
import { errorText } from './api.js';
import { adminCall } from './admin.js';
import { language, onLanguage, setLanguage, t } from './i18n.js';

function render() {
  for (const b of document.querySelectorAll('.lang-switch [data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === language()));
}

async function choose(lang) {
  const msg = $('lang-msg');
  const r = await adminCall('/api/admin/language', { language: lang }, 'PUT');
  if (!r.ok) {
    msg.textContent = errorText(r.error);
    msg.className = 'msg bad';
    return;
  }
  setLanguage(r.data.language);
  msg.textContent = t('admin.language.set');
  msg.className = 'msg ok';
}

export function initAdminLanguage() {
  for (const b of document.querySelectorAll('.lang-switch [data-lang]')) b.addEventListener('click', () => choose(b.dataset.lang));
  onLanguage(render);
  render();
}
