// Bugs the XSS and fuzz runs found, one focused test each (each failed before its fix).
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core';
import { classifyTagLink } from '../../src/core/tag-links';
import { buildPage } from '../helpers/page-builder';

const URL = 'https://news.zfe.space/p/regression.html';

function page(html: string) {
  const dom = new JSDOM(html, { url: URL });
  return { doc: dom.window.document, win: dom.window as unknown as Window };
}

describe('tag links: an href that runs script, reads local data or has no authority makes no tag link (no topic)', () => {
  it.each(['vbscript:msgbox(1)', 'vbscript://x/msgbox(1)', 'file:///etc/passwd', 'file://server/share', 'blob:https://x.ofweek.com/0b1c', 'about:blank', 'view-source:https://x.ofweek.com/'])(
    '%s',
    (href) => {
      const { doc } = page(`<p><a class="s_tag" href="${href}">苹果</a></p>`);
      expect(classifyTagLink(doc.querySelector('a')!)).toBeNull();
      const built = page(buildPage({ title: 't', body: '<p>正文</p>', tagLinks: [{ style: 'ofweek', text: '芯片', href }] }));
      const a = extract(built.doc, { win: built.win });
      expect(a.topics).toEqual([]);
      expect(a.text).toContain('芯片');
    },
  );
});
