import { useTranslation } from 'react-i18next';
import type { CustomerView } from '@omnicc/shared';
import { ChannelIcon } from '@omnicc/ui';
import { useSessionStore } from '../../stores/sessionStore.js';
import { TEST_IDS } from '../../testIds.js';
import { useLocale } from '../useLocale.js';
import { CardSection } from './CardSections.js';
import { formatWhen } from './customerText.js';

/** How many past interactions the card lists; the view carries the last 20. */
const SHOWN = 8;

/** The unified timeline (接触历史): the last interactions on every channel, newest first. */
export function CustomerTimeline({ view, currentId }: { view: CustomerView; currentId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispositions = useSessionStore((s) => s.dictionaries?.dispositions);
  // The interaction being handled is not history yet.
  const entries = view.timeline.filter((e) => e.interactionId !== currentId).slice(0, SHOWN);
  return (
    <CardSection title={t('customer.timeline')} testId={TEST_IDS.customerTimeline}>
      {(id) =>
        entries.length === 0 ? (
          <p className="customer-card__empty">{t('customer.noTimeline')}</p>
        ) : (
          <ol className="customer-card__list customer-timeline" aria-labelledby={id}>
            {entries.map((e) => (
              <li key={e.interactionId} className="customer-timeline__entry" data-channel={e.channel}>
                <span className="customer-timeline__icon">
                  <ChannelIcon channel={e.channel} label={t(`channel.${e.channel}`)} />
                </span>
                <span className="customer-timeline__what">
                  <span className="customer-timeline__head">
                    <time dateTime={e.at}>{formatWhen(e.at, locale.language)}</time>
                    <span className="customer-card__muted">{e.queueId}</span>
                    {e.agent ? <span className="customer-card__muted">{e.agent.name}</span> : null}
                  </span>
                  {e.dispositionCode ? (
                    <span className="customer-timeline__disposition">{locale.label(dispositions?.find((d) => d.code === e.dispositionCode), e.dispositionCode)}</span>
                  ) : null}
                  {e.summary ? <span className="customer-timeline__summary">{e.summary}</span> : null}
                </span>
              </li>
            ))}
          </ol>
        )
      }
    </CardSection>
  );
}
