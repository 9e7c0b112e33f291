/**
 * Reusable, language-agnostic components of the agent desktop. They take
 * their words as `labels` props, so the app's i18n stays in the app.
 */
import './theme/theme.css';

export { useNow } from './useNow/useNow.js';
export { ChannelIcon, type ChannelIconProps } from './ChannelIcon/ChannelIcon.js';
export { OfferItem, secondsLeft, type OfferItemProps, type OfferItemLabels } from './OfferItem/OfferItem.js';
export { DeliveryStatus, type DeliveryStatusProps, type DeliveryStatusValue } from './DeliveryStatus/DeliveryStatus.js';
export { ChatBubble, type ChatBubbleProps } from './ChatBubble/ChatBubble.js';
export { Composer, isSendKey, type ComposerProps, type ComposerLabels } from './Composer/Composer.js';
export { Dialog, type DialogProps } from './Dialog/Dialog.js';
export { WrapUpDialog, type WrapUpDialogProps, type WrapUpLabels, type WrapUpOption, type WrapUpValue } from './WrapUpDialog/WrapUpDialog.js';
export { TransferDialog, type TransferDialogProps, type TransferLabels, type TransferOption } from './TransferDialog/TransferDialog.js';
export { MenuButton, type MenuButtonProps, type MenuItem } from './MenuButton/MenuButton.js';
export { ElapsedTimer, formatElapsed, type ElapsedTimerProps } from './ElapsedTimer/ElapsedTimer.js';
export { EmptyState, type EmptyStateProps } from './EmptyState/EmptyState.js';
// The flow designer (FlowDesigner/index.ts) is not re-exported here: apps import it from its own entry
// (`@omnicc/ui/flow-designer`) and load it lazily, so the agent's bundle does not carry React Flow and dagre.
// It owns its words (en and zh-CN, chosen by its `locale` prop).
