import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../src/core/sanitize';
import fc from 'fast-check';
import { bodyText, countText, countTextSteps, joinText, TextJoin } from '../../src/core/text';
import { parseHtml } from '../../src/node/dom';
import { fixtureText, loadPage } from '../helpers/fixtures';

const el = (html: string): Element => parseHtml(`<div id="r">${html}</div>`).getElementById('r')!;

describe('bodyText', () => {
  it('turns block edges and <br> into spaces, joins inline text, skips non-text elements', () => {
    expect(
      bodyText(
        el(
          '<h2>T</h2><p>a<br>b<b>c</b>d</p><div>e</div><script>s()</script><style>p{}</style><noscript>n</noscript><template>t</template><ul><li>f</li><li>g</li></ul>',
        ),
      ),
    ).toBe('T a bcd e f g');
  });

  it('collapses every white-space run (nbsp, ideographic space, tabs, line breaks) to one space and trims', () => {
    expect(bodyText(el('  <p> a&nbsp;&nbsp;b\u3000\u3000c\n\t d\u200B</p>  '))).toBe('a b c d');
  });

  it('keeps a line break between CJK characters as a space (plain-text feed lines, post eventernote-japanese-lines)', () => {
    const text = fixtureText('posts/eventernote-japanese-lines.md').replace(/^\s*---[\s\S]*?\n---\n/, '');
    expect(bodyText(el(text))).toContain('舞台挨拶 開催場所 TOHOシネマズ梅田 開場 2022-04-09 13:10');
  });

  it('reads table cells apart and inline code inside', () => {
    expect(bodyText(el('<table><tr><td>a</td><td>b</td></tr></table><p>x<code>y</code>z</p>'))).toBe('a b xyz');
  });

  it('works on documents and fragments', () => {
    const d = parseHtml('<body><p>x</p><p>y</p></body>');
    expect(bodyText(d)).toBe('x y');
    const fragment = d.createDocumentFragment();
    fragment.append(d.createTextNode('p'), d.createElement('br'), d.createTextNode('q'));
    expect(bodyText(fragment)).toBe('p q');
  });
});

