import type { Channel } from '@omnicc/shared';
import './ChannelIcon.css';

/** One small glyph per channel; paths are 16x16 outlines drawn with currentColor. */
const PATHS: Record<Channel, string> = {
  voice:
    'M4.2 1.5 6 1.9l1 3-1.4 1.3a8.6 8.6 0 0 0 4.2 4.2L11.1 9l3 1 .4 1.8-1.6 1.9c-.4.4-1 .6-1.6.4A12.8 12.8 0 0 1 2 4.8c-.2-.6 0-1.2.4-1.6z',
  chat: 'M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H7l-3.5 3v-3A1.5 1.5 0 0 1 2 9.5z',
  email: 'M1.5 4A1.5 1.5 0 0 1 3 2.5h10A1.5 1.5 0 0 1 14.5 4v8a1.5 1.5 0 0 1-1.5 1.5H3A1.5 1.5 0 0 1 1.5 12zm.5.3 6 4.4 6-4.4',
  sms: 'M4.5 1.5h7a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-7a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1zM6 5h4M6 7.5h4M6 10h2',
};

export interface ChannelIconProps {
  channel: Channel;
  /** Accessible name; omit when a visible text label sits next to the icon. */
  label?: string | undefined;
}

/** Channel glyph. Decorative unless `label` is given. */
export function ChannelIcon({ channel, label }: ChannelIconProps) {
  return (
    <svg
      className={`omni-channel-icon omni-channel-icon--${channel}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      strokeLinejoin="round"
      strokeLinecap="round"
      data-channel={channel}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      <path d={PATHS[channel]} />
    </svg>
  );
}
