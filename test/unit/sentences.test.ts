// Sentence splitting for read aloud: tables of Chinese and English text and the sentences a reader hears.
import { describe, expect, it } from 'vitest';
import { speechSegments, splitSentences, type Span } from '../../src/reader/sentences';

const texts = (text: string, spans: Span[]) => spans.map((s) => text.slice(s.start, s.end));

describe('splitSentences: Chinese', () => {
  const table: Array<[string, string, string[]]> = [
    ['full stop, exclamation, question', '今天下雨。明天晴！后天呢？', ['今天下雨。', '明天晴！', '后天呢？']],
    ['semicolon and ellipsis', '一方面涨价；另一方面降价……结果如何', ['一方面涨价；', '另一方面降价……', '结果如何']],
    ['closing quotes stay with their sentence', '他说：“我们赢了。”大家都笑了。', ['他说：“我们赢了。”', '大家都笑了。']],
    ['corner brackets', '「好的！」她回答。', ['「好的！」', '她回答。']],
    ['repeated marks are one end', '真的吗？！不可能。', ['真的吗？！', '不可能。']],
    ['ASCII marks before Han text end a sentence', '真的吗?我不信!那就算了', ['真的吗?', '我不信!', '那就算了']],
    ['decimals and versions inside Chinese stay whole', '售价5999.5元，iOS 18.2 版本已发布。', ['售价5999.5元，iOS 18.2 版本已发布。']],
    [
      'Latin words inside a Chinese sentence',
      '苹果发布 iPhone 16 与 Apple Intelligence。售价不变。',
      ['苹果发布 iPhone 16 与 Apple Intelligence。', '售价不变。'],
    ],
    ['Traditional', '這是第一句。這是第二句？', ['這是第一句。', '這是第二句？']],
    ['no end mark: one sentence', '没有标点的一段话', ['没有标点的一段话']],
    ['punctuation alone joins the sentence before', '他停了下来。……', ['他停了下来。……']],
    ['a leading ellipsis joins the sentence after', '……然后呢？', ['……然后呢？']],
  ];
  for (const [name, text, want] of table) it(name, () => expect(texts(text, splitSentences(text))).toEqual(want));
});

describe('splitSentences: English', () => {
  const table: Array<[string, string, string[]]> = [
    ['full stops, exclamation, question', 'It rained. Was it cold? Very!', ['It rained.', 'Was it cold?', 'Very!']],
    ['decimals', 'Pi is 3.14159 or so. The end.', ['Pi is 3.14159 or so.', 'The end.']],
    ['e.g. and i.e.', 'Fruit, e.g. apples, i.e. the red ones. Next.', ['Fruit, e.g. apples, i.e. the red ones.', 'Next.']],
    ['titles', 'Mr. Smith met Dr. Jones and Prof. Lee. They talked.', ['Mr. Smith met Dr. Jones and Prof. Lee.', 'They talked.']],
    ['initials', 'J. K. Rowling wrote it. She lives in Edinburgh.', ['J. K. Rowling wrote it.', 'She lives in Edinburgh.']],
    ['U.S.', 'The U.S. economy grew. Prices fell.', ['The U.S. economy grew.', 'Prices fell.']],
    [
      'URLs and domains',
      'See https://example.com/a.b?x=1;y=2 for more. Or visit example.org. Thanks!',
      ['See https://example.com/a.b?x=1;y=2 for more.', 'Or visit example.org.', 'Thanks!'],
    ],
    ['quotes after the stop', 'He said "Stop." Then he left.', ['He said "Stop."', 'Then he left.']],
    ['a list number at the start', '1. Preheat the oven. 2. Mix the flour.', ['1. Preheat the oven.', '2. Mix the flour.']],
    ['a year ends a sentence', 'It opened in 2023. Nobody came.', ['It opened in 2023.', 'Nobody came.']],
    [
      'an unknown abbreviation before a lower-case word',
      'It weighs approx. ten tons and more. Yes.',
      ['It weighs approx. ten tons and more.', 'Yes.'],
    ],
    ['ellipsis of dots', 'Wait... what? Well... No.', ['Wait... what?', 'Well...', 'No.']],
    ['semicolons between clauses', 'It was late; we left. Code a;b stays.', ['It was late;', 'we left.', 'Code a;b stays.']],
    ['etc. before a new sentence', 'Apples, pears, etc. The rest is fine.', ['Apples, pears, etc.', 'The rest is fine.']],
    ['white space around and between', '  One.   Two.  ', ['One.', 'Two.']],
  ];
  for (const [name, text, want] of table) it(name, () => expect(texts(text, splitSentences(text))).toEqual(want));

  it('gives nothing for white space', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t ')).toEqual([]);
  });

  it('offsets index the text as given, line breaks and all', () => {
    const text = '第一句。\n  Second one. 第三句';
    expect(splitSentences(text)).toEqual([
      { start: 0, end: 4 },
      { start: 7, end: 18 },
      { start: 19, end: 22 },
    ]);
  });

  it('never loses a character: the sentences and the space between them are the text', () => {
    const samples = [
      '今天下雨。明天晴！后天呢？',
      'Mr. Smith met Dr. Jones. They talked... a lot!',
      '他说：“好。”然后走了；我们留下。Then, at 3.5 p.m. exactly, it ended.',
    ];
    for (const text of samples) {
      const spans = splitSentences(text);
      let at = 0;
      for (const s of spans) {
        expect(text.slice(at, s.start).trim()).toBe('');
        at = s.end;
      }
      expect(text.slice(at).trim()).toBe('');
    }
  });
});

describe('speechSegments', () => {
  it('are the sentences when each is short enough', () => {
    const text = '第一句。第二句！Third one.';
    expect(texts(text, speechSegments(text))).toEqual(['第一句。', '第二句！', 'Third one.']);
  });

  it('cut an over-long sentence at a comma, and never exceed the limit', () => {
    const text = `${'这是很长的一句话，'.repeat(30)}结束。`;
    const parts = texts(text, speechSegments(text, 50));
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.every((p) => p.length <= 50)).toBe(true);
    expect(parts.slice(0, -1).every((p) => p.endsWith('，'))).toBe(true);
    expect(parts.join('')).toBe(text);
  });

  it('cut text without any break at the limit', () => {
    const parts = texts('无'.repeat(250), speechSegments('无'.repeat(250), 100));
    expect(parts.map((p) => p.length)).toEqual([100, 100, 50]);
  });
});
