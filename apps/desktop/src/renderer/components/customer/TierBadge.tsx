import { useTranslation } from 'react-i18next';
import type { Tier } from '@omnicc/shared';
import { TEST_IDS } from '../../testIds.js';

/** The customer's tier (客户分层) in the glossary's words, one calm colour per tier. */
export function TierBadge({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  return (
    <span className={`tier-badge tier-badge--${tier}`} data-testid={TEST_IDS.customerTier} data-tier={tier}>
      {t(`customer.tier.${tier}`)}
    </span>
  );
}
