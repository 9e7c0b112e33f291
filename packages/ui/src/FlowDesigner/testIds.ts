/**
 * Stable `data-testid` values of the flow designer, for the desktop's
 * Playwright specs and the unit tests. Elements that repeat carry a
 * `data-*` attribute naming which one (see each entry).
 */
export const FLOW_TEST_IDS = {
  root: 'flow-designer',
  canvas: 'flow-canvas',
  /** Palette items carry data-kind. */
  paletteItem: 'flow-palette-item',
  dragGhost: 'flow-drag-ghost',
  /** Node bodies carry data-node-id, data-kind and data-diff (added / changed / removed) when comparing. */
  node: 'flow-node',
  /** Port handles carry data-port; the target handle is `in`. */
  handle: 'flow-handle',
  nodeBadge: 'flow-node-badge',
  /** Edge captions carry data-edge-id. */
  edgeLabel: 'flow-edge-label',
  // toolbar
  undo: 'flow-undo',
  redo: 'flow-redo',
  copy: 'flow-copy',
  paste: 'flow-paste',
  delete: 'flow-delete',
  layout: 'flow-layout',
  fit: 'flow-fit',
  connect: 'flow-connect',
  shortcuts: 'flow-shortcuts',
  shortcutsDialog: 'flow-shortcuts-dialog',
  /** Tabs carry data-tab (properties, variables, tests, problems, simulate, changes). */
  tab: 'flow-tab',
  panel: 'flow-panel',
  // property forms: one test id per field, named after the document path it edits
  propLabel: 'flow-prop-label',
  propText: 'flow-prop-text',
  propPrompt: 'flow-prop-prompt',
  /** Repeated per ask field; carries data-index. */
  askField: 'flow-ask-field',
  askFieldVariable: 'flow-ask-field-variable',
  askFieldLabel: 'flow-ask-field-label',
  askFieldInput: 'flow-ask-field-input',
  askFieldRequired: 'flow-ask-field-required',
  askFieldChoices: 'flow-ask-field-choices',
  askAddField: 'flow-ask-add-field',
  declareVariable: 'flow-declare-variable',
  addInId: 'flow-prop-add-in',
  addInOperation: 'flow-prop-operation',
  /** Carries data-name. */
  addInInput: 'flow-prop-add-in-input',
  /** Carries data-name (the output field). */
  addInOutput: 'flow-prop-add-in-output',
  addInTimeout: 'flow-prop-add-in-timeout',
  assignmentVariable: 'flow-assignment-variable',
  assignmentValue: 'flow-assignment-value',
  addAssignment: 'flow-add-assignment',
  workOrderType: 'flow-prop-work-order-type',
  /** Carries data-name. */
  workOrderField: 'flow-prop-work-order-field',
  workOrderResult: 'flow-prop-work-order-result',
  messageChannel: 'flow-prop-channel',
  messageTo: 'flow-prop-to',
  messageSubject: 'flow-prop-subject',
  messageBody: 'flow-prop-body',
  transferQueue: 'flow-prop-queue',
  waitTimeout: 'flow-prop-wait-timeout',
  waitReplyVariable: 'flow-prop-reply-variable',
  endDisposition: 'flow-prop-disposition',
  edgeGuard: 'flow-edge-guard',
  edgePriority: 'flow-edge-priority',
  edgeLabelInput: 'flow-edge-label-input',
  remove: 'flow-remove',
  // variables panel; rows carry data-index
  variableRow: 'flow-variable-row',
  variableAdd: 'flow-variable-add',
  variableName: 'flow-variable-name',
  variableType: 'flow-variable-type',
  variableLabel: 'flow-variable-label',
  variableChoices: 'flow-variable-choices',
  variableInitial: 'flow-variable-initial',
  // tests panel; cases carry data-test-id
  testCase: 'flow-test-case',
  testAdd: 'flow-test-add',
  testRecord: 'flow-test-record',
  testRun: 'flow-test-run',
  testReport: 'flow-test-report',
  /** Carries data-passed (true / false). */
  testResult: 'flow-test-result',
  testName: 'flow-test-name',
  testPath: 'flow-test-path',
  testDisposition: 'flow-test-disposition',
  // problems; items carry data-code, data-node-id / data-edge-id
  problemsList: 'flow-problems',
  problem: 'flow-problem',
  // simulation
  simStart: 'flow-sim-start',
  simRestart: 'flow-sim-restart',
  simBlocked: 'flow-sim-blocked',
  simStep: 'flow-sim-step',
  simNext: 'flow-sim-next',
  /** Carries data-variable. */
  simAskInput: 'flow-sim-ask-input',
  simSubmit: 'flow-sim-submit',
  simReply: 'flow-sim-reply',
  simSendReply: 'flow-sim-send-reply',
  simTimeout: 'flow-sim-timeout',
  /** Carries data-outcome (ok / timeout / error). */
  simEffect: 'flow-sim-effect',
  /** Carries data-field. */
  simEffectOutput: 'flow-sim-effect-output',
  simOutcome: 'flow-sim-outcome',
  simError: 'flow-sim-error',
  /** Rows carry data-variable. */
  simVariable: 'flow-sim-variable',
  simSaveTest: 'flow-sim-save-test',
  // diff list; items carry data-status and data-node-id / data-edge-id
  diffItem: 'flow-diff-item',
  // connect dialog
  connectDialog: 'flow-connect-dialog',
  connectPort: 'flow-connect-port',
  connectTarget: 'flow-connect-target',
  connectSubmit: 'flow-connect-submit',
} as const;
