import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TAG_LINK_KINDS } from '../../src/core/data/tag-links';
import { classifyTagLink, listTagLinks, removeTagLinks } from '../../src/core/tag-links';
import { restoreLinkForms } from '../../src/core/link-forms';
import { UndoLog } from '../../src/core/undo';
import { parseHtml } from '../../src/node/dom';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** The post body of a rendered Volantis page: the class-less div after div#top in article#post. */
function renderedBody(name: string): Element {
  const doc = parseHtml(readFileSync(join(FIXTURES, 'rendered', `${name}.html`), 'utf8'), `https://news.zfe.space/p/${name}.html`);
  const top = doc.querySelector('article#post > div#top');
  let el = top?.nextElementSibling ?? null;
  while (el && (el.tagName !== 'DIV' || el.className !== '')) el = el.nextElementSibling;
  if (!el) throw new Error(`no body in ${name}`);
  return el;
}

/** The HTML body of a generated Markdown post (front matter dropped). */
function postBody(name: string): Element {
  const src = readFileSync(join(FIXTURES, 'posts', `${name}.md`), 'utf8');
  const body = src.replace(/^\s*---\n[\s\S]*?\n---\n/, '');
  return parseHtml(`<!doctype html><body>${body}`, 'https://news.zfe.space/').body;
}

function snippet(html: string, url = 'https://news.zfe.space/p/x.html'): Element {
  return parseHtml(`<!doctype html><body><div id="root">${html}</div>`, url).getElementById('root')!;
}

const text = (el: Element) => el.textContent.replace(/\s+/g, ' ');
const simple = (topics: { kind: string; text: string }[]) => topics.map((t) => `${t.kind}:${t.text}`);
const hrefs = (root: Element) => Array.from(root.querySelectorAll('a')).map((a) => a.getAttribute('href'));

/** The post body of a page NexT rendered (fixtures/next: article .post-body). */
function nextBody(name: string): Element {
  const doc = parseHtml(readFileSync(join(FIXTURES, 'next', `${name}.html`), 'utf8'), `https://news.zfe.space/p/${name}.html`);
  const body = doc.querySelector('.post-body');
  if (!body) throw new Error(`no .post-body in ${name}`);
  return body;
}

describe('links that are not <a> (LINK_FORMS): NexT exturl', () => {
  it('the exturl rendering of the seed gives the same topics as its <a> rendering, the words stay, the icons go', () => {
    const plain = removeTagLinks(nextBody('ofweek-seed'));
    const body = nextBody('ofweek-seed-lazyload-exturl');
    expect(body.querySelectorAll('span.exturl')).toHaveLength(4);
    const before = text(body);
    const topics = removeTagLinks(body);
    expect(topics).toEqual(plain);
    expect(topics.map((t) => t.text)).toEqual(['移动通信', '互联网', '通信', '5G网络']);
    expect(text(body)).toBe(before);
    expect(body.querySelectorAll('span.exturl, i.fa-external-link-alt')).toHaveLength(0);
  });

  it('undo puts every exturl span and its icon back exactly', () => {
    const body = nextBody('ofweek-seed-lazyload-exturl');
    const original = body.innerHTML;
    const log = new UndoLog();
    expect(removeTagLinks(body, log)).toHaveLength(4);
    expect(body.innerHTML).not.toBe(original);
    log.undo();
    expect(body.innerHTML).toBe(original);
  });

  it('an exturl that is no keyword stays, and becomes a real link in the article copy', () => {
    const root = snippet(
      '<p>见<span class="exturl" data-url="aHR0cHM6Ly9leGFtcGxlLmNvbS9yZXBvcnQucGRm">报告<i class="fa fa-external-link-alt"></i></span>' +
        // Not base64 / not UTF-8: no address, the words alone.
        '和<span class="exturl" data-url="%%%">坏链接</span><span class="exturl" data-url="/w==">半</span></p>',
    );
    expect(removeTagLinks(root)).toEqual([]);
    expect(root.querySelectorAll('span.exturl')).toHaveLength(3);
    restoreLinkForms(root);
    expect(root.innerHTML).toBe('<p>见<a href="https://example.com/report.pdf">报告</a>和坏链接半</p>');
  });

  it('a decoded javascript: address is no link kind (the sanitizer drops its href later)', () => {
    const root = snippet('<span class="hrefStyle"><span class="exturl" data-url="amF2YXNjcmlwdDphbGVydCgxKQ==">5G</span></span>');
    expect(classifyTagLink(root.querySelector('span.exturl')!)).toBeNull();
  });
});

