// Which config a command reads. The daemon is a command too, so `glase-pos status` in a shell
// and the till started by systemd read the same file by default (issue 9 item 16: status once
// checked another server than the daemon's because it fell back to built-in defaults).
// Order: --config FILE, else $GLASE_POS_CONFIG, else DEFAULT_CONFIG_FILE when it exists, else
// the built-in defaults; GLASE_POS__… variables override any of them.
import { statSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { CommandExit, EXIT } from './exit.js';
import { guessCliLanguage, said, useConfigLanguage } from './language.js';
import { isLanguage } from '../i18n/i18n.js';
import { readFileSync } from 'node:fs';
import type { Language } from '../i18n/i18n.js';

/** The file the systemd unit's daemon reads (systemd/glase-pos.service). */
export const DEFAULT_CONFIG_FILE = '/etc/glase-pos/config.json';

/** What a command reads its config from; tests pass their own. */
export interface ConfigSource {
  env: NodeJS.ProcessEnv;
  defaultFile: string;
}

export const processConfigSource = (): ConfigSource => ({ env: process.env, defaultFile: DEFAULT_CONFIG_FILE });

/**
 * The config file to read, or undefined for the built-in defaults. A default file that exists
 * but cannot be looked at (permissions) is still named, so the reader reports it instead of
 * silently using other settings.
 */
export function configFile(flag: string | undefined, src: ConfigSource): string | undefined {
  if (flag !== undefined) return flag;
  if (src.env.GLASE_POS_CONFIG) return src.env.GLASE_POS_CONFIG;
  try {
    statSync(src.defaultFile);
    return src.defaultFile;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : src.defaultFile;
  }
}

/** Loads the command's config; an invalid one is a usage exit listing every problem by key. */
export function commandConfig(flag: string | undefined, src: ConfigSource = processConfigSource()): Config {
  try {
    const config = loadConfig({ file: configFile(flag, src), env: src.env });
    useConfigLanguage(config);
    return config;
  } catch (e) {
    if (e instanceof ConfigError) {
      // the config cannot be used, but the language it asks for may still be readable
      guessCliLanguage(() => rawLanguage(configFile(flag, src), src.env));
      const problems = e.problems.map((p) => `  - ${p}`).join('\n');
      throw new CommandExit(EXIT.usage, `${said('invalid configuration:')}\n${problems}\n${said('(fix the config file or the GLASE_POS__… environment variable named above)')}`);
    }
    throw e;
  }
}

/** The configured language, for a usage error before the command read its config; en when the config cannot be read. */
export function configuredLanguage(flag: string | undefined, src: ConfigSource = processConfigSource()): Language | undefined {
  try {
    return loadConfig({ file: configFile(flag, src), env: src.env }).ui.language;
  } catch {
    return undefined;
  }
}

/** ui.language as the environment or the config file asks for it, read without the rest of the config (which is invalid). */
function rawLanguage(file: string | undefined, env: NodeJS.ProcessEnv): Language | undefined {
  if (isLanguage(env.GLASE_POS__UI__LANGUAGE)) return env.GLASE_POS__UI__LANGUAGE;
  if (env.GLASE_POS__UI__LANGUAGE !== undefined || file === undefined) return undefined;
  try {
    const lang = (JSON.parse(readFileSync(file, 'utf8')) as { ui?: { language?: unknown } })?.ui?.language;
    return isLanguage(lang) ? lang : undefined;
  } catch {
    return undefined;
  }
}
