import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeMPM } from './decode-mpm.ts';
import { recognizeScheme } from './schemes.ts';

const pix =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000' +
  '5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';
const promptPay = '00020101021129370016A000000677010111011300660000000005802TH530376463048956';

test('recognizeScheme names PIX and PromptPay from their merchant account GUIDs', () => {
  const decodedPix = decodeMPM(pix);
  assert.ok(decodedPix.ok);
  assert.match(recognizeScheme(decodedPix.value) ?? '', /^PIX/);
  const decodedPromptPay = decodeMPM(promptPay, { lenient: true });
  assert.ok(decodedPromptPay.ok);
  assert.match(recognizeScheme(decodedPromptPay.value) ?? '', /^PromptPay/);
});
