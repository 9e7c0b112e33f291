import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults for development', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, embeddedPgPort: 54329, production: false });
    expect(c.databaseUrl).toBeUndefined();
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
  });

  it('requires a token secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OMNICC_TOKEN_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', OMNICC_TOKEN_SECRET: 's'.repeat(32) }).production).toBe(true);
  });

  it('splits widget origins', () => {
    expect(loadConfig({ OMNICC_WIDGET_ORIGINS: 'https://a.example, https://b.example' }).widgetOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('takes the operator time zone, Asia/Shanghai by default, and refuses an unknown one', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({}).shortAbandonSeconds).toBe(5);
    expect(loadConfig({ OMNICC_TIME_ZONE: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
    expect(() => loadConfig({ OMNICC_TIME_ZONE: 'Mars/Olympus' })).toThrow(/OMNICC_TIME_ZONE/);
  });
});