describe('tag-link kinds, real examples from the corpus', () => {
  it('ofweek span.hrefStyle: tag-….HTM, CAT-… and the channel home (seed post)', () => {
    const body = postBody('ofweek-seed');
    const before = text(body);
    const topics = removeTagLinks(body);
    expect(topics).toEqual([
      { kind: 'ofweek', text: '移动通信', href: 'https://tele.ofweek.com/tag-%E7%A7%BB%E5%8A%A8%E9%80%9A%E4%BF%A1.HTM' },
      { kind: 'ofweek', text: '互联网', href: 'https://tele.ofweek.com/CAT-8320654-HLW.html' },
      { kind: 'ofweek', text: '通信', href: 'https://tele.ofweek.com/' },
      { kind: 'ofweek', text: '5G网络', href: 'https://tele.ofweek.com/tag-5G.HTM' },
    ]);
    // The word stays where it was; only the anchor goes.
    expect(text(body)).toBe(before);
    expect(body.querySelectorAll('span.hrefStyle a')).toHaveLength(0);
    expect(body.querySelectorAll('span.hrefStyle')).toHaveLength(4);
  });

  it('IT之家 a.s_tag, whatever host it points at (post ithome-tag-links)', () => {
    const body = postBody('ithome-tag-links');
    const topics = removeTagLinks(body);
    expect(topics.map((t) => [t.text, t.href])).toEqual([
      ['IT之家', 'https://www.ithome.com/'],
      ['浏览器', 'https://qiyu.ruanmei.com/'],
      ['iPad', 'https://ipad.ithome.com/'],
      ['iPhone', 'https://iphone.ithome.com/'],
    ]);
    expect(topics.every((t) => t.kind === 'ithome')).toBe(true);
    expect(body.querySelector('a.s_tag')).toBeNull();
  });

  it('IT之家 in a rendered page keeps its links to other articles (page ithome-article-links-kept)', () => {
    const body = renderedBody('ithome-article-links-kept');
    expect(simple(removeTagLinks(body))).toEqual(['ithome:IT之家']);
    expect(hrefs(body)).toEqual(['https://www.ithome.com/0/642/916.htm', 'https://www.ithome.com/0/641/608.htm']);
  });

  it('快科技 p.bqian tags lose their "#" in the topic; the article link stays (post mydrivers-hash-tags)', () => {
    const body = postBody('mydrivers-hash-tags');
    const topics = removeTagLinks(body);
    expect(topics).toEqual([
      { kind: 'mydrivers', text: 'Intel', href: 'https://news.mydrivers.com/tag/intel.htm' },
      { kind: 'mydrivers', text: 'CPU处理器', href: 'https://news.mydrivers.com/tag/cpuchuliqi.htm' },
      { kind: 'mydrivers', text: '蓝光', href: 'https://news.mydrivers.com/tag/languang.htm' },
    ]);
    expect(hrefs(body).filter((h) => h?.startsWith('http'))).toContain('https://news.mydrivers.com/1/809/809267.htm');
    expect(body.querySelector('p.bqian')!.textContent).toContain('#Intel');
  });

  it('证券时报 a.trsHotWords stock names (page stcn-stock-links)', () => {
    const body = renderedBody('stcn-stock-links');
    expect(removeTagLinks(body)).toEqual([
      { kind: 'stcn', text: '恺英网络', href: 'https://info.stcn.com/dc/stock/?stockcode=SZ002517' },
      { kind: 'stcn', text: '中国人寿', href: 'https://info.stcn.com/dc/stock/?stockcode=SS601628' },
    ]);
  });

  it('cnBeta a[data-link="1"]: the affiliate redirect is unwrapped in the topic; 前往下载 stays (post cnbeta-affiliate-keywords)', () => {
    const body = postBody('cnbeta-affiliate-keywords');
    expect(removeTagLinks(body)).toEqual([
      { kind: 'cnbeta', text: 'Windows', href: 'https://microsoft.pvxt.net/x9Vg1' },
      { kind: 'cnbeta', text: '微软', href: 'https://www.microsoftstore.com.cn/' },
    ]);
    expect(hrefs(body)).toContain('https://github.com/rcmaehl/MSEdgeRedirect');
  });

  it('3DMGame 《<a …/games/…>名</a>》; 点击这里 to GitHub stays (post 3dm-game-name-link)', () => {
    const body = postBody('3dm-game-name-link');
    expect(removeTagLinks(body)).toEqual([{ kind: '3dmgame', text: '我的世界', href: 'https://www.3dmgame.com/games/minecraft/' }]);
    expect(text(body)).toContain('《我的世界》目前情况下');
    expect(hrefs(body)).toContain('https://github.com/WorldQL/mammoth');
  });

  it('3DMGame /tag/ page (page 3dm-youku-iframe)', () => {
    const root = snippet('掀起了<a target=_blank href="https://www.3dmgame.com/tag/zhanzheng_1/">战争</a>。人类');
    expect(simple(removeTagLinks(root))).toEqual(['3dmgame:战争']);
  });

  it('雪球 #topic# to xueqiu.com/k (page xueqiu-topic-link)', () => {
    const body = renderedBody('xueqiu-topic-link');
    const topics = removeTagLinks(body);
    expect(topics).toHaveLength(1);
    expect(topics[0]!.kind).toBe('hashtag');
    expect(topics[0]!.text).toBe('2022基金二季报解读');
    expect(decodeURIComponent(topics[0]!.href)).toBe('http://xueqiu.com/k?q=#2022基金二季报解读#');
    expect(text(body)).toContain('#2022基金二季报解读#7月12日');
  });

  it('小黑盒 #topic# with an app-scheme href (page 20bb)', () => {
    const root = snippet('<p><a href=heybox://open_subject target=_blank>#原神3.0版本创作者征集活动#</a></p>');
    expect(removeTagLinks(root)).toEqual([{ kind: 'hashtag', text: '原神3.0版本创作者征集活动', href: 'heybox://open_subject' }]);
  });

  it('异次元: tags, platforms, keyword redirects go; buttons, promo list, software articles, downloads stay (page iplaysoft-keyword-links)', () => {
    const body = renderedBody('iplaysoft-keyword-links');
    const topics = removeTagLinks(body);
    expect(topics.every((t) => t.kind === 'iplaysoft')).toBe(true);
    const words = topics.map((t) => t.text);
    for (const w of ['办公', '生活', 'OCR', '扫描', '神器', '翻译', 'Android', 'iOS', 'macOS', 'Excel', 'PDF', 'Mac', '白描']) {
      expect(words).toContain(w);
    }
    // "办公相关" in the related footer points at /tag/办公: same topic, de-duplicated.
    expect(words.filter((w) => w === '办公')).toHaveLength(1);
    expect(words).not.toContain('办公相关');
    const left = hrefs(body);
    expect(left).toContain('https://www.iplaysoft.com/go/qcloud'); // promo list, rel=nofollow
    expect(left).toContain('https://www.iplaysoft.com/tianruo-ocr.html'); // another article
    expect(left).toContain('https://dl.iplaysoft.com/files/5789.html'); // download
    expect(body.querySelectorAll('a.button')).toHaveLength(3);
    expect(listTagLinks(body)).toHaveLength(0);
  });

  it('鸟哥笔记 /tag/ pages, also inside a heading (page fb7a)', () => {
    const root = snippet(
      '<h1>定向<a href=https://www.niaogebiji.com/tag/%E8%A7%A6%E8%BE%BE target=_blank>触达</a>是什么？</h1>' +
        '<p>最考验<a href=https://www.niaogebiji.com/tag/%E8%BF%90%E8%90%A5 target=_blank>运营</a>能力的</p>',
    );
    expect(removeTagLinks(root)).toEqual([
      { kind: 'tag-page', text: '触达', href: 'https://www.niaogebiji.com/tag/%E8%A7%A6%E8%BE%BE' },
      { kind: 'tag-page', text: '运营', href: 'https://www.niaogebiji.com/tag/%E8%BF%90%E8%90%A5' },
    ]);
    expect(root.querySelector('h1')!.textContent).toBe('定向触达是什么？');
  });

  it('@mentions to profile pages: 奶牛关 atwho and zhihu (page 40e6), PMCAFF (page pmcaff-largest-page), wolley (page 9346)', () => {
    const root = snippet(
      '<p>作者：<span class=atwho-inserted data-atwho-at-query=@叔音><a href=https://cowlevel.net/people/soukin data-at-slug=soukin data-role=tip-window data-target=.user-card data-user-slug=soukin data-tpl=user-card-tpl-2>@叔音OKATU</a></span></p>' +
        '<p><a href=https://www.zhihu.com/people/b45eafb90a5ef5f95daca8d091c86cbb rel=nofollow target=_blank>@MislankaNova</a></p>' +
        '<p><i><a href=https://coffee.pmcaff.com/profile/263821 target=_blank rel="noreferrer noopener">@道格森咸鱼王</a></i></p>' +
        '<div>via <a target=_blank rel=noopener href=https://wolley.io/user/kyth>@kyth</a></div>',
    );
    expect(simple(removeTagLinks(root))).toEqual(['mention:叔音OKATU', 'mention:MislankaNova', 'mention:道格森咸鱼王', 'mention:kyth']);
  });

  it('奶牛关 game page (post 080)', () => {
    const root = snippet('视觉艺术奖<a href="https://cowlevel.net/game/machinarium" rel="nofollow" target="_blank">《机械迷城》</a>、2011');
    expect(removeTagLinks(root)).toEqual([{ kind: 'cowlevel-game', text: '机械迷城', href: 'https://cowlevel.net/game/machinarium' }]);
    expect(root.textContent).toBe('视觉艺术奖《机械迷城》、2011');
  });
});

