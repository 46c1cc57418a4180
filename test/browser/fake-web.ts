// The pretend Internet of the browser tests: scripts/lib/test-web.mjs, shared with the benchmark, `npm start` and
// the screenshot scripts. Re-exported here under the names the tests use.
export {
  TestWeb as FakeWeb,
  interceptPage,
  startProxy,
  SITE_HOST,
  PROXY_HOST,
  type Answer,
  type Decision,
  type ProxyServer,
  type ResourceKind,
  type Scenario,
} from '../../scripts/lib/test-web.mjs';
