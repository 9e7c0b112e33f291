import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '@omnicc/shared';
import { useCustomerStore } from '../../stores/customerStore.js';
import { CreateWorkOrderDialog } from './CreateWorkOrderDialog.js';
import { WORK_ORDER_TEST_IDS } from './workOrderTestIds.js';
import './WorkOrdersWorkspace.css';

/**
 * "Create work order" in the conversation header: opens the dialog, then
 * says which number was made (a live region, so a screen reader hears it).
 */
export function CreateWorkOrderButton({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <>
      <button type="button" className="omni-button" aria-haspopup="dialog" onClick={() => setOpen(true)} data-testid={WORK_ORDER_TEST_IDS.createOpen}>
        {t('workOrders.create')}
      </button>
      <span className="wo-created" role="status" data-testid={WORK_ORDER_TEST_IDS.created}>
        {created ? t('workOrders.created', { number: created }) : ''}
      </span>
      {open ? (
        <CreateWorkOrderDialog
          interaction={interaction}
          onClose={() => setOpen(false)}
          onCreated={(number) => {
            setOpen(false);
            setCreated(number);
            // The customer card lists open work orders: read it again so the new one shows.
            useCustomerStore.getState().invalidate(interaction.id);
          }}
        />
      ) : null}
    </>
  );
}
