/** A paperclip (attachments); decorative unless given a label. Drawn, since not every desk has an emoji font. */
export function PaperclipIcon({ label }: { label?: string }) {
  return (
    <svg className="email-paperclip" viewBox="0 0 16 16" width="14" height="14" role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true} focusable="false">
      <path d="M10.5 4.5 5.8 9.2a1.2 1.2 0 0 0 1.7 1.7l5-5a2.5 2.5 0 0 0-3.5-3.5l-5.2 5.2a3.8 3.8 0 0 0 5.4 5.4l4.3-4.3" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
