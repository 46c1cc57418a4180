// Inline keyword ("tag") links: a word in the running text linked to the source site's tag, topic, stock,
// keyword or user page. The word stays, the link goes, and the pair is kept as one of the article's topics.
// Every kind was seen in the corpus (counts in the comments are links across /work/shared/corpus: 266 rendered
// pages, 129 posts, the seed), except those marked "README", which the corpus README documents from the feeds.
//
// A kind matches when every field it sets holds. The engine (`../tag-links.ts`) tests the cheap string fields
// first and the selector last; the first kind in table order wins.

export interface TextShape {
  /** The link text (white space collapsed, trimmed) must match. */
  pattern?: RegExp;
  /** At most this many characters (code points). */
  maxLength?: number;
  /** At most this many white-space separated words (a keyword, not a phrase). */
  maxWords?: number;
}

export interface TagLinkMatch {
  /** CSS selector the anchor must match; may name its wrapper (`span.hrefStyle > a`). */
  selector?: string;
  /** Anchors matching this selector are never this kind (buttons, promo lists). */
  not?: string;
  /** Hostname of the unwrapped href. */
  host?: RegExp;
  /** Pathname of the unwrapped href (still percent-encoded). */
  path?: RegExp;
  /** Shape of the link text. */
  text?: TextShape;
  /** Removed (every occurrence) from the link text to give the topic text: `#Intel` → `Intel`. */
  textStrip?: RegExp;
}

export interface TagLinkKind {
  id: string;
  label: string;
  match: TagLinkMatch;
}

