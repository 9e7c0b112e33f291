import type { CallInfo } from '../stores/callStore.js';

/** Who the agent talks to on a line: the name when known, with the number. */
export function CallParty({ call, testId }: { call: CallInfo; testId?: string | undefined }) {
  return (
    <span className="call-bar__party">
      <span className="call-bar__name" data-testid={testId}>
        {call.name ?? call.number}
      </span>
      {call.name ? <span className="call-bar__number">{call.number}</span> : null}
    </span>
  );
}
