/**
 * Performance marks of the screen-pop, one set per interaction, for the
 * e2e test and bench/screenpop to read with `performance.getEntriesByName`:
 * `screenPop:offer:<id>` when the offer push arrived, `screenPop:data:<id>`
 * when the customer view was parsed, `screenPop:painted:<id>` after the
 * first frame that showed the card. Each is marked once.
 */
export type ScreenPopStage = 'offer' | 'data' | 'painted';

/** The mark's name for a stage of an interaction's pop. */
export const screenPopMark = (stage: ScreenPopStage, interactionId: string): string => `screenPop:${stage}:${interactionId}`;

/** Marks a stage of the pop once (a refresh is not a pop); painted also measures offer → painted. */
export function markScreenPop(stage: ScreenPopStage, interactionId: string): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  const name = screenPopMark(stage, interactionId);
  if (performance.getEntriesByName(name, 'mark').length > 0) return;
  // Data and paint of a card that never rang (an interaction already on the desk) are not a pop.
  if (stage !== 'offer' && performance.getEntriesByName(screenPopMark('offer', interactionId), 'mark').length === 0) return;
  performance.mark(name);
  if (stage === 'painted') performance.measure(`screenPop:offerToPainted:${interactionId}`, screenPopMark('offer', interactionId), name);
}
