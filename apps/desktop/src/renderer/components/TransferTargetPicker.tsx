import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TransferDialog, type TransferOption } from '@omnicc/ui';
import type { TransferTargets } from '@omnicc/shared';
import type { Loaded, TransferTo } from '../network/actions.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { TEST_IDS } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { errorText } from './errorText.js';
import { useLocale } from './useLocale.js';

type TFn = ReturnType<typeof useTranslation>['t'];

/** Options of the dialog, keyed "queue:<id>" / "agent:<id>", and where each key transfers to. */
function toOptions(targets: TransferTargets, t: TFn, zh: boolean, selfId: string | undefined, agentsOnly: boolean) {
  const destinations = new Map<string, TransferTo>();
  const queues: TransferOption[] = agentsOnly
    ? []
    : targets.queues.map((q) => {
        const key = `queue:${q.queueId}`;
        destinations.set(key, { queueId: q.queueId });
        return {
          key,
          label: (zh ? q.nameZh : q.nameEn) || q.nameEn || q.nameZh || q.queueId,
          detail: t('transfer.waiting', { count: q.waiting }),
          // Either language's name finds the queue, whichever the UI shows.
          keywords: `${q.nameEn} ${q.nameZh} ${q.queueId}`,
          testId: TEST_IDS.transferQueue,
        };
      });
  const agents: TransferOption[] = targets.agents
    .filter((a) => a.agentId !== selfId)
    .map((a) => {
      const key = `agent:${a.agentId}`;
      destinations.set(key, { agentId: a.agentId });
      return {
        key,
        label: a.displayName,
        detail: t(`status.${a.status}`),
        status: a.status,
        // A transfer needs a colleague who can take it now; a consult only rings them, so being signed in is enough.
        unavailableReason: (agentsOnly ? a.status !== 'offline' : a.available) ? undefined : t(`transfer.reason.${a.status}`),
        testId: TEST_IDS.transferAgent,
      };
    });
  return { queues, agents, destinations };
}

export interface TransferTargetPickerProps {
  interactionId: string;
  title: string;
  description?: string | undefined;
  /** A consult rings a colleague: a queue cannot be consulted, and any colleague signed in can be (busy or in after-call time too). */
  agentsOnly?: boolean | undefined;
  /** Why the last pick failed, in words. */
  error?: string | undefined;
  /** The button's words when it does not transfer (consult: "Call"). */
  submitLabels?: { submit: string; submitting: string } | undefined;
  /** Carries out the pick; false keeps the dialog open (the error says why) and reloads the targets. */
  onPick: (to: TransferTo) => Promise<boolean>;
  onCancel: () => void;
}

/**
 * The queues and agents an interaction can go to now (transfer:targets),
 * in the shared TransferDialog: used for chats (转接) and, from the call
 * bar, for a call's blind transfer and consult (咨询).
 */
export function TransferTargetPicker(props: TransferTargetPickerProps) {
  const { interactionId, agentsOnly = false, onPick } = props;
  const { t } = useTranslation();
  const { language } = useLocale();
  const actions = useActions();
  const selfId = useSessionStore((s) => s.session?.user.id);
  const [targets, setTargets] = useState<Loaded<TransferTargets> | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);

  // Only the newest request may fill the list; closing the dialog voids them all.
  const requestSeq = useRef(0);
  const load = useCallback(() => {
    const request = ++requestSeq.current;
    void actions.loadTransferTargets(interactionId).then((result) => {
      if (request === requestSeq.current) setTargets(result);
    });
  }, [actions, interactionId]);
  useEffect(() => {
    load();
    return () => {
      requestSeq.current += 1;
    };
  }, [load]);

  const options = useMemo(
    () => (targets?.ok ? toOptions(targets.value, t, language === 'zh-CN', selfId, agentsOnly) : null),
    [targets, t, language, selfId, agentsOnly],
  );

  const pick = (key: string): void => {
    const to = options?.destinations.get(key);
    if (!to) return;
    setBusyKey(key);
    void onPick(to).then((ok) => {
      if (ok) return;
      setBusyKey(null);
      // Who can take it has likely changed (that is why it failed): show the list as it is now.
      load();
    });
  };

  const loadError = targets && !targets.ok ? errorText(t, 'transferTargets', targets.code) : undefined;

  return (
    <TransferDialog
      title={props.title}
      description={props.description}
      queues={options?.queues ?? null}
      agents={options?.agents ?? null}
      busyKey={busyKey}
      error={loadError ?? props.error}
      onRetry={
        targets && !targets.ok
          ? () => {
              setTargets(null);
              load();
            }
          : undefined
      }
      onPick={pick}
      onCancel={props.onCancel}
      labels={{
        filter: t('transfer.filter'),
        filterPlaceholder: t('transfer.filterPlaceholder'),
        list: t('transfer.list'),
        queues: t('transfer.queues'),
        agents: t('transfer.agents'),
        loading: t('transfer.loading'),
        empty: t('transfer.empty'),
        noMatch: (filter) => t('transfer.noMatch', { filter }),
        count: (count) => t('transfer.count', { count }),
        submit: props.submitLabels?.submit ?? t('transfer.submit'),
        submitting: props.submitLabels?.submitting ?? t('transfer.submitting'),
        cancel: t('transfer.cancel'),
        close: t('common.close'),
        retry: t('transfer.retry'),
      }}
      testIds={{ dialog: TEST_IDS.transferDialog, filter: TEST_IDS.transferFilter, submit: TEST_IDS.transferSubmit, error: TEST_IDS.transferError }}
    />
  );
}