/** A keyword, not prose: short, few words, no sentence punctuation (that makes it a title or a call to action). */
export const KEYWORD: TextShape = {
  maxLength: 20,
  maxWords: 3,
  pattern: /^[^，。！？；：、,!?;:|<>“”"]+$/,
};

/** Kinds decided by the markup itself: the text only has to be a label, not a paragraph. */
const LABEL: TextShape = { maxLength: 40 };

export const TAG_LINK_KINDS: readonly TagLinkKind[] = [
  // seed post: <span class="hrefStyle"><a href="https://tele.ofweek.com/tag-5G.HTM" title="5G网络">5G网络</a></span>;
  // also CAT-….html channel pages and the channel home (tele.ofweek.com/).
  // Under NexT with `exturl: true` the same link is a span (LINK_FORMS below): fixture next/ofweek-seed-lazyload-exturl.
  {
    id: 'ofweek',
    label: 'OFweek keyword (span.hrefStyle)',
    match: { selector: 'span.hrefStyle > a, span.hrefStyle > span.exturl', text: LABEL },
  },
  // IT之家: <a class="s_tag" href="https://ipad.ithome.com/">iPad</a>; the href can be any ruanmei/ithome page.
  { id: 'ithome', label: 'IT之家 keyword (a.s_tag)', match: { selector: 'a.s_tag', text: LABEL } },
  // README: <a class="project-link" data-id=… data-name=… href="https://36kr.com/projectDetails/…">中国移动</a>
  { id: '36kr', label: '36氪 company (a.project-link)', match: { selector: 'a.project-link[data-id]', text: LABEL } },
  // 快科技 (post 032): <p class="bqian"><a href="…/tag/intel.htm"><i>#</i>Intel</a>…
  {
    id: 'mydrivers',
    label: '快科技 tag (p.bqian)',
    match: { selector: 'p.bqian a', text: LABEL, textStrip: /^#\s*/ },
  },
  // 证券时报网: <a class=trsHotWords href="https://info.stcn.com/dc/stock/?stockcode=SZ002517" code=002517>恺英网络</a>
  { id: 'stcn', label: '证券时报 stock (a.trsHotWords)', match: { selector: 'a.trsHotWords', text: LABEL } },
  // README: 淘股吧 <a class="ycCss" href="…/quotes/sh603089">603089</a>
  { id: 'taoguba', label: '淘股吧 quote (a.ycCss)', match: { selector: 'a.ycCss', text: LABEL } },
  // cnBeta (posts 012, 013): <a data-link="1" href="https://microsoft.pvxt.net/x9Vg1">Windows</a>, or through
  // c.duomai.com/track.php (unwrapped to the shop): an affiliate keyword.
  { id: 'cnbeta', label: 'cnBeta affiliate keyword (a[data-link="1"])', match: { selector: 'a[data-link="1"]', text: LABEL } },
  // 3DMGame: 《<a href="https://www.3dmgame.com/games/minecraft/">我的世界</a>》 (post 024) and
  // <a href="https://www.3dmgame.com/tag/zhanzheng_1/">战争</a> (page ac88). Game names may carry "：".
  {
    id: '3dmgame',
    label: '3DMGame game or tag page',
    match: { host: /(^|\.)3dmgame\.com$/, path: /^\/(games|tag)\/[^/]+\/?$/, text: { maxLength: 30 } },
  },
  // 奶牛关 (post 080): 艺术奖<a href="https://cowlevel.net/game/machinarium">《机械迷城》</a>, its game page.
  {
    id: 'cowlevel-game',
    label: '奶牛关 game page',
    match: { host: /(^|\.)cowlevel\.net$/, path: /^\/game\/[^/]+\/?$/, text: { maxLength: 30 }, textStrip: /^《|》$/g },
  },
  // README: 雪球 $贵州茅台(SH600519)$ → xueqiu.com/S/SH600519
  {
    id: 'xueqiu-stock',
    label: '雪球 stock ($name(code)$)',
    match: { host: /(^|\.)xueqiu\.com$/, path: /^\/S\/[^/]+\/?$/, text: LABEL, textStrip: /^\$|\$$/g },
  },
  // 雪球 (page 3613): <a href="http://xueqiu.com/k?q=%23…%23">#2022基金二季报解读#</a>; 小黑盒 (page 20bb):
  // <a href=heybox://open_subject>#原神3.0版本创作者征集活动#</a>. Weibo-style #topic#, whatever the href.
  {
    id: 'hashtag',
    label: '#topic# (雪球, 小黑盒, 微博)',
    match: { text: { pattern: /^#[^#\s][^#]{0,40}#$/ }, textStrip: /^#|#$/g },
  },
  // README: Mastodon <a class="mention hashtag" rel="tag" href="…/tags/x">#<span>x</span></a>
  {
    id: 'mastodon-hashtag',
    label: 'Mastodon hashtag (a.hashtag)',
    match: { selector: 'a.hashtag', text: LABEL, textStrip: /^#/ },
  },
  // README: Mastodon <span class="h-card"><a class="u-url mention" href="…/@user">@<span>user</span></a></span>
  { id: 'mastodon-mention', label: 'Mastodon mention (a.mention)', match: { selector: 'a.mention', text: LABEL, textStrip: /^@/ } },
  // README: 少数派 <a class="ss-atUser" …>@name</a>
  { id: 'sspai-mention', label: '少数派 mention (a.ss-atUser)', match: { selector: 'a.ss-atUser', text: LABEL, textStrip: /^@/ } },
  // @name linked to a profile page: 奶牛关 span.atwho-inserted > a → cowlevel.net/people/… (page 40e6), zhihu
  // /people/, wolley /user/, PMCAFF coffee.pmcaff.com/profile/ (page f342), Weibo /n/.
  {
    id: 'mention',
    label: '@user mention (profile page)',
    match: {
      path: /^\/(people|user|users|u|n|profile|member|space)\/[^/]+\/?$|^\/@[^/]+\/?$/,
      text: { pattern: /^@[^\s@]{1,30}$/ },
      textStrip: /^@/,
    },
  },
  // 异次元软件世界 (pages 2533, 2d80): inline keywords to /tag/…, /os/…-platform, /category/…, and the
  // keyword redirects /go/mac, /go/apple, /go/officepost. Not its buttons (a.button) nor the promo list at the
  // top of every post (ul#link1111, rel=nofollow). Links to its software pages (/ventoy.html) are articles: kept.
  // Its "related" footer says 办公相关, 更多微软相关 for /tag/办公, /tag/微软: the topic is the tag.
  {
    id: 'iplaysoft',
    label: '异次元 tag, platform or keyword redirect',
    match: {
      host: /(^|\.)iplaysoft\.com$/,
      path: /^\/(tag|os|category|go)\/[^/]+\/?$/,
      not: '.button, [rel~="nofollow"]',
      text: KEYWORD,
      textStrip: /^更多\s*|\s*相关(?:软件|工具)?$/g,
    },
  },
  // Any site's tag/topic/keyword page with a keyword as text: 鸟哥笔记 niaogebiji.com/tag/运营 (page fb7a), and
  // the same convention elsewhere (sspai /tag/, WordPress /tag/ and /tags/).
  {
    id: 'tag-page',
    label: 'tag or topic page (/tag/…)',
    match: { path: /^\/(tags?|topics?|keywords?|labels?)\/[^/]+\/?$/i, text: KEYWORD },
  },
];

/**
 * Elements that are links without being <a>: a theme that hides external links from crawlers writes the address
 * in an attribute and opens it by script. Each is read as a link to the decoded address; removed as a tag link, it
 * goes with its `decoration` (the theme's external-link icon), the word stays.
 */
export interface LinkForm {
  id: string;
  label: string;
  selector: string;
  /** The attribute holding the address, and how it is written there. */
  hrefAttr: string;
  encoding: 'base64';
  /** Children that are only the theme's marking of the link. */
  decoration?: string;
}

export const LINK_FORMS: readonly LinkForm[] = [
  // hexo-theme-next `exturl: true` (fixture next/ofweek-seed-lazyload-exturl):
  // <span class="exturl" data-url="aHR0cHM6Ly90ZWxlLm9md2Vlay5jb20vdGFnLTVHLkhUTQ==">5G网络<i class="fa fa-external-link-alt"></i></span>
  {
    id: 'next-exturl',
    label: 'NexT exturl (span.exturl[data-url], base64)',
    selector: 'span.exturl[data-url]',
    hrefAttr: 'data-url',
    encoding: 'base64',
    decoration: 'i[class*="fa-external-link"]',
  },
];

// Real references are never tag links, whatever kind they would match.

/** Link text that announces a reference (the original, the full text, a download), not a keyword. */
export const REFERENCE_TEXT =
  /原文|全文|网页链接|出处|来源|官网$|^(?:更多|详情|下载|这里|此处)$|^(?:点此|点击|访问|前往|进入|传送门)|^(?:read|view|continue|see|source|more|download)\b/i;

/** Link text that is itself an address. */
export const URL_TEXT = /^(?:[a-z][\w+.-]*:\/\/|www\.)|:\/\/|^[\w.+-]+@[\w-]+(\.[\w-]+)+$/i;

/** Hrefs that point at a document or file, not a page. */
export const DOCUMENT_PATH =
  /\.(pdf|docx?|xlsx?|pptx?|odt|ods|rtf|txt|csv|epub|mobi|zip|rar|7z|tar|gz|apk|exe|dmg|msi|iso|torrent|mp3|mp4|mkv)$/i;

/** Href schemes that are never keyword pages. */
export const NON_PAGE_SCHEME = /^(mailto|tel|sms|javascript|data|ed2k|magnet|thunder|ftp):/i;

/** Anchors holding media are image links or embeds, not keywords. */
export const MEDIA_INSIDE = 'img, picture, video, audio, iframe, svg, canvas';
