// The extension in a real Chromium (headless, one browser for the file). See suite.ts for the tests.
import { extensionSuite } from './suite';

extensionSuite('chromium');
