import type { z } from 'zod';
import type { ErrorCode, Role } from '@omnicc/shared';

/** One REST route as the OpenAPI document describes it. */
export interface RouteDoc {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify syntax (`/api/admin/queues/:id`). */
  url: string;
  operationId: string;
  summary: string;
  tag: string;
  /** 'public': no token; 'authenticated': any role; a list: only those roles. */
  auth: 'public' | 'authenticated' | readonly Role[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Reply of the success status; none for 204. */
  reply?: z.ZodType;
  status: 200 | 201 | 204;
  /** Codes beyond those the parts imply (401/403 from auth, 400 from schemas, 404 from path parameters). */
  errors: readonly ErrorCode[];
}
