import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml is real packaging config: parsed here, checked for
 * the targets and hardening we promise, and validated against the schema of
 * the installed electron-builder (the same check `electron-builder` runs).
 */
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface TargetList {
  target: (string | { target: string })[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  asar: boolean;
  beforeBuild: string;
  electronFuses: Record<string, boolean>;
  linux: TargetList & { category: string; maintainer: string };
  win: TargetList;
  nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean };
  publish: unknown;
}

const config = YAML.parse(readFileSync(path.join(appDir, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

function targetNames(list: TargetList): string[] {
  return list.target.map((entry) => (typeof entry === 'string' ? entry : entry.target));
}

/** electron-builder's own validator, reached through its dependency app-builder-lib. */
function loadValidator(): (config: unknown, logger: { isEnabled: boolean; add: () => void }) => Promise<void> {
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
  const module = fromBuilder('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration: (config: unknown, logger: { isEnabled: boolean; add: () => void }) => Promise<void>;
  };
  return module.validateConfiguration;
}

describe('electron-builder.yml', () => {
  it('identifies the app', () => {
    expect(config.appId).toBe('org.omnicc.desktop');
    expect(config.productName).toBe('OmniCC Desktop');
    expect(config.directories.output).toBe('release');
  });

  it('packs only the bundled out/ and package.json, in an asar', () => {
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('package.json');
    expect(config.files.filter((pattern) => !pattern.startsWith('!'))).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
    // The hook builds out/ and answers false, so no node_modules are copied.
    expect(config.beforeBuild).toBe('./scripts/build-electron.mjs');
  });

  it('targets AppImage + deb on Linux and an NSIS installer on Windows', () => {
    expect(targetNames(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/\S+ <\S+@\S+>/);
    expect(targetNames(config.win)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('publishes nowhere', () => {
    expect(config.publish).toBeNull();
  });

  it("passes the installed electron-builder's schema validation", async () => {
    const validate = loadValidator();
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validate(config, logger)).resolves.toBeUndefined();
    // The validator is strict: a misspelt fuse would not pass silently.
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } };
    await expect(validate(misspelt, logger)).rejects.toThrow(/configuration/i);
  });

  it('uses icons that exist', () => {
    const raw = readFileSync(path.join(appDir, 'electron-builder.yml'), 'utf8');
    for (const match of raw.matchAll(/icon: (\S+)/g)) {
      expect(() => readFileSync(path.join(appDir, match[1]!))).not.toThrow();
    }
  });
});
