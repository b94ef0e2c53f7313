// Node-only: the end-to-end harness the apps' e2e tests share.
export { describeE2e, missingPrerequisites, screenshotPath, startE2eStack, useE2eStack, type E2eStack } from './harness.js';
