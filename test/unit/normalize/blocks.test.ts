// Rules 4 to 6: one line one block, section headings, lists and related reading.
import { describe, expect, test } from 'vitest';
import { isListTitle, parseHeading, RELATED_TITLES } from '../../../src/normalize/blocks.js';
import { article, blocks, paragraphs } from './helpers.js';

const body = (...lines: string[]) => article(['Headline', ...lines].join('\n'));

describe('rule 4: one line, one block', () => {
  test('every non-blank line is one block; blank lines only separate', () => {
    const a = body('One.', '', '', 'Two.', '   ', 'Three.');
    expect(paragraphs(a)).toEqual(['One.', 'Two.', 'Three.']);
    expect(a.sections).toHaveLength(1);
    expect(a.sections[0]!.id).toBe('lead');
  });

  test('lines are not joined: a sentence across two lines is two paragraphs', () => {
    expect(paragraphs(body('The talks', 'resumed on Monday.'))).toEqual(['The talks', 'resumed on Monday.']);
  });

  test('leading and trailing white space is trimmed, runs inside fold to one space', () => {
    expect(paragraphs(body('  \t a   b\t\tc \u2003 d  '))).toEqual(['a b c d']);
  });

  test('no-break spaces inside a line are kept, not folded', () => {
    expect(paragraphs(body('10\u00A0km and 5\u202F%', 'a \u00A0 b'))).toEqual(['10\u00A0km and 5\u202F%', 'a \u00A0 b']);
  });

  test('no-break spaces at the ends of a line are trimmed; a line of them is blank', () => {
    expect(paragraphs(body('\u00A0 text \u202F', '\u00A0\u00A0', 'next'))).toEqual(['text', 'next']);
    expect(blocks(body('- \u00A0', 'x'))).toEqual([{ type: 'paragraph', text: '-' }, { type: 'paragraph', text: 'x' }]);
  });

  test('a line the rules cannot place is a paragraph', () => {
    expect(paragraphs(body(':', '::', '---', '- ', '*', '•text', 'a: b: c.'))).toEqual([':', '::', '—', '-', '*', '•text', 'a: b: c.']);
  });
});

