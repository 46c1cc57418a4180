// The extension in a real Firefox ESR (headless, one browser for the file). See suite.ts for the tests.
import { extensionSuite } from './suite';

extensionSuite('firefox');
