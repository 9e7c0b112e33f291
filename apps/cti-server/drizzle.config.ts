import { defineConfig } from 'drizzle-kit';

/**
 * `npx drizzle-kit generate` diffs src/adapters/db/schema.ts (and emailSchema.ts, smsSchema.ts, cannedResponseSchema.ts, smsCampaignSchema.ts, flowSchema.ts, customerSchema.ts, workOrderSchema.ts, addInSchema.ts) against the
 * snapshots in ./drizzle and writes the next SQL migration there. The server
 * applies them at start (src/adapters/db/migrate.ts); no DB is needed here.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/adapters/db/schema.ts', './src/adapters/db/emailSchema.ts', './src/adapters/db/smsSchema.ts', './src/adapters/db/cannedResponseSchema.ts', './src/adapters/db/smsCampaignSchema.ts', './src/adapters/db/flowSchema.ts', './src/adapters/db/customerSchema.ts', './src/adapters/db/workOrderSchema.ts', './src/adapters/db/addInSchema.ts'],
  out: './drizzle',
  strict: true,
  verbose: true,
});