describe('rule 5: section headings', () => {
  test('`News: North Korean Soldiers Injured` starts a section', () => {
    const a = body('Lead paragraph.', 'News: North Korean Soldiers Injured', 'According to reports.');
    expect(a.sections).toEqual([
      { id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: 'Lead paragraph.' }] },
      { id: 'north-korean-soldiers-injured', kicker: 'News', heading: 'North Korean Soldiers Injured',
        blocks: [{ type: 'paragraph', text: 'According to reports.' }] },
    ]);
  });

  test('`Update: Talks resumed on Monday.` stays a paragraph (heading ends with `.`)', () => {
    expect(blocks(body('Update: Talks resumed on Monday.', 'x'))[0]).toEqual({ type: 'paragraph', text: 'Update: Talks resumed on Monday.' });
    expect(parseHeading('Update: Talks resumed on Monday.')).toBeNull();
  });

  test('`Putin wrote: we will ...` stays a paragraph (label word not upper-case)', () => {
    expect(paragraphs(body('Putin wrote: we will ...', 'x'))).toEqual(['Putin wrote: we will …', 'x']);
    expect(parseHeading('Putin wrote: we will ...')).toBeNull();
    expect(parseHeading('Putin wrote: We will act')).toBeNull();
  });

  test('labels in Cyrillic and Greek upper case', () => {
    expect(parseHeading('Новости: Солдаты ранены')).toEqual({ kicker: 'Новости', heading: 'Солдаты ранены' });
    expect(parseHeading('Ειδήσεις: Τραυματίες στρατιώτες')).toEqual({ kicker: 'Ειδήσεις', heading: 'Τραυματίες στρατιώτες' });
    expect(parseHeading('Главные Новости Дня: Итоги')).toEqual({ kicker: 'Главные Новости Дня', heading: 'Итоги' });
    expect(parseHeading('новости: солдаты')).toBeNull();
    const a = body('Новости: Солдаты ранены', 'Текст.');
    expect(a.sections[0]).toMatchObject({ id: 'soldaty-raneny', kicker: 'Новости', heading: 'Солдаты ранены' });
  });

  test('a label with no letter at the start of a word (digits, symbols) is no label', () => {
    expect(parseHeading('2024: A Year')).toBeNull();
    expect(parseHeading('News 2024: A Year')).toBeNull();
    expect(parseHeading('#1: A Year')).toBeNull();
    // A title-case digraph (Lt) starts a word as a capital does.
    expect(parseHeading('ǅamija Obnova: Radovi počinju')).toEqual({ kicker: 'ǅamija Obnova', heading: 'Radovi počinju' });
  });

  test('labels in scripts with no letter case (Unicode Lo) start sections', () => {
    expect(parseHeading('أخبار: جنود كوريون شماليون مصابون')).toEqual({ kicker: 'أخبار', heading: 'جنود كوريون شماليون مصابون' });
    expect(parseHeading('新闻: 朝鲜士兵受伤')).toEqual({ kicker: '新闻', heading: '朝鲜士兵受伤' });
    expect(parseHeading('חדשות: חיילים צפון קוריאנים נפצעו')).toEqual({ kicker: 'חדשות', heading: 'חיילים צפון קוריאנים נפצעו' });
    expect(parseHeading('ताज़ा ख़बर: उत्तर कोरियाई सैनिक घायल')).toEqual({ kicker: 'ताज़ा ख़बर', heading: 'उत्तर कोरियाई सैनिक घायल' });
    expect(parseHeading('ข่าว: ทหารเกาหลีเหนือบาดเจ็บ')).toEqual({ kicker: 'ข่าว', heading: 'ทหารเกาหลีเหนือบาดเจ็บ' });
    expect(parseHeading('ニュース: 北朝鮮兵士が負傷')).toEqual({ kicker: 'ニュース', heading: '北朝鮮兵士が負傷' });
    expect(parseHeading('뉴스: 북한 군인 부상')).toEqual({ kicker: '뉴스', heading: '북한 군인 부상' });
    expect(parseHeading('ዜና: የሰሜን ኮሪያ ወታደሮች ቆሰሉ')).toEqual({ kicker: 'ዜና', heading: 'የሰሜን ኮሪያ ወታደሮች ቆሰሉ' });
    expect(parseHeading('BBC 中文 新闻: 朝鲜士兵受伤')).toEqual({ kicker: 'BBC 中文 新闻', heading: '朝鲜士兵受伤' });
    const a = body('مقدمة.', 'أخبار: جنود كوريون شماليون مصابون', 'وفقا لتقارير إعلامية.');
    expect(a.sections.map((s) => [s.kicker, s.heading])).toEqual([[null, null], ['أخبار', 'جنود كوريون شماليون مصابون']]);
  });

  test('Georgian counts as caseless: Mkhedruli is Ll, but no writer capitalizes a label', () => {
    expect(parseHeading('ახალი ამბები: დაჭრილი ჯარისკაცები')).toEqual({ kicker: 'ახალი ამბები', heading: 'დაჭრილი ჯარისკაცები' });
    // Other lower-case letters still do not make a label.
    expect(parseHeading('новости: солдаты')).toBeNull();
  });

  test('the full-width colon `：` is a label colon, with or without a space after it', () => {
    expect(parseHeading('新闻：朝鲜士兵受伤')).toEqual({ kicker: '新闻', heading: '朝鲜士兵受伤' });
    expect(parseHeading('新闻： 朝鲜士兵受伤')).toEqual({ kicker: '新闻', heading: '朝鲜士兵受伤' });
    expect(parseHeading('ニュース：北朝鮮兵士が負傷')).toEqual({ kicker: 'ニュース', heading: '北朝鮮兵士が負傷' });
    expect(parseHeading('新闻：')).toBeNull();
    // The ASCII colon still needs its space: a time or a URL never splits a line.
    expect(parseHeading('新闻:朝鲜士兵受伤')).toBeNull();
    expect(parseHeading('会议于10:30开始')).toBeNull();
  });

  test('caseless sentences stay paragraphs: a full stop of their script ends the heading', () => {
    for (const line of [
      'قال بوتين: سنواصل العمل مع كوريا الشمالية.', 'پوتن نے لکھا: ہم تعاون جاری رکھیں گے۔', 'पुतिन ने लिखा: हम सहयोग जारी रखेंगे।',
      '外交部发言人表示：中方一贯主张通过对话解决问题。', '普京写道：我们将继续合作．', 'プーチン氏は述べた：協力を続ける。',
      'ပူတင်က ရေးသားခဲ့သည်: ဆက်လက်ပူးပေါင်းမည်။', 'ፑቲን ጻፈ: ትብብሩን እንቀጥላለን።',
    ]) expect(parseHeading(line), line).toBeNull();
    expect(paragraphs(body('قال بوتين: سنواصل العمل مع كوريا الشمالية.', 'x'))).toEqual(['قال بوتين: سنواصل العمل مع كوريا الشمالية.', 'x']);
  });

  test('a full stop inside closing quotes or brackets still ends a sentence, in every script', () => {
    for (const line of [
      '普京说：“我们将继续合作。”', 'プーチン氏は述べた：「協力を続ける。」', 'قال بوتين: «سنواصل العمل.»',
      'Update: "Talks resumed on Monday."', 'Update: (Talks resumed on Monday.)',
    ]) expect(parseHeading(line), line).toBeNull();
    expect(parseHeading('Quote: "A Heading In Quotes"')).toEqual({ kicker: 'Quote', heading: '"A Heading In Quotes"' });
    expect(parseHeading('新闻：“朝鲜士兵受伤”')).toEqual({ kicker: '新闻', heading: '“朝鲜士兵受伤”' });
  });

  test('a caseless label is no clause: sentence punctuation inside it makes the line prose', () => {
    expect(parseHeading('据韩国媒体报道，朝鲜士兵越境：韩方鸣枪示警')).toBeNull();
    expect(parseHeading('朝鲜、韩国：紧张局势升级')).toBeNull();
    expect(parseHeading('بوتين، كيم: لقاء في بيونغ يانغ')).toBeNull();
    // A long caseless clause is over the label's 24 characters anyway.
    expect(parseHeading('外交部发言人在周三的例行记者会上回答记者提问时表示：中方欢迎')).toBeNull();
    // A question or an exclamation may still end the heading, as in cased scripts.
    expect(parseHeading('分析：接下来会怎样？')).toEqual({ kicker: '分析', heading: '接下来会怎样？' });
    expect(parseHeading('تحليل: ماذا بعد؟')).toEqual({ kicker: 'تحليل', heading: 'ماذا بعد؟' });
  });

  test('four caseless words are too many, as in cased scripts', () => {
    expect(parseHeading('كتب الرئيس الروسي بوتين: سنواصل العمل')).toBeNull();
    expect(parseHeading('كتب الرئيس الروسي: سنواصل العمل')).toEqual({ kicker: 'كتب الرئيس الروسي', heading: 'سنواصل العمل' });
  });

  test('one to three words; four is a paragraph', () => {
    expect(parseHeading('Breaking News Today: Heading')).toEqual({ kicker: 'Breaking News Today', heading: 'Heading' });
    expect(parseHeading('Breaking News From Korea: Heading')).toBeNull();
    expect(parseHeading('Breaking news: Heading')).toBeNull();
  });

  test('label up to 24 characters; 25 is a paragraph', () => {
    const label24 = `Abcdefghij Klmnopqrst Uv`; // 24 characters, three words
    expect(label24).toHaveLength(24);
    expect(parseHeading(`${label24}: Heading`)).toEqual({ kicker: label24, heading: 'Heading' });
    expect(parseHeading(`${label24}w: Heading`)).toBeNull();
    expect(parseHeading(`A${'b'.repeat(24)}: Heading`)).toBeNull();
  });

  test('heading 1 to 120 characters; 121 is a paragraph', () => {
    expect(parseHeading(`News: ${'h'.repeat(120)}`)).toEqual({ kicker: 'News', heading: 'h'.repeat(120) });
    expect(parseHeading(`News: ${'h'.repeat(121)}`)).toBeNull();
    expect(parseHeading('News: x')).toEqual({ kicker: 'News', heading: 'x' });
    expect(parseHeading('News:')).toBeNull();
    expect(parseHeading('News:Heading')).toBeNull();
  });

  test('a heading may end with `?`, `!` or `…`, not `.`', () => {
    expect(parseHeading('Q: What now?')).toEqual({ kicker: 'Q', heading: 'What now?' });
    expect(parseHeading('Analysis: What next…')).toEqual({ kicker: 'Analysis', heading: 'What next…' });
    expect(parseHeading('Analysis: What next...')).toBeNull();
  });

  test('the test is made on the line as written, before typography', () => {
    // `--` is 2 characters as written and 1 after typography; 119 + `--` = 121 as written: a paragraph.
    expect(parseHeading(`News: ${'h'.repeat(119)}--`)).toBeNull();
    // The kicker and heading are typeset after the test.
    const a = body('News: "Quoted" -- heading', 'text');
    expect(a.sections[0]).toMatchObject({ kicker: 'News', heading: '“Quoted” – heading' });
  });

  test('blocks before the first heading form the lead; an empty lead is left out', () => {
    const a = body('News: First Section', 'a', 'Sport: Second Section', 'b');
    expect(a.sections.map((s) => [s.id, s.kicker, s.heading])).toEqual([
      ['first-section', 'News', 'First Section'], ['second-section', 'Sport', 'Second Section'],
    ]);
  });

  test('section ids are slugs of the heading, unique, and never `lead`', () => {
    const a = body('p', 'News: Same', 'a', 'Sport: Same', 'b', 'More: Lead', 'c', 'Also: !!!', 'd');
    expect(a.sections.map((s) => s.id)).toEqual(['lead', 'same', 'same-2', 'lead-2', 'article']);
  });

  test('a heading with no block under it stays a paragraph of the section before', () => {
    const a = body('p', 'News: Empty One', 'Sport: Real One', 'text', 'Tail: Nothing Follows');
    expect(a.sections).toEqual([
      { id: 'lead', kicker: null, heading: null, blocks: [{ type: 'paragraph', text: 'p' }, { type: 'paragraph', text: 'News: Empty One' }] },
      { id: 'real-one', kicker: 'Sport', heading: 'Real One', blocks: [
        { type: 'paragraph', text: 'text' }, { type: 'paragraph', text: 'Tail: Nothing Follows' }] },
    ]);
  });

  test('a heading with only related reading under it stays a paragraph too (nothing is lost)', () => {
    const a = body('p', 'More: Further Stories', 'Read also:', '- one');
    expect(paragraphs(a)).toEqual(['p', 'More: Further Stories']);
    expect(a.related).toEqual([{ text: 'one', url: null }]);
  });
});

