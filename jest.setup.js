/* global jest */
// The time limit of the jest project this test file belongs to (see jest.config.js).
jest.setTimeout(globalThis.testTimeoutMs);
