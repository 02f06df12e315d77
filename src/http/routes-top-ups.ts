/**
 * The consumer's own top-up, in the demo setup only (`startPlatform({ demoTopUps: true })`, set
 * by `qrpay serve` unless `--no-demo`). The policy route lets the wallet show its "Top up"
 * button only where it works.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import { topUpOwnWallet } from '../app/wallet-top-ups.ts';
import { walletTopUpAmountMinorMax } from '../lib/limits.ts';
import { bodies, errorResponses, ref } from './schemas.ts';
import type { HttpContext } from './server.ts';

const walletOnly = { auth: ['wallet'] } as const;

function walletOf(request: FastifyRequest) {
  const caller = request.caller;
  if (caller?.kind !== 'wallet') throw new AppError('auth_forbidden', 'this endpoint is for wallets');
  return caller.wallet;
}

export function walletTopUpRoutes(options: { enabled: boolean }) {
  return (app: FastifyInstance, { deps }: HttpContext) => {
    app.get('/v1/wallets/me/top-up-policy', {
      config: walletOnly,
      schema: {
        tags: ['wallet'],
        summary: 'Whether this deployment lets a wallet top itself up (the demo setup)',
        response: {
          200: {
            type: 'object',
            properties: {
              object: { type: 'string', enum: ['top_up_policy'] },
              enabled: { type: 'boolean' },
              amountMax: { type: 'integer' },
            },
          },
          ...errorResponses,
        },
      },
    }, async () => ({
      object: 'top_up_policy',
      enabled: options.enabled,
      amountMax: walletTopUpAmountMinorMax,
    }));

    app.post('/v1/wallets/me/top-ups', {
      config: walletOnly,
      schema: {
        tags: ['wallet'],
        summary: 'Top up this wallet from the simulated bank (demo setup only)',
        description: `At most ${walletTopUpAmountMinorMax} minor units per call; 403 ` +
          'wallet_top_up_disabled outside the demo setup.',
        body: bodies.topUp,
        response: { 200: ref('Wallet'), ...errorResponses },
      },
    }, async (request) => {
      const body = request.body as { amount: number; currency: string };
      return topUpOwnWallet(deps, options.enabled, walletOf(request), body);
    });
  };
}