describe('tag-link kinds documented in the corpus README (no corpus page carries them)', () => {
  const cases: [string, string, string, string][] = [
    // [kind, markup (README), topic text, topic href]
    [
      '36kr',
      '<a class="project-link" data-id="123" data-name="中国移动" href="https://36kr.com/projectDetails/123">中国移动</a>',
      '中国移动',
      'https://36kr.com/projectDetails/123',
    ],
    [
      'taoguba',
      '<a class="ycCss" href="https://www.taoguba.com.cn/quotes/sh603089">603089</a>',
      '603089',
      'https://www.taoguba.com.cn/quotes/sh603089',
    ],
    [
      'xueqiu-stock',
      '<a href="https://xueqiu.com/S/SH600519">$贵州茅台(SH600519)$</a>',
      '贵州茅台(SH600519)',
      'https://xueqiu.com/S/SH600519',
    ],
    ['sspai-mention', '<a class="ss-atUser" href="https://sspai.com/u/abc">@张三</a>', '张三', 'https://sspai.com/u/abc'],
    [
      'mastodon-hashtag',
      '<a href="https://mastodon.social/tags/rust" class="mention hashtag" rel="tag">#<span>rust</span></a>',
      'rust',
      'https://mastodon.social/tags/rust',
    ],
    [
      'mastodon-mention',
      '<span class="h-card"><a href="https://mastodon.social/@gargron" class="u-url mention">@<span>gargron</span></a></span>',
      'gargron',
      'https://mastodon.social/@gargron',
    ],
  ];
  it.each(cases)('%s', (kind, html, topicText, topicHref) => {
    const root = snippet(`<p>前文${html}后文</p>`);
    const a = root.querySelector('a')!;
    expect(classifyTagLink(a)).toEqual({ kind, text: topicText, href: topicHref });
    const topics = removeTagLinks(root);
    expect(topics).toEqual([{ kind, text: topicText, href: topicHref }]);
    expect(root.querySelector('a')).toBeNull();
  });
});

