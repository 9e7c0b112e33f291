/**
 * Stable `data-testid` values for the Playwright e2e specs. Change a value
 * here and the specs follow; never rename one without updating them.
 */
export const TEST_IDS = {
  // login screen
  loginUsername: 'login-username',
  loginPassword: 'login-password',
  loginSubmit: 'login-submit',
  loginError: 'login-error',
  // top bar
  statusReady: 'status-ready',
  statusNotReady: 'status-not-ready',
  /** Prefix of each not-ready reason menu item: `reason-<code>`; see {@link reasonTestId}. */
  reasonPrefix: 'reason-',
  statusLabel: 'status-label',
  statusTimer: 'status-timer',
  languageSwitch: 'language-switch',
  logout: 'logout',
  shortcutsButton: 'shortcuts-button',
  shortcutsDialog: 'shortcuts-dialog',
  // inbox; items carry data-offer-id / data-interaction-id
  offerItem: 'offer-item',
  offerAccept: 'offer-accept',
  offerReject: 'offer-reject',
  inboxItem: 'inbox-item',
  // conversation; messages carry data-sender and data-message-id
  conversation: 'conversation',
  messageList: 'message-list',
  message: 'message',
  typingIndicator: 'typing-indicator',
  composer: 'composer',
  sendButton: 'send-button',
  endChat: 'end-chat',
  openWrapUp: 'open-wrap-up',
  transferOpen: 'transfer-open',
  // transfer dialog; options carry data-key ("queue:<id>" / "agent:<id>")
  transferDialog: 'transfer-dialog',
  transferFilter: 'transfer-filter',
  transferQueue: 'transfer-queue',
  transferAgent: 'transfer-agent',
  transferSubmit: 'transfer-submit',
  transferError: 'transfer-error',
  // wrap-up dialog
  wrapUpDialog: 'wrap-up-dialog',
  wrapUpDisposition: 'wrap-up-disposition',
  wrapUpNote: 'wrap-up-note',
  wrapUpSubmit: 'wrap-up-submit',
  // softphone: status in the top bar, the call bar (data-phase, data-call-id), keypad keys carry data-tone
  softphoneStatus: 'softphone-status',
  dialOpen: 'dial-open',
  customerCall: 'customer-call',
  dialDialog: 'dial-dialog',
  callBar: 'call-bar',
  callParty: 'call-party',
  callTimer: 'call-timer',
  callHold: 'call-hold',
  callMute: 'call-mute',
  callKeypad: 'call-keypad',
  /** Transfer and Consult open the transfer dialog (transferDialog, transferQueue, transferAgent, transferSubmit) for the call. */
  callTransfer: 'call-transfer',
  callConsult: 'call-consult',
  callHangUp: 'call-hang-up',
  /** The consult line under the call bar (data-phase, data-call-id) and its buttons. */
  callConsultBar: 'call-consult-bar',
  callConsultComplete: 'call-consult-complete',
  callConsultCancel: 'call-consult-cancel',
  dtmfKeypad: 'dtmf-keypad',
  // email view; messages carry data-message-id and data-direction, delivery badges data-delivery
  emailAttachment: 'email-attachment',
  emailAttachments: 'email-attachments',
  emailBodyFrame: 'email-body-frame',
  emailDelivery: 'email-delivery',
  emailForwardTo: 'email-forward-to',
  emailImagesBlocked: 'email-images-blocked',
  emailMessage: 'email-message',
  emailMessageToggle: 'email-message-toggle',
  emailQuoteToggle: 'email-quote-toggle',
  emailReplyText: 'email-reply-text',
  emailSend: 'email-send',
  emailSendError: 'email-send-error',
  emailShowImages: 'email-show-images',
  emailStatus: 'email-status',
  emailView: 'email-view',
  // SMS view
  smsView: 'sms-view',
  smsStatus: 'sms-status',
  smsOptedOut: 'sms-opted-out',
  smsCost: 'sms-cost',
  smsSendError: 'sms-send-error',
  // canned responses (常用语); options carry aria-selected
  cannedOpen: 'canned-open',
  cannedDialog: 'canned-dialog',
  cannedFilter: 'canned-filter',
  cannedOption: 'canned-option',
  cannedPreview: 'canned-preview',
  // service flow panel (data-state: loading, none, collapsed, waiting, finished, failed); the step carries data-kind and data-node-id, fields data-variable
  flowPanel: 'flow-run-panel',
  flowToggle: 'flow-run-toggle',
  flowName: 'flow-run-name',
  flowNotice: 'flow-run-notice',
  flowStep: 'flow-run-step',
  flowNext: 'flow-run-next',
  flowAskForm: 'flow-run-form',
  flowSubmit: 'flow-run-submit',
  flowFieldError: 'flow-run-field-error',
  flowCountdown: 'flow-run-countdown',
  flowResult: 'flow-run-result',
  flowOutcome: 'flow-run-outcome',
  flowPath: 'flow-run-path',
  // customer card (screen-pop)
  customerCard: 'customer-card',
  customerName: 'customer-name',
  customerTier: 'customer-tier',
  customerManager: 'customer-manager',
  customerWarnings: 'customer-warnings',
  customerPromotion: 'customer-promotion',
  customerBilling: 'customer-billing',
  customerSubscriptions: 'customer-subscriptions',
  customerWorkOrders: 'customer-work-orders',
  customerTimeline: 'customer-timeline',
  customerError: 'customer-error',
  customerUnknown: 'customer-unknown',
  customerCreate: 'customer-create',
  customerCreateForm: 'customer-create-form',
  customerSave: 'customer-save',
  customerLinkOpen: 'customer-link-open',
  customerLinkForm: 'customer-link-form',
  screenPop: 'screen-pop',
  screenPopAnnouncer: 'screen-pop-announcer',
  // app-wide
  connectionBanner: 'connection-banner',
  toast: 'offer-toast',
  errorNotice: 'error-notice',
} as const;

/** `data-testid` of the not-ready reason menu item for `code`. */
export const reasonTestId = (code: string): string => `${TEST_IDS.reasonPrefix}${code}`;

/** `data-testid` of the email composer's mode radio (`reply`, `replyAll`, `forward`). */
export const emailModeTestId = (mode: string): string => `email-mode-${mode}`;
