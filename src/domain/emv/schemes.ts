import type { MPMDecoded } from './decode-mpm.ts';

/**
 * Names the national scheme or network of a merchant-presented code, from the globally unique
 * identifiers in its merchant account templates (or the primitive IDs card networks reserve).
 */
const byGuid: readonly (readonly [prefix: string, name: string])[] = [
  ['br.gov.bcb.pix', 'PIX (br.gov.bcb.pix)'],
  ['A000000677010111', 'PromptPay (A000000677010111)'],
  ['A000000677010112', 'PromptPay bill payment (A000000677010112)'],
  ['A000000677010113', 'PromptPay e-wallet (A000000677010113)'],
  ['A000000677', 'PromptPay (A000000677)'],
  ['SG.PAYNOW', 'PayNow (SG.PAYNOW)'],
  ['SG.COM.NETS', 'NETS (SG.COM.NETS)'],
  ['SG.SGQR', 'SGQR (SG.SGQR)'],
  ['A000000727', 'VietQR / NAPAS (A000000727)'],
  ['ID.CO.QRIS', 'QRIS (ID.CO.QRIS.WWW)'],
  ['hk.com.hkicl', 'FPS Hong Kong (hk.com.hkicl)'],
  ['jp.or.paymentsjapan', 'JPQR (jp.or.paymentsjapan)'],
  ['A000000615', 'DuitNow (A000000615)'],
  ['A000000524', 'RuPay / Bharat QR (A000000524)'],
];

const byPrimitiveId: Readonly<Record<string, string>> = {
  '02': 'Visa',
  '03': 'Visa',
  '04': 'Mastercard',
  '05': 'Mastercard',
  '09': 'Discover',
  '10': 'Discover',
  '11': 'American Express',
  '12': 'American Express',
  '13': 'JCB',
  '14': 'JCB',
  '15': 'UnionPay',
  '16': 'UnionPay',
};

export function recognizeScheme(decoded: MPMDecoded): string | null {
  const guids = decoded.objects.flatMap((o) => o.children?.filter((c) => c.id === '00') ?? []);
  for (const guid of guids) {
    const upper = guid.value.toUpperCase();
    const hit = byGuid.find(([prefix]) => upper.startsWith(prefix.toUpperCase()));
    if (hit) return hit[1];
  }
  const country = decoded.objects.find((o) => o.id === '58')?.value;
  const accounts = decoded.objects.filter((o) => o.id === '29' || o.id === '30');
  if (country === 'KH' && accounts.length > 0) return 'KHQR / Bakong';
  for (const object of decoded.objects) {
    const network = byPrimitiveId[object.id];
    if (network) return network;
  }
  const first = guids[0];
  return first ? `a scheme with GUID ${first.value}` : null;
}
