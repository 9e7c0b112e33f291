import { useCallback, useEffect, useRef, useState } from 'react';
import { flowDocumentSchema, type FlowDocument } from '@omnicc/flows';
import type { FlowSummary } from '@omnicc/shared';
import { errorCodeOf } from '../../network/commands.js';
import { createDraftSaver, type DraftSaveState, type DraftSaver } from '../../network/draftSaver.js';
import type { FlowsApi } from '../../network/flowsApi.js';
import { currentToken } from './flowsSession.js';

export interface FlowDraft {
  summary: FlowSummary;
  document: FlowDocument;
}

export interface FlowDraftState {
  draft: FlowDraft | null;
  /** Load failure, as an error code. */
  loadError: string | null;
  save: DraftSaveState;
  /** The draft's revision as last stored (publish names it). */
  revision: () => number;
  edit: (doc: FlowDocument) => void;
  /** Saves what is pending now; resolves when it is stored (or failed). */
  flush: () => Promise<void>;
  /** Loads the flow again (after a conflict, a publish or a rollback). */
  reload: () => void;
}

/**
 * One flow's draft in the editor: loaded from the server, edited in memory,
 * saved in the background (network/draftSaver.ts). A draft that does not
 * parse as a flow document is shown as a load error rather than opened,
 * so the designer never edits something it would then fail to save.
 */
export function useFlowDraft(flows: FlowsApi, key: string): FlowDraftState {
  const [draft, setDraft] = useState<FlowDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [save, setSave] = useState<DraftSaveState>({ kind: 'saved', at: '' });
  const [generation, setGeneration] = useState(0);
  const saver = useRef<DraftSaver | null>(null);
  const revision = useRef(0);

  useEffect(() => {
    let live = true;
    setDraft(null);
    setLoadError(null);
    flows.get(currentToken(), key).then(
      (detail) => {
        if (!live) return;
        const parsed = flowDocumentSchema.safeParse(detail.draft);
        if (!parsed.success) {
          setLoadError('BAD_REQUEST');
          return;
        }
        revision.current = detail.draftRevision;
        saver.current = createDraftSaver({
          revision: detail.draftRevision,
          save: async (rev, document) => {
            const saved = await flows.saveDraft(currentToken(), key, rev, document);
            revision.current = saved.revision;
            return saved;
          },
          onState: (state) => {
            if (live) setSave(state);
          },
        });
        setSave({ kind: 'saved', at: detail.updatedAt });
        const { draft: _raw, diagnostics: _diagnostics, ...summary } = detail;
        setDraft({ summary, document: parsed.data });
      },
      (err: unknown) => {
        if (live) setLoadError(errorCodeOf(err));
      },
    );
    return () => {
      live = false;
      // Leaving the flow (or the workspace): what is typed is stored, not dropped.
      const leaving = saver.current;
      saver.current = null;
      void leaving?.flush().finally(() => leaving.stop());
    };
  }, [flows, key, generation]);

  const edit = useCallback((doc: FlowDocument) => {
    setDraft((d) => (d ? { ...d, document: doc } : d));
    saver.current?.edited(doc);
  }, []);

  return {
    draft,
    loadError,
    save,
    revision: () => revision.current,
    edit,
    flush: () => saver.current?.flush() ?? Promise.resolve(),
    reload: () => setGeneration((g) => g + 1),
  };
}
