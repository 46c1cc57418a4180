// XSS in real Chromium with an execution beacon: every vector of test/security/xss-vectors.ts, the page alone (no
// extension) against the page with the extension (cleaned in place, reader mode, popup); then "no traffic of our
// own". One plain browser and two with the extension, one after the other. See xss-beacon-suite.ts.
import { XSS_VECTORS } from '../security/xss-vectors';
import { ownTrafficSuite, xssBeaconSuite } from './xss-beacon-suite';

xssBeaconSuite({
  kind: 'chromium',
  vectors: XSS_VECTORS,
  mustFireAlone: ['img-onerror', 'svg-onload', 'script-inline', 'script-src', 'details-ontoggle', 'iframe-srcdoc', 'noscript-title'],
});

ownTrafficSuite('chromium');
