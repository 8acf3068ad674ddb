// The help texts in the command's language: en as written beside each command (tests assert
// them byte for byte), sv from the catalogue's src/i18n/cli-help-sv.js (prose translated;
// option names, paths and examples as they are). A command without a Swedish text prints English.
import svHelp from '../i18n/cli-help-sv.js';
import { cliText } from './language.js';
import { DEFAULT_CONFIG_FILE } from './config.js';

/** A command's --help: its English text, or its Swedish one when the command speaks sv. */
export function helpText(english: string): string {
  if (cliText().lang !== 'sv') return english;
  const name = /^usage: glase-pos (\S+)/.exec(english)?.[1];
  const sv = name !== undefined && Object.hasOwn(svHelp.help, name) ? svHelp.help[name] : undefined;
  return sv === undefined ? english : sv.replaceAll('{defaultConfig}', DEFAULT_CONFIG_FILE);
}

/** `glase-pos --help`'s words: the usage line, the heading and a command's summary. */
export function listWords(): { usage?: string; commands?: string; summary(name: string): string | undefined } {
  if (cliText().lang !== 'sv') return { summary: () => undefined };
  return { usage: svHelp.usage, commands: svHelp.commands, summary: (n) => (Object.hasOwn(svHelp.summaries, n) ? svHelp.summaries[n] : undefined) };
}
