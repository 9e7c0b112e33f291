import { createHmac } from 'node:crypto';

/** What a softphone needs to register as its agent. */
export interface SipCredentials {
  /** sip:<username>@<domain> */
  uri: string;
  /** "<expiry unix seconds>:<username>": Kamailio's auth_ephemeral checks the expiry and the user. */
  authorizationUsername: string;
  password: string;
  expiresAt: string;
}

/** Derives the telephony secret from the server's token secret, so there is one secret to manage. */
export function sipAuthSecret(tokenSecret: string): string {
  return createHmac('sha256', tokenSecret).update('omnicc sip auth_ephemeral').digest('base64url');
}

/**
 * Ephemeral SIP credentials (the TURN REST API scheme that Kamailio's
 * auth_ephemeral module checks): password = base64(HMAC-SHA1(secret, user)).
 * Nothing is stored: Kamailio recomputes the password and refuses it after
 * the expiry, so a leaked credential is good for `ttlSeconds` at most.
 */
export function sipCredentials(secret: string, username: string, domain: string, now: number, ttlSeconds = 12 * 3600): SipCredentials {
  if (!/^[A-Za-z0-9._-]+$/.test(username)) throw new Error(`username ${username} cannot be a SIP user`);
  const expiry = Math.floor(now / 1000) + ttlSeconds;
  const authorizationUsername = `${expiry}:${username}`;
  return {
    uri: `sip:${username}@${domain}`,
    authorizationUsername,
    password: createHmac('sha1', secret).update(authorizationUsername).digest('base64'),
    expiresAt: new Date(expiry * 1000).toISOString(),
  };
}
