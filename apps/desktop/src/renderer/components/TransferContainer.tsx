import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TransferDialog, type TransferOption } from '@omnicc/ui';
import type { Interaction, TransferTargets } from '@omnicc/shared';
import type { Loaded, TransferTo } from '../network/actions.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { errorText } from './errorText.js';
import { useLocale } from './useLocale.js';

type TFn = ReturnType<typeof useTranslation>['t'];

/** Options of the dialog, keyed "queue:<id>" / "agent:<id>", and where each key transfers to. */
function toOptions(targets: TransferTargets, t: TFn, zh: boolean, selfId: string | undefined) {
  const destinations = new Map<string, TransferTo>();
  const queues: TransferOption[] = targets.queues.map((q) => {
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
        unavailableReason: a.available ? undefined : t(`transfer.reason.${a.status}`),
        testId: TEST_IDS.transferAgent,
      };
    });
  return { queues, agents, destinations };
}

/** The transfer dialog (转接) of the interaction in ui.transferFor, while it is in progress. */
function TransferPanel({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const actions = useActions();
  const transferSubmitting = useUiStore((s) => s.transferSubmitting);
  const transferErrorCode = useUiStore((s) => s.transferErrorCode);
  const closeTransfer = useUiStore((s) => s.closeTransfer);
  const selfId = useSessionStore((s) => s.session?.user.id);
  const [targets, setTargets] = useState<Loaded<TransferTargets> | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);

  // Only the newest request may fill the list; closing the dialog voids them all.
  const requestSeq = useRef(0);
  const load = useCallback(() => {
    const request = ++requestSeq.current;
    void actions.loadTransferTargets(interaction.id).then((result) => {
      if (request === requestSeq.current) setTargets(result);
    });
  }, [actions, interaction.id]);
  useEffect(() => {
    load();
    return () => {
      requestSeq.current += 1;
    };
  }, [load]);

  const options = useMemo(() => (targets?.ok ? toOptions(targets.value, t, language === 'zh-CN', selfId) : null), [targets, t, language, selfId]);

  const pick = (key: string): void => {
    const to = options?.destinations.get(key);
    if (!to) return;
    setBusyKey(key);
    void actions.transfer(interaction.id, to).then((ok) => {
      if (ok) return;
      setBusyKey(null);
      // Who can take it has likely changed (that is why it failed): show the list as it is now.
      load();
    });
  };

  let error: string | undefined;
  if (targets && !targets.ok) error = errorText(t, 'transferTargets', targets.code);
  else if (transferErrorCode) error = errorText(t, 'transfer', transferErrorCode);
  const contact = interaction.customer.phone ?? interaction.customer.email;
  const channel = t(`channel.${interaction.channel}`);

  return (
    <TransferDialog
      title={t('transfer.title', { name: interaction.customer.name })}
      description={contact ? t('transfer.description', { channel, contact }) : channel}
      queues={options?.queues ?? null}
      agents={options?.agents ?? null}
      busyKey={transferSubmitting ? busyKey : null}
      error={error}
      onRetry={
        targets && !targets.ok
          ? () => {
              setTargets(null);
              load();
            }
          : undefined
      }
      onPick={pick}
      onCancel={closeTransfer}
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
        submit: t('transfer.submit'),
        submitting: t('transfer.submitting'),
        cancel: t('transfer.cancel'),
        close: t('common.close'),
        retry: t('transfer.retry'),
      }}
      testIds={{ dialog: TEST_IDS.transferDialog, filter: TEST_IDS.transferFilter, submit: TEST_IDS.transferSubmit, error: TEST_IDS.transferError }}
    />
  );
}

/** Shows the transfer dialog for ui.transferFor, and drops it once that interaction is no longer in progress. */
export function TransferContainer() {
  const transferFor = useUiStore((s) => s.transferFor);
  const closeTransfer = useUiStore((s) => s.closeTransfer);
  const interaction = useInteractionsStore((s) => (transferFor ? s.byId[transferFor] : undefined));
  const inProgress = interaction?.state === 'assigned';
  useEffect(() => {
    // The customer left or the server moved it meanwhile: nothing to transfer any more.
    if (transferFor !== null && !inProgress) closeTransfer();
  }, [transferFor, inProgress, closeTransfer]);
  return interaction && inProgress ? <TransferPanel key={interaction.id} interaction={interaction} /> : null;
}
