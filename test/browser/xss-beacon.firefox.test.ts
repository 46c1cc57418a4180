// XSS in real Firefox ESR with an execution beacon: a subset of the vectors (every family and slot), the page alone
// (no extension) against the page with the extension (cleaned in place, reader mode, popup); then "no traffic of
// our own". See xss-beacon-suite.ts; the Chromium file runs every vector.
import { FIREFOX_SUBSET, ownTrafficSuite, vectorsById, xssBeaconSuite } from './xss-beacon-suite';

xssBeaconSuite({
  kind: 'firefox',
  vectors: vectorsById(FIREFOX_SUBSET),
  mustFireAlone: ['img-onerror', 'svg-onload', 'script-inline', 'script-src', 'iframe-srcdoc'],
});

ownTrafficSuite('firefox');
