// Stress tests in a real Firefox (one browser for the file): the subset that needs no DevTools protocol — every
// article cleaned exactly once through a pjax storm, the page restored exactly after 100 reader cycles, the
// reader under a strict CSP, huge and strange pages (times, a working page, no exception). Listener, observer
// and memory counts are Chromium's (stress.test.ts). See stress-suite.ts.
import { stressSuite } from './stress-suite';

stressSuite('firefox');
