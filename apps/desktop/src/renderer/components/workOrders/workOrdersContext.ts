import { createContext, useContext } from 'react';
import { createHttp } from '../../network/http.js';
import { createWorkOrdersApi, type WorkOrdersApi } from '../../network/workOrdersApi.js';

let pageApi: WorkOrdersApi | undefined;

/**
 * The work-order calls: tests provide a fake through the context; the app
 * uses the page's own origin (the server serves the renderer), built once.
 * Kept out of Services so the desk's other tests need not know about it.
 */
export const WorkOrdersApiContext = createContext<WorkOrdersApi | null>(null);

export function useWorkOrdersApi(): WorkOrdersApi {
  const provided = useContext(WorkOrdersApiContext);
  if (provided) return provided;
  pageApi ??= createWorkOrdersApi(createHttp(window.location.origin));
  return pageApi;
}
