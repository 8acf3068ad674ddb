// The shop's language: config ui.language, unless the admin chose another on the screen
// (kept in settings, so it survives a restart). The receipt, the screen, the phone page and
// the CLI all read it here, so the paper always speaks the shop's language.
import { isLanguage, type Language } from '../i18n/i18n.js';
import type { Settings } from './settings.js';

const KEY = 'ui.language';

export function shopLanguage(settings: Pick<Settings, 'get'>, configured: Language): Language {
  const chosen = settings.get<string>(KEY);
  return isLanguage(chosen) ? chosen : configured;
}

export function chooseShopLanguage(settings: Pick<Settings, 'set'>, lang: Language): void {
  settings.set(KEY, lang);
}
