import { amountMinorMax } from '../domain/money/amount.ts';
import { currencies } from '../domain/money/currency.ts';
import {
  descriptionLengthMax,
  nameLengthMax,
  orderExpiresInSecondsMax,
  orderExpiresInSecondsMin,
  outTradeNoLengthMax,
} from '../lib/limits.ts';

/** JSON schemas: they validate requests, shape responses and make up the OpenAPI document. */
const currencyCodes = currencies.map((c) => c.code);

export const amount = { type: 'integer', minimum: 1, maximum: amountMinorMax } as const;
export const currency = { type: 'string', enum: currencyCodes } as const;
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const nullable = (type: string) => ({ type: [type, 'null'] }) as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
export const merchantNumber = {
  type: 'string',
  minLength: 1,
  maxLength: outTradeNoLengthMax,
  pattern: '^[A-Za-z0-9_\\-.:]+$',
} as const;

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      // codes carry their own facts (triesRemaining, challengeId, retryAfterSeconds, …)
      additionalProperties: true,
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        param: { type: 'string' },
        position: { type: 'integer' },
        triesRemaining: { type: 'integer' },
        lockedUntil: { type: 'string' },
        orderId: { type: 'string' },
        retryAfterSeconds: { type: 'integer' },
      },
    },
  },
} as const;

export const orderSchema = {
  $id: 'Order',
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { type: 'string', enum: ['order'] },
    merchantId: { type: 'string' },
    terminalId: nullable('string'),
    outTradeNo: { type: 'string' },
    amount: { type: 'integer' },
    currency: { type: 'string' },
    description: nullable('string'),
    status: {
      type: 'string',
      enum: ['pending', 'paid', 'partially_refunded', 'refunded', 'closed', 'expired'],
    },
    fee: { type: 'integer' },
    refundedAmount: { type: 'integer' },
    createdAt: dateTime,
    expiresAt: dateTime,
    scannedAt: nullable('string'),
    paidAt: nullable('string'),
    closedAt: nullable('string'),
    qrCode: {
      type: 'object',
      properties: {
        payload: { type: 'string' },
        svgUrl: { type: 'string' },
        pngUrl: { type: 'string' },
      },
    },
  },
} as const;

export const refundSchema = {
  $id: 'Refund',
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { type: 'string', enum: ['refund'] },
    orderId: { type: 'string' },
    outRefundNo: { type: 'string' },
    amount: { type: 'integer' },
    feeRefunded: { type: 'integer' },
    status: { type: 'string' },
    createdAt: dateTime,
  },
} as const;

export const merchantSchema = {
  $id: 'Merchant',
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { type: 'string' },
    legalName: { type: 'string' },
    displayName: { type: 'string' },
    city: { type: 'string' },
    country: { type: 'string' },
    mcc: { type: 'string' },
    currency: { type: 'string' },
    feeRateBp: { type: 'integer' },
    status: { type: 'string', enum: ['approved', 'suspended'] },
    tier: { type: 'string', enum: ['standard', 'micro'] },
    createdAt: dateTime,
  },
} as const;

export const terminalSchema = {
  $id: 'Terminal',
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { type: 'string' },
    merchantId: { type: 'string' },
    name: { type: 'string' },
    keyPrefix: { type: 'string' },
    status: { type: 'string', enum: ['active', 'revoked'] },
    createdAt: dateTime,
    revokedAt: nullable('string'),
    apiKey: { type: 'string', description: 'Shown once, when the terminal is created.' },
  },
} as const;

export const walletSchema = {
  $id: 'Wallet',
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { type: 'string' },
    currency: { type: 'string' },
    balance: { type: 'integer' },
    lock: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['unlocked', 'locked'] },
        triesRemaining: { type: 'integer' },
        lockedUntil: nullable('string'),
      },
    },
    createdAt: dateTime,
  },
} as const;

export const sharedSchemas = [
  errorSchema,
  orderSchema,
  refundSchema,
  merchantSchema,
  terminalSchema,
  walletSchema,
];

export const ref = (id: string) => ({ $ref: `${id}#` }) as const;

export const listOf = (id: string) =>
  ({
    type: 'object',
    properties: {
      object: { type: 'string' },
      data: { type: 'array', items: ref(id) },
      hasMore: { type: 'boolean' },
      nextCursor: nullable('string'),
    },
  }) as const;

export const errorResponses = {
  '4xx': ref('Error'),
  '5xx': ref('Error'),
} as const;

export const bodies = {
  createMerchant: {
    type: 'object',
    additionalProperties: false,
    required: ['legalName', 'displayName', 'city', 'country', 'mcc', 'currency'],
    properties: {
      legalName: text(nameLengthMax),
      displayName: text(25),
      city: text(15),
      country: { type: 'string', pattern: '^[A-Z]{2}$' },
      mcc: { type: 'string', pattern: '^[0-9]{4}$' },
      currency,
      feeRateBp: { type: 'integer', minimum: 0, maximum: 10_000 },
      tier: { type: 'string', enum: ['standard', 'micro'] },
    },
  },
  createTerminal: {
    type: 'object',
    additionalProperties: false,
    properties: { name: text(nameLengthMax) },
  },
  topUp: {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'currency'],
    properties: { amount, currency },
  },
  createOrder: {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'currency', 'outTradeNo'],
    properties: {
      amount,
      currency,
      outTradeNo: merchantNumber,
      description: text(descriptionLengthMax),
      expiresInSeconds: {
        type: 'integer',
        minimum: orderExpiresInSecondsMin,
        maximum: orderExpiresInSecondsMax,
      },
    },
  },
  refund: {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'outRefundNo'],
    properties: { amount, outRefundNo: merchantNumber },
  },
  createWallet: {
    type: 'object',
    additionalProperties: false,
    required: ['password'],
    properties: {
      password: { type: 'string', pattern: '^[0-9]{6}$' },
      currency,
    },
  },
  scan: {
    type: 'object',
    additionalProperties: false,
    required: ['payload'],
    properties: { payload: { type: 'string', minLength: 1, maxLength: 1024 } },
  },
  pay: {
    type: 'object',
    additionalProperties: false,
    required: ['orderId', 'password'],
    properties: {
      orderId: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', pattern: '^[0-9]{6}$' },
      amount,
    },
  },
} as const;

/** The error code for a field that failed its schema: specific where the field has one. */
export const fieldErrorCodes: Record<string, string> = {
  amount: 'amount_invalid',
  currency: 'currency_unsupported',
  password: 'wallet_password_format_invalid',
};