describe('rule 6: lists', () => {
  test('titled list', () => {
    expect(blocks(body('Key facts:', '- One.', '- Two.'))).toEqual([{ type: 'list', title: 'Key facts', items: ['One.', 'Two.'] }]);
  });

  test('untitled list, after a paragraph', () => {
    expect(blocks(body('Intro sentence.', '- One', '- Two'))).toEqual([
      { type: 'paragraph', text: 'Intro sentence.' }, { type: 'list', title: null, items: ['One', 'Two'] },
    ]);
  });

  test('`- `, `* ` and `• ` markers, mixed in one list', () => {
    expect(blocks(body('- a', '* b', '• c'))).toEqual([{ type: 'list', title: null, items: ['a', 'b', 'c'] }]);
  });

  test('a marker without its space is no item', () => {
    expect(paragraphs(body('-a', '*b', '•c', '—d'))).toEqual(['-a', '*b', '•c', '—d']);
  });

  test('item text is trimmed and folded and typeset', () => {
    expect(blocks(body('-    "a"   b -- c'))).toEqual([{ type: 'list', title: null, items: ['“a” b – c'] }]);
  });

  test('blank lines between title and items, and between items, do not split the list', () => {
    expect(blocks(body('Key facts:', '', '', '- One', '', '- Two', '  ', '- Three'))).toEqual([
      { type: 'list', title: 'Key facts', items: ['One', 'Two', 'Three'] },
    ]);
  });

  test('a paragraph ends a list; items after it are a new untitled list', () => {
    expect(blocks(body('- a', 'para', '- b'))).toEqual([
      { type: 'list', title: null, items: ['a'] }, { type: 'paragraph', text: 'para' }, { type: 'list', title: null, items: ['b'] },
    ]);
  });

  test('a title with no items stays a paragraph', () => {
    expect(blocks(body('Key facts:', 'Not an item.'))).toEqual([
      { type: 'paragraph', text: 'Key facts:' }, { type: 'paragraph', text: 'Not an item.' },
    ]);
    expect(paragraphs(body('Read also:'))).toEqual(['Read also:']);
  });

  test('a title is at most 40 characters with its colon; 41 is a paragraph and an untitled list', () => {
    const t40 = `${'x'.repeat(39)}:`;
    expect(isListTitle(t40)).toBe(true);
    expect(blocks(body(t40, '- a'))).toEqual([{ type: 'list', title: 'x'.repeat(39), items: ['a'] }]);
    expect(blocks(body(`y${t40}`, '- a'))).toEqual([
      { type: 'paragraph', text: `y${t40}` }, { type: 'list', title: null, items: ['a'] },
    ]);
  });

  test('a title may end with the full-width colon `：`', () => {
    expect(isListTitle('要点：')).toBe(true);
    expect(isListTitle('：')).toBe(false);
    expect(blocks(body('要点：', '- 访问持续两天', '- 普京随后前往越南'))).toEqual([
      { type: 'list', title: '要点', items: ['访问持续两天', '普京随后前往越南'] },
    ]);
  });

  test('a list title followed by items wins over the heading rule', () => {
    const a = body('News: Key Facts:', '- a');
    expect(a.sections).toEqual([{ id: 'lead', kicker: null, heading: null, blocks: [{ type: 'list', title: 'News: Key Facts', items: ['a'] }] }]);
  });

  test('a list stays in the section it stands in', () => {
    const a = body('News: Something Big', 'Key facts:', '- a');
    expect(a.sections).toEqual([{ id: 'something-big', kicker: 'News', heading: 'Something Big',
      blocks: [{ type: 'list', title: 'Key facts', items: ['a'] }] }]);
  });

  test('an item that ends with `:` is an item, not a title', () => {
    expect(blocks(body('- Facts:', '- a'))).toEqual([{ type: 'list', title: null, items: ['Facts:', 'a'] }]);
  });
});

