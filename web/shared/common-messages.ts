/** Texts every app uses (keypads, error codes). Each app adds its own on top. */
import type { Messages } from './i18n.tsx';

export const commonMessages: Messages = {
  en: {
    keypad: 'Keypad',
    keyBack: 'Delete last digit',
    keyClear: 'Clear',
    pinCount: '{n} of 6 digits entered',
    language: 'Language',
    'status.pending': 'Waiting',
    'status.paid': 'Paid',
    'status.partially_refunded': 'Partly refunded',
    'status.refunded': 'Refunded',
    'status.closed': 'Closed',
    'status.expired': 'Expired',
    'error.network_error': 'The platform cannot be reached. Check the network and try again.',
    'error.auth_invalid': 'This key is not valid.',
    'error.auth_missing': 'A key is needed.',
    'error.terminal_revoked': 'This terminal key was revoked. Ask the operator for a new one.',
    'error.merchant_currency_mismatch': 'This currency is not the merchant’s currency.',
    'error.order_expired': 'This order has expired.',
    'error.order_closed': 'This order was closed.',
    'error.order_already_paid': 'This order is already paid.',
    'error.wallet_balance_insufficient': 'Not enough balance.',
    'error.refund_amount_exceeds_paid': 'More than what is left to refund.',
    'error.merchant_balance_insufficient': 'The merchant balance cannot cover this refund.',
    'error.generic': 'Something went wrong ({code}).',
  },
  'zh-CN': {
    keypad: '数字键盘',
    keyBack: '删除一位',
    keyClear: '清除',
    pinCount: '已输入 {n} 位，共 6 位',
    language: '语言',
    'status.pending': '等待支付',
    'status.paid': '已支付',
    'status.partially_refunded': '部分退款',
    'status.refunded': '已退款',
    'status.closed': '已关闭',
    'status.expired': '已过期',
    'error.network_error': '无法连接平台，请检查网络后重试。',
    'error.auth_invalid': '密钥无效。',
    'error.auth_missing': '需要密钥。',
    'error.terminal_revoked': '此终端密钥已被吊销，请向运营方申请新密钥。',
    'error.merchant_currency_mismatch': '币种与商户币种不一致。',
    'error.order_expired': '订单已过期。',
    'error.order_closed': '订单已关闭。',
    'error.order_already_paid': '订单已支付。',
    'error.wallet_balance_insufficient': '余额不足。',
    'error.refund_amount_exceeds_paid': '超过可退金额。',
    'error.merchant_balance_insufficient': '商户余额不足以退款。',
    'error.generic': '出错了（{code}）。',
  },
};

export function mergeMessages(...sets: Messages[]): Messages {
  const out: Messages = { en: {}, 'zh-CN': {} };
  for (const set of sets) {
    Object.assign(out.en, set.en);
    Object.assign(out['zh-CN'], set['zh-CN']);
  }
  return out;
}

/** The message for an API error code, falling back to a generic one that names the code. */
export function errorText(t: (key: string, vars?: Record<string, string>) => string, code: string) {
  const key = `error.${code}`;
  const text = t(key);
  return text === key ? t('error.generic', { code }) : text;
}
