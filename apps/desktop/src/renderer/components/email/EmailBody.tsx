import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailMessageView } from '@omnicc/shared';
import { useEmailImagesStore } from '../../stores/emailStore.js';
import { splitQuotedText } from './quotedText.js';
import { TEST_IDS } from '../../testIds.js';

function QuoteToggle({ shown, onToggle, controls }: { shown: boolean; onToggle: () => void; controls?: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="email-msg__quote-toggle" aria-expanded={shown} aria-controls={controls} onClick={onToggle} data-testid={TEST_IDS.emailQuoteToggle}>
      {shown ? t('email.hideQuoted') : t('email.showQuoted')}
    </button>
  );
}

/**
 * An HTML mail in a frame that can do nothing: the body is a document of
 * its own from the server (its own CSP: no script, no requests; see
 * apps/cti-server/src/features/email/mailBodyDocument.ts) and the frame is
 * sandboxed without scripts or same-origin, so even a sanitizer miss cannot
 * reach the desk. Remote images wait for the agent's click (a tracking
 * pixel would tell the sender when the mail was read).
 */
function HtmlBody({ message, bodyUrl, title }: { message: EmailMessageView; bodyUrl: string; title: string }) {
  const { t, i18n } = useTranslation();
  const imagesAllowed = useEmailImagesStore((s) => s.allowed[message.id] === true);
  const allowImages = useEmailImagesStore((s) => s.allow);
  const [quotesShown, setQuotesShown] = useState(false);
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const src = `${bodyUrl}&lang=${lang}${imagesAllowed ? '&images=1' : ''}${quotesShown ? '&quotes=1' : ''}`;
  return (
    <>
      {message.remoteImages > 0 && !imagesAllowed ? (
        <p className="email-msg__notice" data-testid={TEST_IDS.emailImagesBlocked}>
          {t('email.remoteImages', { count: message.remoteImages })}
          <button type="button" className="omni-button omni-button--small" onClick={() => allowImages(message.id)} data-testid={TEST_IDS.emailShowImages}>
            {t('email.showImages')}
          </button>
        </p>
      ) : null}
      <div className="email-msg__frame-box">
        <iframe className="email-msg__frame" src={src} title={title} sandbox="allow-popups allow-popups-to-escape-sandbox" referrerPolicy="no-referrer" data-testid={TEST_IDS.emailBodyFrame} />
      </div>
      {message.quoted ? <QuoteToggle shown={quotesShown} onToggle={() => setQuotesShown((v) => !v)} /> : null}
    </>
  );
}

/** A plain-text mail (or the text part when no HTML was sent): React text, so nothing in it is markup. */
function TextBody({ text, id }: { text: string; id: string }) {
  const { t } = useTranslation();
  const { body, quoted } = useMemo(() => splitQuotedText(text), [text]);
  const [shown, setShown] = useState(false);
  const quotedId = `${id}-quoted`;
  return (
    <>
      <div className="email-msg__text">{body.trim() === '' ? <span className="email-msg__empty">{t('email.noBody')}</span> : body}</div>
      {quoted ? (
        <>
          <QuoteToggle shown={shown} onToggle={() => setShown((v) => !v)} controls={quotedId} />
          <div id={quotedId} className="email-msg__text email-msg__text--quoted" hidden={!shown}>
            {quoted}
          </div>
        </>
      ) : null}
    </>
  );
}

/** The body of one mail: HTML in its frame when there is one, else the text. */
export function EmailBody({ message, title }: { message: EmailMessageView; title: string }) {
  if (message.bodyUrl) return <HtmlBody message={message} bodyUrl={message.bodyUrl} title={title} />;
  return <TextBody text={message.text ?? ''} id={`email-${message.id}`} />;
}
