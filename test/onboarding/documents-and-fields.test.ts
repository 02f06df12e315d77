import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { documentBytesMax, documentUploadsPerApplicationMax } from '../../src/lib/limits.ts';
import { startTestPlatform, storeKinds, testAdminKey,
  type TestPlatform } from '../support/platform.ts';
import { businessFields, jpegWithExif, onboardingApi, pdfBytes, pngBytes,
  type OnboardingApi } from './helpers.ts';

for (const kind of storeKinds()) {
  describe(`onboarding: documents and field validation (${kind})`, () => {
    let platform: TestPlatform;
    let api: OnboardingApi;
    let who: Awaited<ReturnType<OnboardingApi['applicant']>>;
    let id: string;

    before(async () => {
      platform = await startTestPlatform(kind);
      api = onboardingApi(platform.app);
      who = await api.applicant();
      id = (await api.post('/v1/applications', { kind: 'business' }, who.token)).body.id;
    });
    after(async () => platform.destroy());

    const upload = (bytes: Buffer, type: string, doc = 'licence', target = id) =>
      api.put(`/v1/applications/${target}/documents/${doc}`, bytes, type, who.token);

    test('documents are recognised by their bytes: unknown bytes and a mismatched type fail',
      async () => {
      const text = await upload(Buffer.from('GIF89a not really'), 'image/png');
      assert.equal(text.status, 415);
      assert.equal(text.body.error.code, 'document_type_unrecognized');
      const mismatch = await upload(pngBytes, 'image/jpeg');
      assert.equal(mismatch.status, 422);
      assert.equal(mismatch.body.error.code, 'document_type_mismatch');
      assert.equal(mismatch.body.error.detected, 'image/png');
      const pdf = await upload(pdfBytes, 'application/pdf');
      assert.equal(pdf.status, 200, JSON.stringify(pdf.body));
      assert.equal(pdf.body.mediaType, 'application/pdf');
      const json = await api.call('PUT', `/v1/applications/${id}/documents/licence`, who.token,
        Buffer.from('{}'), 'text/plain');
      assert.equal(json.status, 415);
    });

    test('a document over the size limit fails with document_too_large', async () => {
      const big = Buffer.concat([jpegWithExif(), Buffer.alloc(documentBytesMax)]);
      const r = await upload(big, 'image/jpeg');
      assert.equal(r.status, 413);
      assert.equal(r.body.error.code, 'document_too_large');
    });

    test('JPEG metadata is stripped and the file is served only to its applicant and reviewers',
      async () => {
      const photo = jpegWithExif('GPS 26.07N 119.30E');
      const r = await upload(photo, 'image/jpeg', 'storefront');
      assert.equal(r.status, 200);
      assert.ok(r.body.bytes < photo.length);
      for (const key of [who.token, testAdminKey]) {
        const got = await api.get(`/v1/applications/${id}/documents/storefront`, key);
        assert.equal(got.status, 200);
        assert.equal(got.headers['content-type'], 'image/jpeg');
        assert.equal(got.raw.includes(Buffer.from('GPS')), false, 'the EXIF block is gone');
        assert.deepEqual(got.raw.subarray(0, 3), Buffer.from([0xff, 0xd8, 0xff]));
      }
      const other = await api.applicant();
      const denied = await api.get(`/v1/applications/${id}/documents/storefront`, other.token);
      assert.equal(denied.status, 404);
      const anonymous = await api.get(`/v1/applications/${id}/documents/storefront`);
      assert.equal(anonymous.status, 401);
    });

    test('uploads per application are limited', async () => {
      const fresh = (await api.post('/v1/applications', { kind: 'micro' },
        who.token)).body.id as string;
      for (let i = 0; i < documentUploadsPerApplicationMax; i += 1) {
        const ok = await upload(pngBytes, 'image/png', 'id_front', fresh);
        assert.equal(ok.status, 200);
      }
      const over = await upload(pngBytes, 'image/png', 'id_front', fresh);
      assert.equal(over.status, 409);
      assert.equal(over.body.error.code, 'document_uploads_exhausted');
    });

    const cases: [string, string, string][] = [
      ['uscc', '91350100M000100Y4', 'uscc_length_invalid'],
      ['uscc', '91350100M000100Y4O', 'uscc_character_invalid'],
      ['uscc', '91350100M000100Y44', 'uscc_check_digit_mismatch'],
      ['legalRepIdNumber', '11010519491231002', 'resident_id_length_invalid'],
      ['legalRepIdNumber', '110105491231002', 'resident_id_first_generation_unsupported'],
      ['legalRepIdNumber', '110105194912310021', 'resident_id_check_digit_mismatch'],
      ['settlementCardNumber', '6222021234567890127', 'bank_card_luhn_mismatch'],
      ['settlementCardNumber', '622202123456789', 'bank_card_length_invalid'],
      ['settlementCardNumber', '6222-0212-abcd-0128', 'bank_card_character_invalid'],
      ['contactPhone', '12800138000', 'phone_prefix_invalid'],
      ['contactPhone', '+44 7700 900123', 'phone_country_code_unsupported'],
      ['contactEmail', 'owner.example.com', 'email_at_sign_invalid'],
      ['contactEmail', 'owner@localhost', 'email_domain_invalid'],
      ['licenceValidFrom', '2015-02-30', 'application_field_invalid'],
      ['mcc', '58', 'application_field_invalid'],
      ['storeName', 'A store name far longer than twenty-five', 'application_field_invalid'],
    ];
    for (const [field, value, code] of cases) {
      test(`${field} ${JSON.stringify(value)} is refused with ${code}`, async () => {
        const r = await api.patch(`/v1/applications/${id}`, { fields: { [field]: value } },
          who.token);
        assert.equal(r.status, 422, JSON.stringify(r.body));
        assert.equal(r.body.error.code, code);
        assert.equal(r.body.error.param, field);
      });
    }

    test('values are stored normalized: spaces, full-width characters and a lowercase x',
      async () => {
      const r = await api.patch(`/v1/applications/${id}`, {
        fields: { uscc: ' 91350100m000100y43 ', legalRepIdNumber: '１１０１０５１９４９１２３１００２x',
          contactPhone: '+86 138-0013-8000', settlementCardNumber: '6222 0212 3456 7890 128' },
      }, who.token);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.fields.uscc, '91350100M000100Y43');
      assert.equal(r.body.fields.legalRepIdNumber, '11010519491231002X',
        'drafts show the whole value');
      assert.equal(r.body.fields.contactPhone, '13800138000');
      assert.equal(r.body.fields.settlementCardNumber, '6222021234567890128');
    });

    test('licence dates must be in order, micro applications have no licence fields', async () => {
      const r = await api.patch(`/v1/applications/${id}`, {
        fields: { licenceValidFrom: '2020-01-01', licenceValidTo: '2019-12-31' },
      }, who.token);
      assert.equal(r.body.error.code, 'application_licence_dates_invalid');
      const micro = await api.post('/v1/applications', { kind: 'micro',
        fields: { uscc: businessFields().uscc } }, who.token);
      assert.equal(micro.body.error.code, 'application_field_not_applicable');
      assert.equal(micro.body.error.param, 'uscc');
    });

    test('sign-up and sign-in failures have codes; bad password and unknown email look alike', async () => {
      const short = await api.post('/v1/applicants', { email: 'x@example.com', password: 'short' });
      assert.equal(short.body.error.code, 'applicant_password_length_invalid');
      const badEmail = await api.post('/v1/applicants', { email: 'nobody',
        password: 'long enough pass' });
      assert.equal(badEmail.body.error.code, 'email_at_sign_invalid');
      assert.equal(badEmail.body.error.param, 'email');
      const taken = await api.post('/v1/applicants', { email: who.email.toUpperCase(),
        password: 'long enough pass' });
      assert.equal(taken.body.error.code, 'applicant_email_taken');
      const wrong = await api.post('/v1/applicants/sessions', { email: who.email,
        password: 'wrong password!' });
      const unknown = await api.post('/v1/applicants/sessions', { email: 'ghost@example.com',
        password: 'wrong password!' });
      assert.equal(wrong.status, 401);
      assert.deepEqual(wrong.body, unknown.body);
      assert.equal(wrong.body.error.code, 'applicant_credentials_invalid');
    });

    test('an applicant session ends after its lifetime', async () => {
      const clock = platform.deps.clock as { nowMs: () => number };
      const realNow = clock.nowMs;
      clock.nowMs = () => realNow() + 13 * 60 * 60 * 1000;
      try {
        const r = await api.get('/v1/applicants/me', who.token);
        assert.equal(r.status, 401);
        assert.equal(r.body.error.code, 'applicant_session_expired');
      } finally {
        clock.nowMs = realNow;
      }
    });
  });
}
