export { runFlowTests, type FlowTestReport, type FlowTestResult, type FlowTestFailure } from './runFlowTests.js';