describe('real references stay links', () => {
  const keep: [string, string][] = [
    ['原文 (page 2223)', '<p><a href=https://www.ali213.net/news/html/2022-9/709051.html target=_blank>点击此处查看原文>>></a></p>'],
    ['阅读原文', '<p><a href="https://www.ithome.com/tag/windows/">阅读原文</a></p>'],
    ['Read more', '<p><a href="https://example.com/tag/ai">Read more</a></p>'],
    [
      'URL as its own text, through a redirect (post 027)',
      '<a href="https://www.oschina.net/action/GoToLink?url=https%3A%2F%2Fnetty.io%2Fnews%2F2021%2F08%2F16%2F4-1-67-Final.html" target="_blank">https://netty.io/news/2021/08/16/4-1-67-Final.html</a>',
    ],
    [
      'URL as text even inside a tag wrapper',
      '<span class="hrefStyle"><a href="https://tele.ofweek.com/tag-5G.HTM">https://tele.ofweek.com/tag-5G.HTM</a></span>',
    ],
    [
      'link to another article (post mydrivers-hash-tags)',
      '<a class="f14_link" href="https://news.mydrivers.com/1/809/809267.htm" target="_blank">很多玩家不解Intel为什么要跟这个功能过不去</a>',
    ],
    [
      'PDF (page f2c3)',
      '<div><a target=_blank rel=noopener href=https://www3.weforum.org/docs/WEF_Global_Covid19_FinTech_Market_Study_2022.pdf>Download PDF</a></div>',
    ],
    ['PDF behind a keyword-looking tag path', '<a href="https://example.com/tag/report.pdf">财报</a>'],
    ['long prose to a tag page', '<a href="https://www.iplaysoft.com/tag/%E8%A3%85%E6%9C%BA">专题：装机必备的工具推荐</a>'],
    ['an image link', '<a href="https://www.niaogebiji.com/tag/x"><img src="https://x/y.png"></a>'],
    [
      'a button to a keyword redirect (page iplaysoft-keyword-links)',
      '<p class=aligncenter><a href=https://www.iplaysoft.com/go/baimiao class="button button_orange" isconvert=1>立即获取白描会员</a></p>',
    ],
    ['mailto', '<a href="mailto:hi@cowlevel.net">hi@cowlevel.net</a>'],
    ['an @ that is not a profile (page feee)', '作者：<a href="https://www.icloud.com/shortcuts/twitter.com/Greeny1025">@Chinchilla_</a>'],
    ['an in-page anchor', '<a href="#top">#top#</a>'],
  ];
  it.each(keep)('%s', (_name, html) => {
    const root = snippet(html);
    const before = root.innerHTML;
    expect(Array.from(root.querySelectorAll('a')).map(classifyTagLink)).toEqual([null]);
    expect(removeTagLinks(root)).toEqual([]);
    expect(root.innerHTML).toBe(before);
  });

  it('雪球 网页链接 to a PDF announcement stays (page xueqiu-pdf-link-kept)', () => {
    const body = renderedBody('xueqiu-pdf-link-kept');
    const before = body.outerHTML;
    expect(listTagLinks(body)).toEqual([]);
    expect(removeTagLinks(body)).toEqual([]);
    expect(body.outerHTML).toBe(before);
    expect(body.querySelector('a.status-link')!.getAttribute('href')).toMatch(/\.PDF$/);
  });
});

