/** The service-flow designer: the component, its test ids and the types a host needs. */
export { FlowDesigner, type FlowDesignerProps } from './FlowDesigner.js';
export { FLOW_TEST_IDS } from './testIds.js';
export type { Selection as FlowSelection } from './model/designerStore.js';
export type { DesignerLocale } from './messages/index.js';
