/** Texts of the demo top-up, in English and Chinese (zh-CN). */
import type { Messages } from '../shared/i18n.tsx';

export const topUpMessages: Messages = {
  en: {
    topUp: 'Top up (demo)',
    topUpPresets: 'Amounts',
    topUpAmount: 'Amount',
    topUpMax: 'At most {amount} per top-up. Demo money from a simulated bank.',
    topUpConfirm: 'Top up now',
    topUpDone: 'Topped up {amount}.',
  },
  'zh-CN': {
    topUp: '充值（演示）',
    topUpPresets: '金额',
    topUpAmount: '金额',
    topUpMax: '单次最多 {amount}。演示资金来自模拟银行。',
    topUpConfirm: '立即充值',
    topUpDone: '已充值 {amount}。',
  },
};
