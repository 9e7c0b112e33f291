/** Stable `data-testid`s of the work-order screens (e2e specs and component tests use them). */
export const WORK_ORDER_TEST_IDS = {
  workspace: 'wo-workspace',
  filterState: 'wo-filter-state',
  filterType: 'wo-filter-type',
  filterOverdue: 'wo-filter-overdue',
  list: 'wo-list',
  /** Each row carries data-number. */
  row: 'wo-row',
  detail: 'wo-detail',
  number: 'wo-number',
  state: 'wo-state',
  /** `wo-move-<state>` for each allowed move. */
  movePrefix: 'wo-move-',
  moveNote: 'wo-move-note',
  message: 'wo-message',
  history: 'wo-history',
  noteText: 'wo-note-text',
  noteAdd: 'wo-note-add',
  assignMe: 'wo-assign-me',
  feedbackChannel: 'wo-feedback-channel',
  feedbackText: 'wo-feedback-text',
  feedbackSend: 'wo-feedback-send',
  createOpen: 'wo-create-open',
  createDialog: 'wo-create-dialog',
  createType: 'wo-create-type',
  /** `wo-field-<name>` for each field of the chosen type. */
  fieldPrefix: 'wo-field-',
  createSubmit: 'wo-create-submit',
  createError: 'wo-create-error',
  created: 'wo-created',
  escalation: 'wo-escalation',
} as const;
