// What marks the 小冰 RSSHub family apart from any other Hexo blog.

// The site's own CORS image proxy (http:// originals are served through it) and the selector that finds proxied
// media: both derived from the wrapper table, which is the one place that knows proxies.
export { PROXIED_MEDIA_SELECTOR, SITE_PROXY_PREFIX } from './wrappers';

/** The theme's author box links to RSSHub on every generated post. */
export const RSSHUB_AUTHOR_SELECTOR = 'a[href*="docs.rsshub.app"]';

/** First category level the generator writes (the feed's group). */
export const CATEGORY_GROUPS: readonly string[] = [
  '新媒体',
  '游戏',
  '编程',
  '金融',
  '设计',
  '音视频',
  '社交媒体',
  '二次元',
  '阅读',
  '学习',
  '博客',
  '图片',
  '科技',
  '新闻',
  '生活',
  '购物',
  '出行',
  '预报预警',
  '政务消息',
  '大学通知',
  '其他',
];