describe('addresses', () => {
  it('resolves a relative href against the element baseURI', () => {
    const root = snippet('<span class="hrefStyle"><a href="/tag-5G.HTM">5G网络</a></span>', 'https://tele.ofweek.com/2022-09/ART-1.html');
    expect(classifyTagLink(root.querySelector('a')!)).toEqual({
      kind: 'ofweek',
      text: '5G网络',
      href: 'https://tele.ofweek.com/tag-5G.HTM',
    });
  });

  it('unwraps the href before matching: a /tag/ page behind a redirect is still a tag link', () => {
    const root = snippet('<a href="https://www.oschina.net/action/GoToLink?url=https%3A%2F%2Fwww.niaogebiji.com%2Ftag%2Fgrowth">增长</a>');
    expect(removeTagLinks(root)).toEqual([{ kind: 'tag-page', text: '增长', href: 'https://www.niaogebiji.com/tag/growth' }]);
  });
});

describe('removal', () => {
  const pages: [string, () => Element][] = [
    ['seed', () => postBody('ofweek-seed')],
    ['post ithome-tag-links', () => postBody('ithome-tag-links')],
    ['post mydrivers-hash-tags', () => postBody('mydrivers-hash-tags')],
    ['page iplaysoft-keyword-links', () => renderedBody('iplaysoft-keyword-links')],
    ['page stcn-stock-links', () => renderedBody('stcn-stock-links')],
  ];

  it.each(pages)('undo restores the exact original markup (%s)', (_name, load) => {
    const body = load();
    const before = body.outerHTML;
    const log = new UndoLog();
    const topics = removeTagLinks(body, log);
    expect(topics.length).toBeGreaterThan(0);
    expect(log.size).toBeGreaterThanOrEqual(topics.length);
    expect(body.outerHTML).not.toBe(before);
    log.undo();
    expect(body.outerHTML).toBe(before);
  });

  it.each(pages)('is idempotent: a second call finds nothing and changes nothing (%s)', (_name, load) => {
    const body = load();
    const n = listTagLinks(body).length;
    expect(n).toBeGreaterThan(0);
    const anchors = body.querySelectorAll('a').length;
    removeTagLinks(body);
    expect(body.querySelectorAll('a').length).toBe(anchors - n);
    const after = body.outerHTML;
    expect(removeTagLinks(body)).toEqual([]);
    expect(listTagLinks(body)).toEqual([]);
    expect(body.outerHTML).toBe(after);
  });

  it('de-duplicates topics by kind+text+href but removes every anchor, in document order', () => {
    const root = snippet(
      '<p><a class="s_tag" href="https://ipad.ithome.com/">iPad</a> 与 <a class="trsHotWords" code="601628" href="https://info.stcn.com/dc/stock/?stockcode=SS601628">中国人寿</a>，' +
        '<a class="s_tag" href="https://ipad.ithome.com/">iPad</a>，<a class="s_tag" href="https://www.ithome.com/">iPad</a></p>',
    );
    expect(listTagLinks(root)).toHaveLength(4);
    expect(simple(removeTagLinks(root))).toEqual(['ithome:iPad', 'stcn:中国人寿', 'ithome:iPad']);
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toBe('iPad 与 中国人寿，iPad，iPad');
  });

  it('listTagLinks returns the anchors themselves, in document order', () => {
    const body = postBody('mydrivers-hash-tags');
    const list = listTagLinks(body);
    expect(list.map((a) => a.textContent)).toEqual(['#Intel', '#CPU处理器', '#蓝光']);
    expect(list.every((a) => body.contains(a))).toBe(true);
  });

  it('handles 10,000 links with a bounded number of selector tests (no timing: npm run bench times), and undoes them', () => {
    // Ten links a paragraph, as in a long body. (One parent holding 10,000 children is slow in jsdom whatever
    // we do: its removeChild recomputes the sibling index, O(siblings) per call; browsers do not.)
    const paragraphs: string[] = [];
    for (let p = 0; p < 1_000; p++) {
      const links: string[] = [];
      for (let j = 0; j < 10; j++) {
        const i = p * 10 + j;
        if (i % 4 === 0) links.push(`<a class="s_tag" href="https://www.ithome.com/tag/${(i / 4) % 50}">词${(i / 4) % 50}</a>`);
        else if (i % 4 === 1) links.push(`<a href="https://www.niaogebiji.com/tag/k${((i - 1) / 4) % 30}">关键${((i - 1) / 4) % 30}</a>`);
        else links.push(`<a href="https://example.com/2022/09/article-${i}.html">An ordinary reference number ${i}</a>`);
      }
      paragraphs.push(`<p>${links.join(' ')}</p>`);
    }
    const root = snippet(paragraphs.join(''));
    const before = root.outerHTML;
    const log = new UndoLog();
    // Selector tests are the costly step (~10 µs each in jsdom): at most two per anchor (the union of the selector
    // kinds, then the kind), whatever the number of kinds in the table.
    const proto = root.ownerDocument.defaultView!.Element.prototype;
    const matches = vi.spyOn(proto, 'matches');
    const topics = removeTagLinks(root, log);
    const selectorTests = matches.mock.calls.length;
    matches.mockRestore();
    expect(topics).toHaveLength(50 + 30);
    expect(log.size).toBe(5_000);
    expect(root.querySelectorAll('a')).toHaveLength(5_000);
    expect(selectorTests).toBeLessThanOrEqual(2 * 10_000);
    log.undo();
    expect(root.outerHTML).toBe(before);
  });
});

describe('the table', () => {
  it('has unique ids and valid selectors', () => {
    const ids = TAG_LINK_KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    const doc = parseHtml('<!doctype html><body><a href="x">x</a>');
    for (const k of TAG_LINK_KINDS) {
      if (k.match.selector) expect(() => doc.querySelector(k.match.selector!)).not.toThrow();
      if (k.match.not) expect(() => doc.querySelector(k.match.not!)).not.toThrow();
      expect(k.match.selector ?? k.match.host ?? k.match.path ?? k.match.text?.pattern).toBeDefined();
    }
  });
});
