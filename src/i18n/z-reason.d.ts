// Types of z-reason.js.
import type { Translator } from './i18n.js';
export function zReason(tr: Translator, d: { reason: string; reasonCode?: string; reasonParams?: Record<string, string | number | null> }, currency: string): string;
