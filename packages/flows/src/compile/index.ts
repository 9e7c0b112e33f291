export { compile, FlowCompileError, type CompiledFlow } from './compile.js';
export { canonicalJson, fnv1a64, flowHash, executableParts } from './hash.js';
export { STEP_LIMIT, FAILED_STATE, type FlowMachine, type FlowMachineContext, type FlowMachineEvent, type FlowMachineInput } from './machine.js';
export { WORK_ORDER_NUMBER_OUTPUT, type FlowProgram } from './program.js';