describe('TextJoin', () => {
  it('joins runs of pieces into the text joinText makes of them all, wherever the runs are cut (property)', () => {
    const pool = ['a', '字', ' ', '  ', '\n', '\u0000', '\u3000', '\u00A0', '\u200B', '\u2060', '\uFEFF', '\t', 'b c', ' x ', ''];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 30 }), fc.array(fc.nat(30), { maxLength: 6 }), (pieces, cuts) => {
        const at = [...new Set(cuts.map((c) => Math.min(c, pieces.length)))].sort((x, y) => x - y);
        const join = new TextJoin();
        let from = 0;
        for (const cut of [...at, pieces.length]) {
          join.add(pieces.slice(from, cut));
          from = Math.max(from, cut);
        }
        expect(join.text()).toBe(joinText(pieces));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('countText', () => {
  it('counts characters without white space, CJK letters without punctuation, and other words', () => {
    expect(countText('中文，阅读。 Hello, world! 3.5 GHz don’t e-mail')).toEqual({
      chars: 35,
      cjk: 4,
      words: 6,
      readingMinutes: 1,
    });
  });

  it('counts kana (with the prolonged sound mark), kanji and Hangul as CJK', () => {
    expect(countText('オッドタクシー').cjk).toBe(7);
    expect(countText('TOHOシネマズ梅田')).toMatchObject({ cjk: 6, words: 1 });
    expect(countText('한국어 텍스트')).toMatchObject({ cjk: 6, words: 0 });
  });

  /** The counting rules spelled out a character at a time: what the whole-string expressions must equal. */
  function reference(text: string) {
    let chars = 0;
    let cjk = 0;
    let rest = '';
    for (const ch of text) {
      if (/\s/u.test(ch) || ch === '\u200B') {
        rest += ' ';
        continue;
      }
      chars++;
      if (/[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}]/u.test(ch) && /[\p{L}\p{Nl}]/u.test(ch)) {
        cjk++;
        rest += ' ';
      } else rest += ch;
    }
    const words = rest.match(/[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*/gu)?.length ?? 0;
    return { chars, cjk, words, readingMinutes: chars === 0 ? 0 : Math.max(1, Math.ceil((2 * cjk + 5 * words) / 1000)) };
  }

  it('a long text counts in steps exactly as the rules count it whole (no word cut where steps meet)', () => {
    const bits = [
      '中文',
      '𠀀𠀁',
      '，',
      ' ',
      'Hello',
      'don’t',
      'e-mail',
      '3.5',
      'x\u0301',
      '\u200B',
      '\u3000',
      'カタカナ',
      '한국',
      '。',
      'ab',
      '\n',
    ];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const texts = [
      Array.from({ length: 40_000 }, () => bits[next() % bits.length]).join(''),
      'a'.repeat(70_000) + ' b', // one word longer than a piece
      '字'.repeat(70_000) + 'word',
      '𠀀'.repeat(40_000),
      ('word.' + 'x'.repeat(300)).repeat(250), // one word of 76,000 characters
      'don’t '.repeat(12_000) + 'e-mail.'.repeat(10_000) + '3.5-'.repeat(20_000),
    ];
    for (const [i, text] of texts.entries()) {
      let pauses = 0;
      const steps = countTextSteps(text);
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      expect(step.value).toEqual(reference(text));
      expect(countText(text)).toEqual(reference(text));
      // Counted in several steps, a word running across where two steps meet.
      expect(pauses, `text ${i}`).toBeGreaterThan(0);
    }
  });

  it('any text counts as the rules count it (property: joiners at word edges, marks, astral and odd letters)', () => {
    const pool = [
      'a',
      'Z',
      '9',
      "'",
      '’',
      '.',
      '-',
      '\u0301',
      '字',
      '〇',
      'Ⅻ',
      'Ａ',
      'ー',
      '가',
      '𠀀',
      '😀',
      '𝐀',
      ' ',
      '\u3000',
      '\u200B',
      '\u00A0',
      '，',
      '。',
      '_',
      '#',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 60 }), (bits) => {
        const text = bits.join('');
        expect(countText(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reading time: 500 CJK characters or 200 words a minute, rounded up; 0 only for empty text', () => {
    expect(countText('').readingMinutes).toBe(0);
    expect(countText(' \u3000\n').readingMinutes).toBe(0);
    expect(countText('。').readingMinutes).toBe(1);
    expect(countText('字'.repeat(500)).readingMinutes).toBe(1);
    expect(countText('字'.repeat(501)).readingMinutes).toBe(2);
    expect(countText(Array(200).fill('word').join(' ')).readingMinutes).toBe(1);
    expect(countText(Array(201).fill('word').join(' ')).readingMinutes).toBe(2);
    // 250/500 + 100/200 is exactly one minute; one more character tips it over.
    expect(countText('字'.repeat(250) + ' ' + Array(100).fill('w').join(' ')).readingMinutes).toBe(1);
    expect(countText('字'.repeat(251) + ' ' + Array(100).fill('w').join(' ')).readingMinutes).toBe(2);
  });

  function pageText(name: string): string {
    const { doc, win } = loadPage(`rendered/${name}`);
    const body = doc.querySelector('article#post > #top')!.nextElementSibling!;
    // Unclosed feed markup can pull the theme's footer into the body div: not article text.
    for (const chrome of Array.from(body.querySelectorAll('.footer, .article-meta, .prev-next'))) chrome.remove();
    return bodyText(parseHtml(`<body>${sanitizeHtml(body, win)}`).body);
  }

  it('Chinese page (rendered pmcaff-largest-page): CJK = Han letters, minutes from the formula', () => {
    const text = pageText('pmcaff-largest-page.html');
    const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
    const c = countText(text);
    expect(han).toBeGreaterThan(10000);
    expect(c.cjk).toBe(han);
    expect(c.readingMinutes).toBe(Math.ceil(c.cjk / 500 + c.words / 200));
    expect(c.readingMinutes).toBeGreaterThanOrEqual(Math.ceil(han / 500));
  });

  it('English page (rendered wef-english-stray-div): words within 2 % of a plain white-space split', () => {
    const text = pageText('wef-english-stray-div.html');
    const plain = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    const c = countText(text);
    expect(c.cjk).toBe(0);
    expect(Math.abs(c.words - plain) / plain).toBeLessThan(0.02);
    expect(c.readingMinutes).toBe(Math.ceil(c.words / 200));
  });

  it('Japanese post (103): kana and kanji are CJK, Latin and numbers are words', () => {
    const text = bodyText(el(fixtureText('posts/eventernote-japanese-lines.md').replace(/^\s*---[\s\S]*?\n---\n/, '')));
    const kanaKanji = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/gu)?.length ?? 0;
    const c = countText(text);
    expect(c.cjk).toBe(kanaKanji);
    // TOHO and the dates/times: 2022-04-09 reads as one word (hyphen-joined), 13:10 as two.
    expect(c.words).toBe(1 + 3 * (1 + 2));
    expect(c.readingMinutes).toBe(1);
  });
});
