import { AppError, checkAddInManifest, type AddInManifest, type AddInUpdate, type AddInView } from '@omnicc/shared';
import type { AddInActor, AddInRecord, AddInsRepo } from '../../adapters/db/addInsRepo.js';
import type { Clock } from '../../clock.js';
import type { SecretBox } from '../../secrets/secretBox.js';
import type { InstalledAddIn, AddInSource } from './addInService.js';
import type { BreakerState } from './connector/circuitBreaker.js';

/** How long a node reuses the table's rows: an admin's change reaches other nodes within this. */
const CACHE_MS = 2_000;

/** Where an add-in without a configured URL or key reaches its system (the environment's OMNICC_BSS_URL for billing). */
export type AddInDefaults = Record<string, { baseUrl?: string; secret?: string }>;

const secretContext = (id: string) => `add-ins/${id}/secret`;

/**
 * The installed add-ins (table add_ins) for the connector and the admin
 * API: install or update from a checked manifest, enable, disable,
 * configure (the key sealed by SecretBox, never returned), grant and revoke
 * capabilities (only ones the manifest asks for). Every write is audited by
 * the repository and drops the connector's cache and breaker for the add-in.
 */
export class AddInRegistry implements AddInSource {
  private cached: { at: number; addIns: InstalledAddIn[] } | undefined;

  constructor(
    private readonly deps: {
      repo: AddInsRepo;
      secrets: SecretBox;
      clock: Clock;
      defaults?: AddInDefaults;
      breakerState?: (id: string) => BreakerState;
      onChanged?: (id: string) => void;
    },
  ) {}

  async list(): Promise<InstalledAddIn[]> {
    const now = this.deps.clock.now();
    if (!this.cached || now - this.cached.at >= CACHE_MS) this.cached = { at: now, addIns: (await this.deps.repo.list()).map((r) => this.installed(r)) };
    return this.cached.addIns;
  }

  async get(id: string): Promise<InstalledAddIn | undefined> {
    return (await this.list()).find((a) => a.manifest.id === id);
  }

  /** Installs a built-in add-in enabled with what it asks for, unless an admin already installed (or disabled) it. */
  async ensureBuiltIn(manifest: AddInManifest): Promise<void> {
    if (await this.deps.repo.ensure(manifest, this.actor(null), { enabled: true, granted: manifest.capabilities })) this.changed(manifest.id);
  }

  async views(): Promise<AddInView[]> {
    return (await this.deps.repo.list()).map((r) => this.toView(r));
  }

  async view(id: string): Promise<AddInView> {
    const record = await this.deps.repo.get(id);
    if (!record) throw new AppError('NOT_FOUND', `add-in ${id} is not installed`);
    return this.toView(record);
  }

  /** Installs or updates from a manifest; UNPROCESSABLE with the problems (unknown or undeclared capabilities, ...) in details. */
  async install(input: unknown, actorId: string): Promise<{ view: AddInView; created: boolean }> {
    const checked = checkAddInManifest(input);
    if (!checked.ok) throw new AppError('UNPROCESSABLE', `the manifest is refused: ${checked.problems.map((p) => p.message).join('; ')}`, { problems: checked.problems });
    const { record, created } = await this.deps.repo.install(checked.manifest, this.actor(actorId));
    this.changed(record.id);
    return { view: this.toView(record), created };
  }

  async update(id: string, body: AddInUpdate, actorId: string): Promise<AddInView> {
    const record = await this.deps.repo.update(
      id,
      {
        ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
        ...(body.baseUrl === undefined ? {} : { baseUrl: body.baseUrl }),
        ...(body.secret === undefined ? {} : { secretSealed: body.secret === null ? null : this.deps.secrets.seal(body.secret, secretContext(id)) }),
      },
      this.actor(actorId),
      body.enabled === undefined ? 'configure' : body.enabled ? 'enable' : 'disable',
      { ...(body.enabled === undefined ? {} : { enabled: body.enabled }), ...(body.baseUrl === undefined ? {} : { baseUrl: body.baseUrl }), ...(body.secret === undefined ? {} : { secret: body.secret === null ? 'removed' : 'set' }) },
    );
    this.changed(id);
    return this.toView(record);
  }

  /** Replaces the granted capabilities; UNPROCESSABLE for one the manifest does not ask for. */
  async setGrants(id: string, granted: readonly string[], actorId: string): Promise<AddInView> {
    const before = await this.deps.repo.get(id);
    if (!before) throw new AppError('NOT_FOUND', `add-in ${id} is not installed`);
    const foreign = granted.filter((c) => !before.manifest.capabilities.includes(c));
    if (foreign.length > 0) throw new AppError('UNPROCESSABLE', `add-in ${id} does not ask for ${foreign.join(', ')}`, { notRequested: foreign });
    const next = [...new Set(granted)].sort();
    const record = await this.deps.repo.update(id, { granted: next }, this.actor(actorId), 'grants', {
      granted: next.filter((c) => !before.granted.includes(c)),
      revoked: before.granted.filter((c) => !next.includes(c)),
    });
    this.changed(id);
    return this.toView(record);
  }

  private installed(r: AddInRecord): InstalledAddIn {
    const fallback = this.deps.defaults?.[r.id];
    const baseUrl = r.baseUrl ?? fallback?.baseUrl ?? r.manifest.connector?.baseUrl;
    const secret = r.secretSealed === null ? fallback?.secret : this.deps.secrets.open(r.secretSealed, secretContext(r.id));
    return { manifest: r.manifest, enabled: r.enabled, granted: r.granted, ...(baseUrl === undefined ? {} : { baseUrl }), ...(secret === undefined ? {} : { secret }) };
  }

  private toView(r: AddInRecord): AddInView {
    return {
      id: r.id,
      version: r.manifest.version,
      manifest: r.manifest,
      enabled: r.enabled,
      granted: r.granted,
      baseUrl: r.baseUrl,
      effectiveBaseUrl: r.baseUrl ?? this.deps.defaults?.[r.id]?.baseUrl ?? r.manifest.connector?.baseUrl ?? null,
      hasSecret: r.secretSealed !== null || this.deps.defaults?.[r.id]?.secret !== undefined,
      breaker: this.deps.breakerState?.(r.id) ?? 'closed',
      installedAt: r.installedAt,
      updatedAt: r.updatedAt,
    };
  }

  private actor(actorId: string | null): AddInActor {
    return { actorId, at: new Date(this.deps.clock.now()).toISOString() };
  }

  private changed(id: string): void {
    this.cached = undefined;
    this.deps.onChanged?.(id);
  }
}
