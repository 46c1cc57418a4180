// Stress tests in a real Chromium (one browser for the file): pjax storm, reader on/off ×100, strict CSP, huge and
// strange pages, with listeners, observers and memory read through the DevTools protocol. See stress-suite.ts.
import { stressSuite } from './stress-suite';

stressSuite('chromium');
