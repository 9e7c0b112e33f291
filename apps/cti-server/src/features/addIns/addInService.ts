import type { AddInField, AddInManifest } from '@omnicc/shared';
import type { CatalogField, FlowCatalog } from '@omnicc/flows';
import { AddInCallError } from './connector/addInErrors.js';
import type { AddInBackend, AddInConnector, OperationResult } from './connector/addInConnector.js';
import { genericBackend } from './connector/genericBackend.js';

/** An add-in as installed: its manifest, whether it runs, what it was granted and where it reaches its system. */
export interface InstalledAddIn {
  manifest: AddInManifest;
  enabled: boolean;
  /** Capabilities the admin granted: a subset of the manifest's (each one of ADD_IN_CAPABILITIES). */
  granted: readonly string[];
  baseUrl?: string;
  /** The add-in's key for its system, already opened. */
  secret?: string;
}

/** Where installed add-ins come from (the registry table; a fixed list in tests). */
export interface AddInSource {
  list(): Promise<InstalledAddIn[]>;
  get(id: string): Promise<InstalledAddIn | undefined>;
}

/** A fixed set of add-ins (tests, and a server without the registry). */
export const staticAddIns = (addIns: InstalledAddIn[]): AddInSource => ({
  list: () => Promise.resolve(addIns),
  get: (id) => Promise.resolve(addIns.find((a) => a.manifest.id === id)),
});

/**
 * Calls add-in operations for the flows, the desktop's REST route and the
 * iframe host: refuses a disabled or unknown add-in and an operation whose
 * capabilities were not granted, then goes through the connector (budget,
 * cache, breaker). Add-ins with code in this server (billing) have their
 * own backend; the others use the generic JSON one.
 */
export class AddInService {
  constructor(
    private readonly deps: {
      source: AddInSource;
      connector: AddInConnector;
      backends?: Record<string, AddInBackend>;
    },
  ) {}

  /** An enabled add-in, or NOT_FOUND. */
  async enabled(addInId: string): Promise<InstalledAddIn> {
    const addIn = await this.deps.source.get(addInId);
    if (!addIn?.enabled) throw new AddInCallError('NOT_FOUND', `no enabled add-in ${addInId}`);
    return addIn;
  }

  async call(addInId: string, operationName: string, input: Record<string, unknown>, budgetMs?: number): Promise<OperationResult> {
    const addIn = await this.enabled(addInId);
    const operation = addIn.manifest.connector?.operations.find((o) => o.name === operationName);
    if (!operation) throw new AddInCallError('NOT_FOUND', `add-in ${addInId} has no operation ${operationName}`);
    const missing = operation.capabilities.filter((c) => !addIn.granted.includes(c));
    if (missing.length > 0) throw new AddInCallError('NOT_GRANTED', `add-in ${addInId} was not granted ${missing.join(', ')}`);
    return this.deps.connector.call(
      { manifest: addIn.manifest, baseUrl: addIn.baseUrl, ...(addIn.secret === undefined ? {} : { secret: addIn.secret }), backend: this.deps.backends?.[addInId] ?? genericBackend },
      operationName,
      input,
      budgetMs,
    );
  }

  /** The enabled add-ins with a UI page in `slot`, as the desktop hosts them: the page and the capabilities granted for it. */
  async forSlot(slot: string): Promise<{ id: string; version: string; name: AddInManifest['name']; slot: string; entry: string; granted: string[] }[]> {
    const addIns = await this.deps.source.list();
    return addIns.flatMap((a) => {
      const entry = a.enabled ? a.manifest.slots.find((s) => s.slot === slot)?.entry : undefined;
      // The page gets what its slot asks for and an admin granted, never more.
      const slotCaps = a.manifest.slots.find((s) => s.slot === slot)?.capabilities ?? [];
      return entry === undefined ? [] : [{ id: a.manifest.id, version: a.manifest.version, name: a.manifest.name, slot, entry, granted: slotCaps.filter((c) => a.granted.includes(c)) }];
    });
  }

  /** The enabled add-ins with a flow slot, as the flows catalog lists them (operations whose capabilities are granted). */
  async catalog(): Promise<FlowCatalog['addIns']> {
    const addIns = await this.deps.source.list();
    return addIns
      .filter((a) => a.enabled && a.manifest.slots.some((s) => s.slot === 'flowAddInCall'))
      .map((a) => ({
        id: a.manifest.id,
        name: a.manifest.name,
        operations: (a.manifest.connector?.operations ?? [])
          .filter((o) => o.capabilities.every((c) => a.granted.includes(c)))
          .map((o) => ({ name: o.name, inputs: o.inputs.map(catalogField), outputs: o.outputs.map(catalogField) })),
      }));
  }
}

const catalogField = ({ label, ...f }: AddInField): CatalogField => (label === undefined ? f : { ...f, label });
