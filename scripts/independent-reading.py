#!/usr/bin/env python3
"""Independent second reading of the proxied-news corpus.

Written from the corpus README and a look at the pages only -- it does NOT share
code or rules with the TypeScript core, so that the two readings can be compared
(the way defuddle checks page -> expected JSON).  Python 3 standard library only.

Usage: python3 scripts/independent-reading.py /work/shared/corpus test/corpus-expected

Output (see test/corpus-expected/README.md for every field and judgment call):
  rendered/<name>.json   one per rendered/p/*.html article page
  listing/<name>.json    {"article": false} per rendered/listing/*.html page
  posts/<name>.json      one per posts/*.md and the seed post
A review summary is printed to stdout.
"""

import glob
import json
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

SITE = 'https://news.zfe.space'
PROXY_PREFIX = 'https://cors.zfour.workers.dev/?'
PROXY_HOST = 'cors.zfour.workers.dev'

# --------------------------------------------------------------------------
# A small HTML tree builder on top of html.parser.
# It follows the browser rules that matter for text and order: void elements,
# implied </p>, </li>, </dt>/</dd>, </option>, table cells/rows, nested <a>,
# headings, and end tags without an open element are ignored.
# --------------------------------------------------------------------------

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta',
        'param', 'source', 'track', 'wbr', 'keygen'}
# Elements whose content a browser does not parse as markup (scripting on).
RAW = ('script', 'style', 'noscript', 'textarea', 'title', 'iframe', 'xmp', 'noembed',
       'noframes', 'template')
# Elements that close an open <p>.
CLOSES_P = {'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir',
            'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
            'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p',
            'pre', 'section', 'summary', 'table', 'ul', 'dd', 'dt', 'listing', 'plaintext', 'xmp'}
SCOPE_STOP = {'html', 'table', 'td', 'th', 'caption', 'marquee', 'object', 'applet', 'template',
              'button', 'svg', 'math'}
HEADINGS = {'h1', 'h2', 'h3', 'h4', 'h5', 'h6'}
# Block-level boundaries for text: a space is put before and after these.
BLOCK = CLOSES_P | {'br', 'tr', 'td', 'th', 'caption', 'thead', 'tbody', 'tfoot', 'option',
                    'body', 'html', 'img', 'video', 'audio', 'iframe', 'picture', 'figure',
                    'legend', 'object', 'embed', 'canvas', 'svg', 'math', 'button', 'input',
                    'select', 'textarea'}
# A <button>'s label (赞赏, 复制代码) is the source page's UI, not article text: a reader drops it.
SKIP_TEXT = {'script', 'style', 'noscript', 'template', 'title', 'head', 'iframe', 'noembed',
             'noframes', 'textarea', 'select', 'object', 'button'}


class Node:
    __slots__ = ('tag', 'attrs', 'children', 'parent', 'raw')

    def __init__(self, tag, attrs=None, parent=None, raw=None):
        self.tag = tag
        self.attrs = attrs or {}
        self.children = []
        self.parent = parent
        self.raw = raw  # source text of the start tag

    def cls(self):
        return (self.attrs.get('class') or '').split()

    def walk(self):
        """Elements in document order (self first)."""
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


