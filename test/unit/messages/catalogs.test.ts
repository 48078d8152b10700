// Galley's message catalogs (issue 22): each language Galley promises has a whole catalog, every message of
// every catalog renders with sample values in its language, and no English is left in another language's.
import { readdirSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../src/messages/catalogs/index.js';
import { en } from '../../../src/messages/catalogs/en.js';
import { MESSAGE_IDS, SAMPLES } from '../../../src/messages/ids.js';
import { messagesFor } from '../../../src/messages/messages.js';
import { parseConfig, ConfigError } from '../../../src/pipeline/config-file.js';

/** The languages of test/fixtures/scripts/, read from the file names, and the eleven more the issue names. */
const SCRIPTS = readdirSync('test/fixtures/scripts').filter((f) => f.endsWith('.txt')).map((f) => {
  const tag = f.split('-')[0]!;
  return tag === 'zh' ? (f.startsWith('zh-hans') ? 'zh-Hans' : 'zh-Hant') : tag;
});
const MORE = ['de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'tr', 'uk', 'id', 'sw'];
const PROMISED = [...new Set([...SCRIPTS, ...MORE])].sort();

/** Words a catalog keeps as they are: names of formats and products, and arguments. */
const PROPER = /\b(?:Galley|PDF|EPUB|OPDS|RSS|JSON|Feed|JavaScript)\b|\{[^{}]*\}|#/g;

/** A message's words that are not proper names or arguments: English left untranslated shows here. */
function words(message: string): string[] {
  return message.replace(/\{\w+, plural,|one \{|other \{/g, ' ').replace(PROPER, ' ').toLowerCase().match(/\p{L}{3,}/gu) ?? [];
}

describe('the message catalogs', () => {
  it('cover the 26 languages of the script fixtures and the eleven more', () => {
    expect(SCRIPTS).toHaveLength(26);
    expect(PROMISED).toHaveLength(37);
    expect(PROMISED.filter((tag) => CATALOGS[tag] === undefined)).toEqual([]);
  });

  it.each(PROMISED)('%s: has every message, each renders with its sample values in the language\'s plural rules, none English', (tag) => {
    const catalog = CATALOGS[tag]!;
    expect(Object.keys(catalog).sort()).toEqual([...MESSAGE_IDS].sort());
    const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
    const english = new Set(MESSAGE_IDS.flatMap((id) => words(en[id])));
    for (const id of MESSAGE_IDS) {
      const message = catalog[id]!;
      const format = new IntlMessageFormat(message, tag, undefined, { ignoreTag: true });
      const out = String(format.format(SAMPLES[id] as Record<string, string | number>));
      expect(out, `${tag} ${id}`).not.toMatch(/[{}]/);
      for (const name of Object.keys(SAMPLES[id])) expect(message, `${tag} ${id} uses {${name}}`).toMatch(new RegExp(`\\{${name}\\b`));
      for (const count of [0, 1, 2, 3, 5, 11, 21, 22, 101]) {
        expect(() => format.format({ ...SAMPLES[id], count }), `${tag} ${id} with ${count}`).not.toThrow();
      }
      // A plural names only categories the language has, and always `other`.
      for (const m of message.matchAll(/plural,((?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+)/g)) {
        const used = [...m[1]!.matchAll(/(=\d+|\w+)\s*\{/g)].map((c) => c[1]!).filter((c) => !c.startsWith('='));
        expect(used, `${tag} ${id}`).toContain('other');
        for (const c of used) expect(categories, `${tag} ${id}: ${c}`).toContain(c);
      }
      if (tag !== 'en') {
        const left = words(message).filter((w) => english.has(w));
        const translated = words(message).length === 0 || message !== en[id];
        expect(translated, `${tag} ${id} is the English message`).toBe(true);
        // Latin-script languages share some words with English (French "page", Italian "No."): the message
        // as a whole must differ; elsewhere no English word may stand in it.
        if (!/^(?:de|fr|es|pt|it|nl|pl|tr|id|sw|vi)$/.test(tag)) expect(left, `${tag} ${id}`).toEqual([]);
      }
    }
  });

  it('render each message in English for a language Galley has no catalog for, and mark it English', () => {
    const words = messagesFor('tlh');
    expect(words.language).toBe('en');
    expect(words.text('list.page', { page: 2, pages: 14 })).toBe('Page 2 of 14');
    expect(words.lang('list.page')).toBe('en');
  });

  it('find a catalog by the tag\'s script: zh-TW is Traditional, zh-CN and zh Simplified; iw is Hebrew', () => {
    expect(messagesFor('zh-TW').text('edition.contents')).toBe(CATALOGS['zh-Hant']!['edition.contents']);
    expect(messagesFor('zh-CN').text('edition.contents')).toBe(CATALOGS['zh-Hans']!['edition.contents']);
    expect(messagesFor('zh').text('edition.contents')).toBe(CATALOGS['zh-Hans']!['edition.contents']);
    expect(messagesFor('iw').text('edition.contents')).toBe(CATALOGS.he!['edition.contents']);
  });

  it('give numbers, sizes, lists and dates in the language (CLDR through Intl)', () => {
    expect(messagesFor('en').size(23_456)).toBe('23 kB');
    expect(messagesFor('en').size(1_456_000)).toBe('1.5 MB');
    expect(messagesFor('de').size(1_456_000)).toBe('1,5 MB');
    expect(messagesFor('en').list(['Ana', 'Ben', 'Cleo'])).toBe('Ana, Ben, and Cleo');
    expect(messagesFor('de').day('2026-03-13')).toBe('Freitag, 13. März 2026');
    expect(messagesFor('ar').text('edition.articles', { count: 2 })).not.toBe(messagesFor('ar').text('edition.articles', { count: 3 }));
  });
});

describe('a site\'s own wording (config `messages`)', () => {
  it('overrides Galley\'s message for the language and its regional tags, and only there', () => {
    const config = parseConfig({ messages: { de: { 'edition.otherSection': 'Vermischtes' } } }, 'galley.config.json');
    expect(messagesFor('de', config.messages).text('edition.otherSection')).toBe('Vermischtes');
    expect(messagesFor('de-AT', config.messages).text('edition.otherSection')).toBe('Vermischtes');
    expect(messagesFor('fr', config.messages).text('edition.otherSection')).toBe(CATALOGS.fr!['edition.otherSection']);
  });

  it('gives the site\'s words in a language Galley has no catalog for, in that language', () => {
    const config = parseConfig({ messages: { eo: { 'edition.contents': 'Enhavo' } } }, 'galley.config.json');
    const words = messagesFor('eo', config.messages);
    expect(words.text('edition.contents')).toBe('Enhavo');
    expect(words.lang('edition.contents')).toBe('eo');
    expect(words.lang('list.page')).toBe('en');
  });

  it.each([
    [{ de: { 'list.pag': 'Seite' } }, /key "messages\.de\.list\.pag": no message "list\.pag"/],
    [{ de: { 'list.page': 'Seite {page' } }, /key "messages\.de\.list\.page": not an ICU message/],
    [{ de: { 'list.page': 'Seite {page} von {total}' } }, /key "messages\.de\.list\.page": .*"total".*gives \{page\}, \{pages\}/],
  ])('refuses %j, naming the file and the key', (messages, error) => {
    expect(() => parseConfig({ messages }, 'galley.config.json')).toThrow(ConfigError);
    expect(() => parseConfig({ messages }, 'galley.config.json')).toThrow(error);
  });
});

describe('docs/messages.md', () => {
  it('lists every message with its arguments and its English text', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync('docs/messages.md', 'utf8');
    for (const id of MESSAGE_IDS) {
      const args = Object.keys(SAMPLES[id]).map((a) => `\`{${a}}\``).join(', ') || '–';
      expect(doc, id).toContain(`| \`${id}\` | ${args} | ${en[id].replace(/\|/g, '\\|')} |`);
    }
  });
});

describe('a week\'s label', () => {
  it('writes the year in the digits the week is written in', () => {
    const fa = messagesFor('fa');
    const label = fa.text('edition.week', { week: 11, year: fa.year(2026) });
    expect(label).toContain('۲۰۲۶');
    expect(label).toContain('۱۱');
    expect(messagesFor('en').text('edition.week', { week: 11, year: messagesFor('en').year(2026) })).toBe('Week 11 of 2026');
  });
});