describe('rule 6: related reading', () => {
  test.each(RELATED_TITLES.flatMap((t) => [t, t.toUpperCase(), t.toLowerCase(), `${t} `]))('"%s:" is related reading', (title) => {
    const a = body('p', `${title}:`, '- First story', '', '- Second story https://example.org/x.');
    expect(a.related).toEqual([
      { text: 'First story', url: null },
      { text: 'Second story https://example.org/x.', url: 'https://example.org/x' },
    ]);
    expect(blocks(a)).toEqual([{ type: 'paragraph', text: 'p' }]);
  });

  test('the six built-in titles', () => {
    expect(RELATED_TITLES).toEqual(['Read also', 'See also', 'Related', 'Related articles', 'More on this', 'Further reading']);
  });

  test('white space inside a title folds before the comparison', () => {
    expect(body('Read    also:', '- x').related).toEqual([{ text: 'x', url: null }]);
  });

  test('any other title is a list of the body', () => {
    for (const title of ['Read also this', 'Also read', 'Related:', 'See']) {
      const a = body(`${title}:`, '- x');
      expect(a.related).toEqual([]);
      expect(blocks(a)).toEqual([{ type: 'list', title, items: ['x'] }]);
    }
  });

  test('an untitled list is never related reading', () => {
    expect(body('- x').related).toEqual([]);
  });

  test('config.relatedTitles adds titles (any case, with or without a colon)', () => {
    const config = { relatedTitles: ['Lesen Sie auch', 'Читайте также:'] };
    expect(article('T\nLESEN SIE AUCH:\n- x', config).related).toEqual([{ text: 'x', url: null }]);
    expect(article('T\nЧитайте также:\n- y', config).related).toEqual([{ text: 'y', url: null }]);
    expect(article('T\nRead also:\n- z', config).related).toEqual([{ text: 'z', url: null }]);
    expect(article('T\nLesen Sie auch:\n- x').related).toEqual([]);
  });

  test('config.relatedTitles in Chinese or Japanese match with either colon', () => {
    const config = { relatedTitles: ['相关阅读：', '関連記事'] };
    expect(article('T\n相关阅读：\n- x', config).related).toEqual([{ text: 'x', url: null }]);
    expect(article('T\n相关阅读:\n- y', config).related).toEqual([{ text: 'y', url: null }]);
    expect(article('T\n関連記事：\n- z', config).related).toEqual([{ text: 'z', url: null }]);
  });

  test('related lists in several places are gathered in order', () => {
    const a = body('Read also:', '- a', 'News: Section Here', 'text', 'See also:', '- b');
    expect(a.related.map((r) => r.text)).toEqual(['a', 'b']);
  });

  test('the first http(s) URL of an item is its url', () => {
    const a = body('Read also:', '- See (https://example.org/a?b=1), then http://x.example/y', '- ftp://no.example', '- “https://q.example/p”');
    expect(a.related.map((r) => r.url)).toEqual(['https://example.org/a?b=1', null, 'https://q.example/p']);
  });
});
