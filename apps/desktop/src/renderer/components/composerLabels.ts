import type { TFunction } from 'i18next';
import type { ComposerLabels } from '@omnicc/ui';

/** The words of a chat-style composer (chat and SMS): the channel gives its own name and placeholder, the rest is shared. */
export function composerLabels(t: TFunction, own: { label: string; placeholder: string }): ComposerLabels {
  return {
    ...own,
    send: t('composer.send'),
    count: (count, max) => t('composer.count', { count, max }),
    tooLong: (count) => t('composer.tooLong', { count }),
    hint: t('composer.hint'),
  };
}
