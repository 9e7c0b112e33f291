import { lazy, Suspense, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { diffFlows, flowDocumentSchema, type FlowCatalog, type FlowDiff, type FlowDocument } from '@omnicc/flows';
import type { FlowTestReport } from '@omnicc/shared';
import { errorCodeOf } from '../../network/commands.js';
import { useServices } from '../../services.js';
import { reasonText } from '../errorText.js';
import { useLocale } from '../useLocale.js';
import { BindingsDialog } from './BindingsDialog.js';
import { currentToken } from './flowsSession.js';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';
import { PublishDialog } from './PublishDialog.js';
import { SaveStatus } from './SaveStatus.js';
import { TestReportDialog } from './TestReportDialog.js';
import { useFlowDraft } from './useFlowDraft.js';
import { VersionsDialog, type CompareRequest } from './VersionsDialog.js';

// The designer (React Flow, dagre) loads only when a team lead opens it: agents never download it.
const FlowDesigner = lazy(() => import('@omnicc/ui/flow-designer').then((m) => ({ default: m.FlowDesigner })));

/** Two documents side by side on one canvas: `shown` drawn with what changed since `base`. */
interface Comparison {
  request: CompareRequest;
  base: FlowDocument;
  shown: FlowDocument;
  diff: FlowDiff;
}

type OpenDialog = 'publish' | 'versions' | 'bindings' | null;

/** What the header tells the team lead last. */
type Notice = { kind: 'published' | 'rolledBack'; version: number } | { kind: 'testsCouldNotRun' | 'failed'; code: string };

function noticeText(t: TFunction, notice: Notice): string {
  switch (notice.kind) {
    case 'published':
      return t('flows.published', { version: notice.version });
    case 'rolledBack':
      return t('flows.rolledBack', { version: notice.version });
    case 'testsCouldNotRun':
      return t('flows.testsCouldNotRun', { reason: reasonText(t, notice.code) });
    case 'failed':
      return reasonText(t, notice.code);
  }
}

interface FlowEditorProps {
  flowKey: string;
  catalog: FlowCatalog;
  /** The flow's summary changed (published, rolled back): the list reloads. */
  onChanged: () => void;
}

/** One flow in the designer, with its draft saved as it is edited, and the publishing tools. */
export function FlowEditor({ flowKey, catalog, onChanged }: FlowEditorProps) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { flows } = useServices();
  const draft = useFlowDraft(flows, flowKey);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [report, setReport] = useState<FlowTestReport | null>(null);
  const [testing, setTesting] = useState(false);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  // Kept as what happened, not as text, so the notice follows a language switch.
  const [notice, setNotice] = useState<Notice | null>(null);

  // Closing the tab with edits not stored yet asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent): void => {
      if (draft.save.kind !== 'saved') e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [draft.save.kind]);

  if (draft.loadError) {
    return (
      <section className="flows-editor flows-editor--message" data-testid={FLOWS_TEST_IDS.editor}>
        <p role="alert">{t('flows.openFailed', { reason: reasonText(t, draft.loadError) })}</p>
      </section>
    );
  }
  if (!draft.draft) {
    return (
      <section className="flows-editor flows-editor--message" data-testid={FLOWS_TEST_IDS.editor} aria-busy="true">
        <p>{t('flows.loading')}</p>
      </section>
    );
  }
  const { summary, document } = draft.draft;

  const runTests = (): void => {
    setTesting(true);
    draft
      .flush()
      .then(() => flows.runTests(currentToken(), flowKey, document))
      .then(setReport, (err: unknown) => setNotice({ kind: 'testsCouldNotRun', code: errorCodeOf(err) }))
      .finally(() => setTesting(false));
  };

  const compare = (request: CompareRequest): void => {
    setDialog(null);
    const load = (side: number | 'draft') =>
      side === 'draft' ? Promise.resolve(document) : flows.version(currentToken(), flowKey, side).then((v) => flowDocumentSchema.parse(v.document));
    Promise.all([load(request.from), load(request.to)]).then(
      ([base, shown]) => setComparison({ request, base, shown, diff: diffFlows(base, shown) }),
      (err: unknown) => setNotice({ kind: 'failed', code: errorCodeOf(err) }),
    );
  };

  const tools = (
    <div className="flows-editor__tools">
      <SaveStatus state={draft.save} onReload={draft.reload} />
      <button type="button" className="omni-button omni-button--small" onClick={runTests} disabled={testing} data-testid={FLOWS_TEST_IDS.runTests}>
        {testing ? t('flows.testsRunning') : t('flows.runTests')}
      </button>
      <button type="button" className="omni-button omni-button--small" onClick={() => setDialog('versions')} data-testid={FLOWS_TEST_IDS.versions}>
        {t('flows.versions')}
      </button>
      <button type="button" className="omni-button omni-button--small" onClick={() => setDialog('bindings')} data-testid={FLOWS_TEST_IDS.bindings}>
        {t('flows.bindings')}
      </button>
      <button type="button" className="omni-button omni-button--small omni-button--primary" onClick={() => setDialog('publish')} data-testid={FLOWS_TEST_IDS.publish}>
        {t('flows.publishOpen')}
      </button>
    </div>
  );

  return (
    <section className="flows-editor" data-testid={FLOWS_TEST_IDS.editor} aria-label={summary.name}>
      <header className="flows-editor__header">
        <h2 className="flows-editor__title">{summary.name}</h2>
        <span className="flows-list__key">{summary.key}</span>
        {summary.liveVersion === null ? (
          <span className="flows-badge flows-badge--draft">{t('flows.notPublished')}</span>
        ) : (
          <span className="flows-badge flows-badge--live">{t('flows.liveVersion', { version: summary.liveVersion })}</span>
        )}
        {notice ? (
          <span className="flows-editor__notice" role="status">
            {noticeText(t, notice)}
            <button type="button" className="omni-button omni-button--small" onClick={() => setNotice(null)}>
              {t('common.dismiss')}
            </button>
          </span>
        ) : null}
      </header>
      {comparison ? (
        <div className="flows-compare-bar" role="status" data-testid={FLOWS_TEST_IDS.compareBar}>
          {comparison.request.to === 'draft'
            ? t('flows.comparingDraft', { version: comparison.request.from })
            : t('flows.comparingVersions', { from: comparison.request.from, to: comparison.request.to })}
          <button type="button" className="omni-button omni-button--small" onClick={() => setComparison(null)} data-testid={FLOWS_TEST_IDS.closeCompare}>
            {t('flows.closeCompare')}
          </button>
        </div>
      ) : null}
      <div className="flows-editor__canvas">
        <Suspense fallback={<p className="flows-editor__loading">{t('flows.loading')}</p>}>
          {comparison ? (
            <FlowDesigner
              key={`compare-${comparison.request.from}-${comparison.request.to}`}
              document={comparison.shown}
              onChange={() => undefined}
              catalog={catalog}
              locale={language}
              readOnly
              diff={comparison.diff}
              diffBase={comparison.base}
            />
          ) : (
            <FlowDesigner document={document} onChange={draft.edit} catalog={catalog} locale={language} toolbarEnd={tools} />
          )}
        </Suspense>
      </div>
      {report ? <TestReportDialog report={report} onClose={() => setReport(null)} /> : null}
      {dialog === 'publish' ? (
        <PublishDialog
          flowKey={flowKey}
          prepare={() => draft.flush().then(() => draft.revision())}
          onClose={() => setDialog(null)}
          onPublished={(version) => {
            setDialog(null);
            setNotice({ kind: 'published', version });
            draft.reload();
            onChanged();
          }}
        />
      ) : null}
      {dialog === 'versions' ? (
        <VersionsDialog
          flowKey={flowKey}
          onClose={() => setDialog(null)}
          onCompare={compare}
          onRolledBack={(version) => {
            setDialog(null);
            setNotice({ kind: 'rolledBack', version });
            draft.reload();
            onChanged();
          }}
        />
      ) : null}
      {dialog === 'bindings' ? <BindingsDialog flowKey={flowKey} catalog={catalog} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}
