import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction, KnowledgeArticle } from '@omnicc/shared';
import { errorCodeOf } from '../../network/commands.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { useUiStore } from '../../stores/uiStore.js';
import { reasonText } from '../errorText.js';
import { useKnowledgeApi } from './knowledgeApi.js';
import { KNOWLEDGE_TEST_IDS, useKnowledgePanel } from './knowledgePanelStore.js';
import { inline, markdownBlocks, plainText, type Block } from './markdownSubset.js';

/** A block as shown, and as inserted into a reply (plain text: the customer sees no markup). */
function shown(block: Block, markdown: boolean): { content: ReactNode; text: string } {
  const text = (t: string) => (markdown ? plainText(t) : t);
  if (block.kind === 'heading') return { content: <h4>{inline(block.text)}</h4>, text: text(block.text) };
  if (block.kind === 'list') {
    const items = block.items.map((item, i) => <li key={i}>{inline(item)}</li>);
    return { content: block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>, text: block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${text(item)}`).join('\n') };
  }
  return { content: <p>{markdown ? inline(block.text) : block.text}</p>, text: text(block.text) };
}

type Loaded = { state: 'loading' } | { state: 'failed'; code: string } | { state: 'ready'; article: KnowledgeArticle };

/** The body's passages: paragraphs split at blank lines (or single line breaks when there are none). */
export function passages(body: string): string[] {
  const byBlank = body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return byBlank.length > 1 ? byBlank : body.split('\n').map((p) => p.trim()).filter(Boolean);
}

/**
 * One article as the desk reads it: its path, title and passages. Each
 * passage, or the article's reference line, goes into the conversation's
 * draft (the agent reviews it before sending); calls have no draft, so
 * nothing is offered to insert there. Helpful / not helpful is one vote.
 */
export function KnowledgeArticleView({ id, interaction, onBack }: { id: string; interaction: Interaction; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useKnowledgeApi();
  const token = useSessionStore((s) => s.session?.token ?? '');
  const insert = useUiStore((s) => s.insertIntoDraft);
  const close = useKnowledgePanel((s) => s.close);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [vote, setVote] = useState<{ helpful: boolean } | { code: string } | null>(null);
  useEffect(() => {
    let live = true;
    api.article(token, id).then(
      (article) => live && setLoaded({ state: 'ready', article }),
      (err: unknown) => live && setLoaded({ state: 'failed', code: errorCodeOf(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, token, id]);
  const canInsert = interaction.channel !== 'voice' && interaction.state === 'assigned';
  const put = (text: string): void => {
    insert(interaction.id, text);
    close();
  };
  const rate = (helpful: boolean): void => {
    api.feedback(token, id, helpful).then(
      () => setVote({ helpful }),
      (err: unknown) => setVote({ code: errorCodeOf(err) }),
    );
  };

  if (loaded.state !== 'ready') {
    return (
      <div className="knowledge__article">
        <button type="button" className="omni-button omni-button--small" onClick={onBack} data-testid={KNOWLEDGE_TEST_IDS.back}>
          {t('knowledge.back')}
        </button>
        {loaded.state === 'loading' ? <p className="knowledge__status">{t('knowledge.loading')}</p> : <p role="alert">{t('knowledge.failed', { reason: reasonText(t, loaded.code) })}</p>}
      </div>
    );
  }
  const { article } = loaded;
  const markdown = article.format === 'markdown';
  const blocks = (markdown ? markdownBlocks(article.body) : passages(article.body).map((text): Block => ({ kind: 'paragraph', text }))).map((b) => shown(b, markdown));
  const zh = i18n.language.startsWith('zh');
  return (
    <article className="knowledge__article" aria-labelledby={`kb-${article.id}`} data-testid={KNOWLEDGE_TEST_IDS.article}>
      <button type="button" className="omni-button omni-button--small" onClick={onBack} data-testid={KNOWLEDGE_TEST_IDS.back}>
        {t('knowledge.back')}
      </button>
      <p className="knowledge__path">{article.categoryPath.map((c) => (zh ? c.nameZh : c.nameEn)).join(' › ')}</p>
      <h3 id={`kb-${article.id}`} className="knowledge__title" tabIndex={-1}>
        {article.title}
      </h3>
      {blocks.map((b, i) => (
        <div key={i} className="knowledge__passage">
          {b.content}
          {canInsert ? (
            <button type="button" className="omni-button omni-button--small" aria-label={t('knowledge.insertPassageNumbered', { n: i + 1 })} onClick={() => put(b.text)} data-testid={KNOWLEDGE_TEST_IDS.insertPassage}>
              {t('knowledge.insertPassage')}
            </button>
          ) : null}
        </div>
      ))}
      <div className="knowledge__actions">
        {canInsert ? (
          <button type="button" className="omni-button omni-button--small" onClick={() => put(t('knowledge.linkText', { title: article.title }))} data-testid={KNOWLEDGE_TEST_IDS.insertLink}>
            {t('knowledge.insertLink')}
          </button>
        ) : null}
        <span className="knowledge__rate" role="group" aria-label={t('knowledge.rate')}>
          <button type="button" className="omni-button omni-button--small" aria-pressed={vote !== null && 'helpful' in vote && vote.helpful} onClick={() => rate(true)} data-testid={KNOWLEDGE_TEST_IDS.helpful}>
            {t('knowledge.helpful')}
          </button>
          <button type="button" className="omni-button omni-button--small" aria-pressed={vote !== null && 'helpful' in vote && !vote.helpful} onClick={() => rate(false)} data-testid={KNOWLEDGE_TEST_IDS.notHelpful}>
            {t('knowledge.notHelpful')}
          </button>
        </span>
        <span role="status" className="knowledge__status">
          {vote === null ? '' : 'helpful' in vote ? t('knowledge.thanks') : t('knowledge.failed', { reason: reasonText(t, vote.code) })}
        </span>
      </div>
    </article>
  );
}
