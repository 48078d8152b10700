// Read galley.config.json: errors name the file and the key, never a silent default.
import { existsSync, readFileSync } from 'node:fs';
import { SiteConfig } from '../model/config.js';
import { overrideProblem } from '../messages/messages.js';

export const DEFAULT_CONFIG_FILE = 'galley.config.json';

/** A site configuration that cannot be read or is not valid, named by its file: the CLI's exit 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The site config from `file`, or from ./galley.config.json when it exists, or the defaults. */
export function loadConfig(file: string | null = null, overrides: { url?: string | undefined } = {}): SiteConfig {
  const path = file ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null);
  let raw: unknown = {};
  if (path !== null) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new ConfigError(`${path}: cannot read the config file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    try {
      // A BOM is what some editors on Windows start a UTF-8 file with; seeds accept one too.
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new ConfigError(`${path}: not valid JSON: ${(e as Error).message}`);
    }
  }
  if (overrides.url !== undefined && typeof raw === 'object' && raw !== null) raw = { ...raw, url: overrides.url };
  return parseConfig(raw, path ?? 'configuration', overrides.url !== undefined);
}

/**
 * Validate a config object (a file's JSON, or what an API caller passes), defaults filled in. `where` names
 * it in the error; `urlFromFlag` says the url came from --site-url, so the error names the flag.
 */
export function parseConfig(raw: unknown, where: string, urlFromFlag = false): SiteConfig {
  const parsed = SiteConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || '(top level)';
    const source = key === 'url' && urlFromFlag ? '--site-url' : `${where}: key "${key}"`;
    throw new ConfigError(`${source}: ${issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message}`);
  }
  // A site's own wording must be a message Galley has, in ICU syntax, with no argument Galley does not give.
  for (const [language, messages] of Object.entries(parsed.data.messages)) {
    for (const [id, message] of Object.entries(messages)) {
      const problem = overrideProblem(id, message, `${where}: key "messages.${language}.${id}"`);
      if (problem !== null) throw new ConfigError(problem);
    }
  }
  return parsed.data;
}
