/** One agent the router weighed for an offer, with the parts of their rank. */
export interface ExplainCandidate {
  agentId: string;
  /** Sum of the agent's levels over the queue's required skills (higher wins). */
  skillScore: number;
  /** How long the agent has been idle (see AgentRt.idleSince). */
  idleMs: number;
  /** Occupancy before this offer, 0-100 (leastOccupied compares this). */
  loadPercent: number;
}

/** How the offer came about. */
export type ExplainMode =
  /** A queued interaction took the best ready agent. */
  | 'bestAgent'
  /** A returning customer went to their last agent. */
  | 'sticky'
  /** An agent became free and took the highest-priority interaction they could. */
  | 'agentFreed'
  /** An agent transferred the interaction to this agent. */
  | 'transfer';

/** Why the chosen agent won, as a code the UI translates. */
export type ExplainReason =
  | 'onlyCandidate'
  | 'higherSkill'
  | 'longerIdle'
  | 'lowerLoad'
  | 'tieBreakById'
  | 'stickyLastAgent'
  | 'highestPriorityForAgent'
  | 'transferTarget';

/** Why an offer went to that agent: kept with the offer and the interaction for the supervisor and the API. */
export interface OfferExplain {
  queueId: string;
  mode: ExplainMode;
  selection: 'longestIdle' | 'leastOccupied';
  /** The interaction's effective priority at the offer and its parts. */
  priority: { queue: number; tierBonus: number; waitedSeconds: number; effective: number };
  /** The best candidates in rank order (at most EXPLAIN_CANDIDATES), the chosen one among them. */
  candidates: ExplainCandidate[];
  chosenAgentId: string;
  reason: ExplainReason;
  /** Ready, skilled agents passed over because they declined this interaction recently. */
  skippedInCooldown: number;
}
