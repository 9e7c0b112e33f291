import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { gatewayErrorPage, truncateJson, tricklingBody } from './faultBodies.js';
import type { FaultDecision, FaultTable } from './faultTable.js';

/**
 * Applies the fault table to requests under /v1. It runs before the key
 * check, as a gateway in front of the billing system would. Every wait is
 * bounded and ends early when the client leaves or the simulator closes, so
 * that closing leaves no timer or socket behind.
 */

declare module 'fastify' {
  interface FastifyRequest {
    bssFault: FaultDecision | undefined;
  }
}

/** Sockets held by `hang`, with their timers: closed when the simulator closes. */
class HeldSockets {
  private readonly held = new Map<Socket, NodeJS.Timeout>();

  hold(socket: Socket, maxMs: number): void {
    const release = () => {
      clearTimeout(this.held.get(socket));
      this.held.delete(socket);
    };
    this.held.set(socket, setTimeout(() => socket.destroy(), maxMs));
    socket.once('close', release);
  }

  closeAll(): void {
    for (const [socket, timer] of this.held) {
      clearTimeout(timer);
      socket.destroy();
    }
    this.held.clear();
  }
}

function jsonFault(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).header('x-bss-fault', code).type('application/json; charset=utf-8').send({ error: { code, message } });
}

/** Installs the fault hooks; `closing` aborts every injected wait. */
export function installFaults(app: FastifyInstance, table: FaultTable, closing: AbortSignal): void {
  const held = new HeldSockets();
  app.decorateRequest('bssFault', undefined);
  app.addHook('onClose', (_instance, done) => {
    held.closeAll();
    done();
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/v1/')) return;
    const decision = table.decide(request.method, path);
    if (!decision) return;
    request.bssFault = decision;
    if (decision.latencyMs > 0) {
      const clientGone = new AbortController();
      reply.raw.once('close', () => clientGone.abort());
      try {
        await delay(decision.latencyMs, undefined, { signal: AbortSignal.any([closing, clientGone.signal]) });
      } catch {
        // The client left or the simulator is closing: nobody is waiting for an answer.
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      }
      reply.header('x-bss-latency-ms', String(decision.latencyMs));
    }
    switch (decision.mode) {
      case 'http500':
        return jsonFault(reply, 500, 'INJECTED_FAULT', 'injected fault: internal error of the billing system');
      case 'http503':
        reply.header('retry-after', '1');
        return jsonFault(reply, 503, 'UNAVAILABLE', 'injected fault: the billing system is unavailable');
      case 'html':
        return reply.code(decision.rule.htmlStatus).header('x-bss-fault', 'html').type('text/html; charset=utf-8').send(gatewayErrorPage(decision.rule.htmlStatus));
      case 'hang':
        reply.hijack();
        held.hold(request.raw.socket, decision.rule.hangMs);
        return reply;
      case 'reset':
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      default:
        // badJson and slowBody change the real answer: onSend below.
        return;
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const mode = request.bssFault?.mode;
    if (mode !== 'badJson' && mode !== 'slowBody') return payload;
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : undefined;
    if (body === undefined) return payload;
    reply.header('x-bss-fault', mode);
    if (mode === 'badJson') return truncateJson(body.toString());
    reply.removeHeader('content-length');
    const { chunkBytes, intervalMs } = request.bssFault?.rule.slowBody ?? { chunkBytes: 16, intervalMs: 200 };
    return tricklingBody(body, chunkBytes, intervalMs);
  });
}