class Tokenizer(HTMLParser):
    """Flat event list: ('start', tag, attrs, raw) / ('end', tag) / ('text', str)."""
    CDATA_CONTENT_ELEMENTS = RAW

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []

    def handle_starttag(self, tag, attrs):
        d = {}
        for k, v in attrs:
            if k not in d:  # first occurrence wins, as in browsers
                d[k] = v if v is not None else ''
        self.events.append(('start', tag, d, self.get_starttag_text()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.events.append(('end', tag))

    def handle_endtag(self, tag):
        self.events.append(('end', tag))

    def handle_data(self, data):
        self.events.append(('text', data))


def tokenize(html):
    t = Tokenizer()
    t.feed(html)
    t.close()
    return t.events


def build_tree(events, root_tag='#root'):
    root = Node(root_tag)
    stack = [root]

    def in_scope(tag, stops=SCOPE_STOP):
        for n in reversed(stack[1:]):
            if n.tag == tag:
                return n
            if n.tag in stops:
                return None
        return None

    def pop_to(node):
        while stack[-1] is not node:
            stack.pop()
        stack.pop()

    for ev in events:
        kind = ev[0]
        if kind == 'text':
            stack[-1].children.append(ev[1])
            continue
        tag = ev[1]
        if kind == 'start':
            if tag in CLOSES_P:
                p = in_scope('p')
                if p is not None:
                    pop_to(p)
            if tag == 'li':
                li = in_scope('li', SCOPE_STOP | {'ol', 'ul'})
                if li is not None:
                    pop_to(li)
            if tag in ('dt', 'dd'):
                for t in ('dt', 'dd'):
                    d = in_scope(t, SCOPE_STOP | {'dl'})
                    if d is not None:
                        pop_to(d)
            if tag in HEADINGS and stack[-1].tag in HEADINGS:
                stack.pop()
            if tag == 'a':
                a = in_scope('a', set())
                if a is not None:
                    pop_to(a)
            if tag == 'option' and stack[-1].tag == 'option':
                stack.pop()
            if tag in ('td', 'th'):
                c = in_scope('td', {'table', 'tr'}) or in_scope('th', {'table', 'tr'})
                if c is not None:
                    pop_to(c)
            if tag == 'tr':
                c = in_scope('tr', {'table'})
                if c is not None:
                    pop_to(c)
            node = Node(tag, ev[2], stack[-1], ev[3])
            stack[-1].children.append(node)
            if tag not in VOID:
                stack.append(node)
        else:  # end
            if tag == 'br':  # </br> acts as <br>
                stack[-1].children.append(Node('br', {}, stack[-1], '<br>'))
                continue
            # an end tag only closes an element inside the nearest table cell / svg
            stops = SCOPE_STOP if tag == 'p' else SCOPE_STOP - {'button'}
            n = in_scope(tag, stops)
            if n is not None:
                pop_to(n)
    return root


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------

# JavaScript's \s, so a JS reader collapsing with /\s+/g gets the same string.
WS = re.compile('[\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+')


def collapse(s):
    return WS.sub(' ', s).strip()


def text_parts(node, out):
    for c in node.children:
        if isinstance(c, str):
            out.append(c)
        elif c.tag in SKIP_TEXT:
            continue
        else:
            block = c.tag in BLOCK
            if block:
                out.append(' ')
            text_parts(c, out)
            if block:
                out.append(' ')
    return out


def text_of(node):
    return collapse(''.join(text_parts(node, [])))


# --------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------

# Link redirects carry an ENCODED target in one query parameter.
REDIRECTS = [
    (re.compile(r'^https?://(www\.)?oschina\.net/action/GoToLink\?(.*&)?url=([^&]*)'), 3),
    (re.compile(r'^https?://link\.zhihu\.com/\?(.*&)?target=([^&]*)'), 2),
    (re.compile(r'^https?://links\.jianshu\.com/go\?(.*&)?to=([^&]*)'), 2),
    (re.compile(r'^https?://c\.duomai\.com/track\.php\?(.*&)?t=([^&]*)'), 2),
]
# The gamersky image viewer carries the RAW image URL as its whole query.
VIEWERS = [re.compile(r'^https?://(www\.)?gamersky\.com/showimage/id_gamersky\.shtml\?(.+)$')]


def unproxy(url):
    """Strip the site's CORS wrapper (repeatedly); the payload is not decoded."""
    proxied = False
    while url.startswith(PROXY_PREFIX):
        url = url[len(PROXY_PREFIX):]
        proxied = True
    return url, proxied


def unwrap_link(url):
    url, _ = unproxy(url)
    for rx, g in REDIRECTS:
        m = rx.match(url)
        if m:
            return unwrap_link(unquote(m.group(g)))
    for rx in VIEWERS:
        m = rx.match(url)
        if m:
            return unwrap_link(m.group(2))
    return url


def absolute(url, base):
    url = url.strip()
    if not base:
        if url.startswith('//'):
            return 'https:' + url
        return url
    return urljoin(base, url)


def first_src_in_srcset(v):
    v = v.strip()
    if not v:
        return ''
    return v.split(',')[0].strip().split()[0] if v.split(',')[0].strip() else ''


def usable(u):
    return bool(u) and not u.strip().lower().startswith(('data:', 'javascript:', 'about:', 'blob:'))


# Feeds' own lazy-loading attributes, most specific first. They win over src
# because src is then a placeholder or a reduced copy.
LAZY_ATTRS = ['data-original', 'data-actualsrc', 'data-src', 'data-lazy-src', 'data-lazy',
              'data-original-src', 'data-echo', 'data-url', 'data-ks-lazyload', 'file', 'zoomfile']


def image_source(img):
    a = img.attrs
    for k in LAZY_ATTRS:
        v = a.get(k, '')
        if usable(v):
            return v, k
    if usable(a.get('src', '')):
        return a['src'], 'src'
    for k in ('data-srcset', 'srcset'):
        v = first_src_in_srcset(a.get(k, ''))
        if usable(v):
            return v, k
    return None, None


# --------------------------------------------------------------------------
# Tag ("topic") links, one rule per source kind of the README table.
# --------------------------------------------------------------------------

def has_ancestor(a, pred, limit=3):
    for i, n in enumerate(a.ancestors()):
        if i >= limit:
            break
        if pred(n):
            return True
    return False


def prev_text(a):
    """Text immediately before the element (same parent)."""
    sib = a.parent.children
    i = sib.index(a)
    return sib[i - 1] if i > 0 and isinstance(sib[i - 1], str) else ''


def next_text(a):
    sib = a.parent.children
    i = sib.index(a)
    return sib[i + 1] if i + 1 < len(sib) and isinstance(sib[i + 1], str) else ''


# Rules keyed on the source's own markup (a class or attribute it puts only on
# keyword links): a match is a topic whatever the text.
MARKUP_RULES = [
    ('ofweek-hrefStyle', lambda a, h, t: a.parent is not None and 'hrefStyle' in a.parent.cls()),
    ('ithome-s_tag', lambda a, h, t: 's_tag' in a.cls()),
    ('36kr-project-link', lambda a, h, t: 'project-link' in a.cls()),
    ('mydrivers-bqian', lambda a, h, t: has_ancestor(a, lambda n: 'bqian' in n.cls(), 2)),
    ('stcn-trsHotWords', lambda a, h, t: 'trsHotWords' in a.cls()),
    ('taoguba-ycCss', lambda a, h, t: 'ycCss' in a.cls()),
    ('cnbeta-data-link', lambda a, h, t: a.attrs.get('data-link') == '1'),
    ('sspai-atUser', lambda a, h, t: 'ss-atUser' in a.cls()),
    ('mastodon-hashtag', lambda a, h, t: 'mention' in a.cls() and 'hashtag' in a.cls()),
]
# Rules keyed on the address only: a match is a topic when the text reads as a
# keyword, and doubtful when it reads as a sentence or a reference.
ADDRESS_RULES = [
    ('3dm-game-title', lambda a, h, t: re.match(r'^https?://www\.3dmgame\.com/games/[^/]+/?$', h)
        is not None and prev_text(a).endswith('《') and next_text(a).startswith('》')),
    ('xueqiu-stock', lambda a, h, t: re.match(r'^https?://xueqiu\.com/S/[^/?#]+/?$', h) is not None
        and re.match(r'^\$.+\$$', t) is not None),
    ('xueqiu-topic', lambda a, h, t: re.match(r'^https?://xueqiu\.com/k\?q=', h) is not None),
    ('site-tag-page', lambda a, h, t: re.search(r'^https?://[^/]+(/[^?#]*)?/tags?/[^/?#]+/?$', h)
        is not None),
]
# Links that look like keyword links but no README row covers them: listed as
# doubtful, never as topics.
DOUBTFUL_RULES = [
    ('user mention (@name) link; the README lists mentions only for 少数派 and Mastodon',
     lambda a, h, t: t.startswith('@') and len(t) <= 30),
    ('hashtag-style #topic# link not covered by the README table',
     lambda a, h, t: re.match(r'^#[^#]+#$', t) is not None),
    ('keyword link to the source site\'s platform section (异次元 /os/), not in the README table',
     lambda a, h, t: re.match(r'^https?://www\.iplaysoft\.com/os/', h) is not None),
    ('short keyword link to the source site\'s /go/ affiliate redirect (异次元), like cnBeta\'s data-link',
     lambda a, h, t: re.match(r'^https?://www\.iplaysoft\.com/go/', h) is not None
        and len(t) <= 16 and 'button' not in a.cls() and not re.search(r'[！!：:，,。]', t)),
    ('link to a game page (奶牛关 /game/), like 3DMGame games links but not in the README table',
     lambda a, h, t: re.match(r'^https?://cowlevel\.net/game/', h) is not None),
    ('taxonomy term link of the source page (a field/listing label), not inline in the text',
     lambda a, h, t: any(c in ('field__item', 'listing-details') for c in (a.parent.cls() if a.parent else []))),
    ('address looks like a tag/topic/keyword/search page; no known tag-link markup',
     lambda a, h, t: re.search(r'(/tags?/|/topics?/|/keywords?/|/hashtag/|[?&](q|kw|keyword|wd|query|tag)=|'
                               r'/search\b|stockcode=|/quotes/)', h, re.I) is not None and len(t) <= 20),
]

URLISH = re.compile(r'^(https?://|www\.)\S+$', re.I)
# Words that make a link a reference (原文, download, ...), never a keyword.
REFERENCE = re.compile(r'原文|原帖|原链接|链接|下载|点击|点此|传送门|查看|详情|阅读|全文|报名|网页|'
                       r'download|read more', re.I)
SENTENCE = re.compile(r'[：:，,。！!？?|｜>»]')


def keyword_like(t):
    return len(t) <= 20 and not REFERENCE.search(t) and not SENTENCE.search(t)


def classify_link(a, href, text):
    """Return (rule name, None) for a topic, (None, reason) for a doubtful link,
    (None, None) for an ordinary link."""
    if not text or URLISH.match(text) or text == href:
        return None, None
    for name, rule in MARKUP_RULES:
        if rule(a, href, text):
            return name, None
    for name, rule in ADDRESS_RULES:
        if rule(a, href, text):
            if keyword_like(text):
                return name, None
            return None, 'address matches tag rule %s but the text reads as a sentence or reference' % name
    if REFERENCE.search(text):
        return None, None
    for reason, rule in DOUBTFUL_RULES:
        if rule(a, href, text):
            return None, reason
    return None, None


# --------------------------------------------------------------------------
# Body reading
# --------------------------------------------------------------------------

TAGLIKE = re.compile(r'</?[a-zA-Z][a-zA-Z0-9:-]*(\s[^<>]*)?/?>|<!--')


def in_code(n):
    return any(x.tag in ('pre', 'code', 'xmp') for x in [n] + list(n.ancestors()))


def escaped_text_nodes(body):
    """Text nodes that show the feed's own markup as literal tags."""
    found = []
    for n in body.walk():
        if n.tag in SKIP_TEXT:
            continue
        for c in n.children:
            if isinstance(c, str) and len(TAGLIKE.findall(c)) >= 1 and in_code(n):
                found.append((n, c))
    return found


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def esc_attr(s):
    return s.replace('&', '&amp;').replace('"', '&quot;')


def serialize_intended(node, escaped_ids, out):
    """Re-emit the body as HTML, letting escaped markup become markup again and
    dropping the <pre><code> a Markdown renderer wrapped around it."""
    for c in node.children:
        if isinstance(c, str):
            out.append(c if (id(node), c) in escaped_ids else esc(c))
            continue
        wrapper = c.tag in ('pre', 'code') and any(
            (id(x), t) in escaped_ids for x in c.walk() for t in x.children if isinstance(t, str))
        if wrapper:
            serialize_intended(c, escaped_ids, out)
            continue
        attrs = ''.join(' %s="%s"' % (k, esc_attr(v)) for k, v in c.attrs.items())
        out.append('<%s%s>' % (c.tag, attrs))
        if c.tag in SKIP_TEXT:
            # keep raw-text content out of the re-parse
            out.append('</%s>' % c.tag)
            continue
        if c.tag not in VOID:
            serialize_intended(c, escaped_ids, out)
            out.append('</%s>' % c.tag)


def read_body(body, base):
    """Images, videos, topics, doubtful links and text of a body tree."""
    images, videos, topics, doubtful = [], [], [], []
    seen_topics = set()
    kinds = []
    skipped = []
    for n in body.walk():
        if any(x.tag in ('noscript', 'template') for x in n.ancestors()):
            continue
        if n.tag == 'img':
            src, _ = image_source(n)
            if src is None:
                skipped.append(n.raw)
                continue
            url, _ = unproxy(src.strip())
            images.append({'url': absolute(url, base)})
        elif n.tag == 'video':
            src = n.attrs.get('src') or n.attrs.get('data-src') or ''
            if not usable(src):
                for s in n.walk():
                    if s.tag == 'source' and usable(s.attrs.get('src', '')):
                        src = s.attrs['src']
                        break
            if usable(src):
                videos.append({'url': absolute(unproxy(src.strip())[0], base)})
        elif n.tag == 'a' and 'href' in n.attrs:
            raw_href = n.attrs['href'].strip()
            if not raw_href or raw_href.startswith(('#', 'javascript:', 'mailto:')):
                continue
            href = unwrap_link(absolute(raw_href, base))
            text = text_of(n)
            kind, reason = classify_link(n, href, text)
            if kind:
                key = (text, href)
                if key not in seen_topics:
                    seen_topics.add(key)
                    topics.append({'text': text, 'href': href})
                    kinds.append(kind)
            elif reason:
                d = {'text': text, 'href': href, 'reason': reason}
                if d not in doubtful:
                    doubtful.append(d)
    return images, videos, topics, kinds, doubtful, skipped


def read_content(body, base):
    images, videos, topics, kinds, doubtful, skipped = read_body(body, base)
    res = {
        'images': images,
        'videos': videos,
        'topics': topics,
        'topicKinds': kinds,
        'doubtful': doubtful,
        'text': text_of(body),
        'escaped': False,
    }
    esc_nodes = escaped_text_nodes(body)
    if esc_nodes:
        ids = {(id(n), c) for n, c in esc_nodes}
        out = []
        serialize_intended(body, ids, out)
        intended = build_tree(tokenize(''.join(out)))
        res['escaped'] = True
        res['text_as_shown'] = res['text']
        res['text'] = text_of(intended)
        # Images and links inside the escaped markup are text on the page:
        # reported apart, never in images/topics.
        e_images = read_body(intended, base)[0]
        shown = [i['url'] for i in images]
        extra = list(e_images)
        for u in shown:
            for i, e in enumerate(extra):
                if e['url'] == u:
                    del extra[i]
                    break
        res['escapedImages'] = extra
    if skipped:
        res['imagesWithoutSource'] = len(skipped)
    return res


# --------------------------------------------------------------------------
# Rendered pages
# --------------------------------------------------------------------------

def find(root, pred):
    for n in root.walk():
        if pred(n):
            return n
    return None


def cover_of(src):
    if not src:
        return None
    url, proxied = unproxy(src.strip())
    host = urlsplit(url).hostname or ''
    return {'url': url, 'placeholder': host == 'picsum.photos', 'proxied': proxied}


def read_rendered(path):
    name = os.path.splitext(os.path.basename(path))[0]
    base = '%s/p/%s.html' % (SITE, name)
    events = tokenize(open(path, encoding='utf-8').read())
    # The theme part of the page is well formed: build the whole tree for the metadata.
    doc = build_tree(events)
    art = find(doc, lambda n: n.tag == 'article' and n.attrs.get('id') == 'post')
    if art is None:
        return None
    top = find(art, lambda n: n.tag == 'div' and n.attrs.get('id') == 'top')
    h1 = find(top, lambda n: n.tag == 'h1' and 'title' in n.cls())
    cat = find(top, lambda n: 'new-meta-item' in n.cls() and 'category' in n.cls())
    cats = [text_of(a) for a in cat.walk() if a.tag == 'a' and 'category-link' in a.cls()] if cat else []
    date = find(top, lambda n: 'new-meta-item' in n.cls() and 'date' in n.cls())
    published = None
    if date is not None:
        m = re.search(r'(\d{4})年(\d{1,2})月(\d{1,2})日', text_of(date))
        if m:
            published = '%s-%02d-%02d' % (m.group(1), int(m.group(2)), int(m.group(3)))
    head = find(art, lambda n: n.tag == 'img' and 'headimg' in n.cls())

    # The body, in DOCUMENT ORDER: from the <div> start tag that follows div#top
    # to the start of the theme's div.footer. Feed markup is often unbalanced, so a
    # tree boundary is unreliable (in 86d3 the footer ends up inside the feed's divs).
    i = 0
    while not (events[i][0] == 'start' and events[i][1] == 'div' and events[i][2].get('id') == 'top'):
        i += 1
    depth = 0
    j = i
    while True:
        e = events[j]
        if e[0] == 'start' and e[1] == 'div':
            depth += 1
        elif e[0] == 'end' and e[1] == 'div':
            depth -= 1
            if depth == 0:
                break
        j += 1
    k = j + 1
    while events[k][0] == 'text' and not events[k][1].strip():
        k += 1
    assert events[k][0] == 'start' and events[k][1] == 'div' and not events[k][2], (path, events[k])
    end = k + 1
    while not (events[end][0] == 'start' and events[end][1] == 'div'
               and 'footer' in (events[end][2].get('class') or '').split()):
        end += 1
    body = build_tree(events[k + 1:end], 'div')

    res = {
        'article': True,
        'source': 'rendered/p/%s.html' % name,
        'url': base,
        'title': text_of(h1) if h1 else None,
        'categories': cats,
        'published': published,
        'cover': cover_of(head.attrs.get('src')) if head is not None else None,
    }
    res.update(read_content(body, base))
    return res


# --------------------------------------------------------------------------
# Posts (Markdown sources: front matter + raw feed HTML)
# --------------------------------------------------------------------------

def fm_value(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == "'" and v[-1] == "'":
        v = v[1:-1].replace("''", "'")
    elif len(v) >= 2 and v[0] == '"' and v[-1] == '"':
        # the generator wraps titles holding ' in "..." WITHOUT escaping anything
        v = v[1:-1]
    return v.replace('&#123;', '{').replace('&#125;', '}')


def parse_front_matter(text):
    lines = text.split('\n')
    while lines and not lines[0].strip():
        lines.pop(0)
    assert lines[0].strip() == '---'
    fm = {}
    key = None
    n = 1
    while lines[n].strip() != '---':
        line = lines[n]
        m = re.match(r'^([A-Za-z_][\w-]*):(.*)$', line)
        if m and not line.startswith(' '):
            key = m.group(1)
            val = m.group(2).strip()
            fm[key] = fm_value(val) if val else []
        elif re.match(r'^\s*-\s', line) and key is not None:
            if not isinstance(fm[key], list):
                fm[key] = []
            fm[key].append(fm_value(re.sub(r'^\s*-\s', '', line)))
        n += 1
    return fm, '\n'.join(lines[n + 1:])


MONTHS = {m: i + 1 for i, m in enumerate(
    ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'])}


def published_of(raw):
    m = re.match(r'^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) \d\d:\d\d(:\d\d)? (GMT|UTC|\+0000|Z)$', raw)
    if m and m.group(2) in MONTHS:
        return '%s-%02d-%02d' % (m.group(3), MONTHS[m.group(2)], int(m.group(1)))
    m = re.match(r'^(\d{4})-(\d{2})-(\d{2})([ T]\d\d:\d\d(:\d\d)?)?$', raw)
    if m:
        return '%s-%s-%s' % m.group(1, 2, 3)
    return None


def read_post(path, rel):
    text = open(path, encoding='utf-8').read()
    fm, body_html = parse_front_matter(text)
    cover = fm.get('headimg')
    res = {
        'article': True,
        'source': rel,
        'title': fm.get('title'),
        'categories': fm.get('categories') if isinstance(fm.get('categories'), list) else [],
        'author': fm.get('author'),
        'date': fm.get('date'),
        'published': published_of(fm.get('date') or ''),
        'cover': cover_of(cover) if isinstance(cover, str) and cover else None,
    }
    # The generator left a stray '+' before some bodies (post 082): not the feed's text.
    body_html = re.sub(r'^(\s*(?:<div>\s*)?)\+(?=\s*<)', r'\1', body_html)
    body = build_tree(tokenize(body_html), '#body')
    res.update(read_content(body, None))
    return res


# --------------------------------------------------------------------------

def finish(res):
    blob = json.dumps(res, ensure_ascii=False)
    res['noProxyLeft'] = PROXY_HOST not in blob
    return res


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write('\n')


def main(corpus, out):
    summary = {'rendered': [], 'posts': []}
    listing = sorted(glob.glob(os.path.join(corpus, 'rendered/listing/*.html')))
    for p in sorted(glob.glob(os.path.join(corpus, 'rendered/p/*.html'))):
        res = finish(read_rendered(p))
        name = os.path.splitext(os.path.basename(p))[0]
        write(os.path.join(out, 'rendered', name + '.json'), res)
        summary['rendered'].append((name, res))
    for p in sorted(glob.glob(os.path.join(corpus, 'rendered/listing/*.html'))):
        name = os.path.splitext(os.path.basename(p))[0]
        # sanity: the same reader must find no article on a listing page
        assert read_rendered(p) is None, p
        write(os.path.join(out, 'listing', name + '.json'), {'article': False})

    posts = sorted(glob.glob(os.path.join(corpus, 'posts/*.md'))) + \
        sorted(glob.glob(os.path.join(corpus, 'seed/*.md')))
    for p in posts:
        rel = os.path.relpath(p, corpus)
        name = os.path.splitext(os.path.basename(p))[0]
        res = finish(read_post(p, rel))
        write(os.path.join(out, 'posts', name + '.json'), res)
        summary['posts'].append((name, res))
    print('== listing: %d pages, all {"article": false}' % len(listing))
    report(summary, corpus)


def report(summary, corpus):
    from collections import Counter
    for kind, items in summary.items():
        print('== %s: %d pages' % (kind, len(items)))
        print('  title: %d, categories with 3 levels: %d, published: %d, cover: %d, non-empty text: %d' % (
            sum(1 for _, r in items if r['title']),
            sum(1 for _, r in items if len(r['categories']) == 3),
            sum(1 for _, r in items if r['published']),
            sum(1 for _, r in items if r['cover']),
            sum(1 for _, r in items if r['text'])))
        print('  zero images: %d' % sum(1 for _, r in items if not r['images']))
        print('  images total: %d' % sum(len(r['images']) for _, r in items))
        print('  videos total: %d' % sum(len(r['videos']) for _, r in items))
        print('  with cover: %d (placeholder %d, proxied %d)' % (
            sum(1 for _, r in items if r['cover']),
            sum(1 for _, r in items if r['cover'] and r['cover']['placeholder']),
            sum(1 for _, r in items if r['cover'] and r['cover']['proxied'])))
        print('  published null: %d' % sum(1 for _, r in items if not r['published']))
        print('  escaped: %s' % [n for n, r in items if r['escaped']])
        print('  empty text: %s' % [n for n, r in items if not r['text']])
        print('  noProxyLeft false: %s' % [n for n, r in items if not r['noProxyLeft']])
        print('  images_without_source: %s' % [(n, r['imagesWithoutSource']) for n, r in items
                                                if r.get('imagesWithoutSource')])
        tk = Counter(k for _, r in items for k in r['topicKinds'])
        print('  topics: %d on %d pages, by kind %s' % (
            sum(len(r['topics']) for _, r in items), sum(1 for _, r in items if r['topics']),
            dict(sorted(tk.items()))))
        dk = Counter(d['reason'] for _, r in items for d in r['doubtful'])
        print('  doubtful: %d, by reason %s' % (sum(dk.values()), dict(dk)))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
