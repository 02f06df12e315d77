import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestPlatform, storeKinds, testAdminKey,
  type TestPlatform } from '../support/platform.ts';
import { businessFields, onboardingApi, pngBytes, valid, type OnboardingApi } from './helpers.ts';

for (const kind of storeKinds()) {
  describe(`onboarding: reject, changes, resubmit, claims (${kind})`, () => {
    let platform: TestPlatform;
    let api: OnboardingApi;

    before(async () => {
      platform = await startTestPlatform(kind);
      api = onboardingApi(platform.app);
    });
    after(async () => platform.destroy());

    const act = (id: string, action: string, body: unknown) =>
      api.post(`/v1/review/applications/${id}/${action}`, body, testAdminKey);

    test('a rejected application is corrected and resubmitted; history names the changed fields',
      async () => {
      const { who, id } = await api.submitted('business',
        businessFields({ storeName: 'Wrong Name' }));
      const token = await api.claim(id);
      const rejected = await act(id, 'reject', { claimToken: token,
        reason: 'store name differs from photo' });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
      assert.equal(rejected.body.state, 'rejected');

      const fixed = await api.patch(`/v1/applications/${id}`, {
        fields: { storeName: 'Demo Tea House', settlementCardNumber: valid.otherCard },
      }, who.token);
      assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
      assert.equal(fixed.body.fields.settlementCardNumber, '****1111', 'masked after a submission');
      await api.put(`/v1/applications/${id}/documents/storefront`, pngBytes, 'image/png',
        who.token);
      const again = await api.post(`/v1/applications/${id}/submit`, {}, who.token);
      assert.equal(again.body.state, 'submitted');

      const history = await api.get(`/v1/applications/${id}/history`, testAdminKey);
      const resubmission = history.body.data.at(-1);
      assert.equal(resubmission.from, 'rejected');
      assert.equal(resubmission.to, 'submitted');
      assert.deepEqual(resubmission.detail.changedFields, [
        'settlementCardNumber', 'storeName', 'document:storefront',
      ]);
      assert.equal(history.body.data.find((h: { to: string }) => h.to === 'rejected').reason,
        'store name differs from photo');
      const approved = await api.approve(id);
      assert.equal(approved.state, 'approved');
      assert.match(approved.merchantId, /^mer_/);
    });

    test('changes requested on named fields reach the applicant with a reason each', async () => {
      const { who, id } = await api.submitted('business', businessFields());
      const token = await api.claim(id);
      const unknown = await act(id, 'request-changes', { claimToken: token,
        fields: { shoeSize: 'x' } });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.error.code, 'application_field_unknown');
      assert.equal(unknown.body.error.param, 'fields.shoeSize');
      const asked = await act(id, 'request-changes', {
        claimToken: token,
        fields: { registeredAddress: '与执照不符', id_back: 'blurred' },
      });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      const seen = await api.get(`/v1/applications/${id}`, who.token);
      assert.equal(seen.body.state, 'needs_changes');
      assert.deepEqual(seen.body.reasons, { registeredAddress: '与执照不符', id_back: 'blurred' });
      const edit = await api.patch(`/v1/applications/${id}`, {
        fields: { registeredAddress: '福建省福州市鼓楼区五四路 2 号' },
      }, who.token);
      assert.equal(edit.status, 200);
      const resubmitted = await api.post(`/v1/applications/${id}/submit`, {}, who.token);
      assert.equal(resubmitted.body.state, 'submitted');
      assert.deepEqual(resubmitted.body.reasons, {});
    });

    test('of two reviewers racing for a case one gets the claim; acting without it fails',
      async () => {
      const { id } = await api.submitted('business', businessFields());
      const [a, b] = await Promise.all([
        api.post(`/v1/review/applications/${id}/claim`, { reviewer: 'wang' }, testAdminKey),
        api.post(`/v1/review/applications/${id}/claim`, { reviewer: 'zhao' }, testAdminKey),
      ]);
      const statuses = [a.status, b.status].sort();
      assert.deepEqual(statuses, [200, 409]);
      const loser = a.status === 409 ? a : b;
      const winner = a.status === 200 ? a : b;
      assert.equal(loser.body.error.code, 'application_claimed');
      assert.equal(loser.body.error.claimedBy, winner.body.claimedBy);

      const forged = await act(id, 'approve', { claimToken: 'not-the-token' });
      assert.equal(forged.status, 409);
      assert.equal(forged.body.error.code, 'application_claim_required');

      // After the lease runs out another reviewer may take the case; the old token is dead.
      const clock = platform.deps.clock as { nowMs: () => number };
      const realNow = clock.nowMs;
      clock.nowMs = () => realNow() + 16 * 60 * 1000;
      try {
        const late = await act(id, 'approve', { claimToken: winner.body.claimToken });
        assert.equal(late.body.error.code, 'application_claim_required');
        const taken = await api.claim(id, 'sun');
        const done = await act(id, 'reject', { claimToken: taken, reason: 'duplicate' });
        assert.equal(done.body.state, 'rejected');
      } finally {
        clock.nowMs = realNow;
      }
    });

    test('the case page flags another application holding the same licence, ID and card',
      async () => {
      const first = await api.submitted('business', businessFields());
      const second = await api.submitted('business', businessFields());
      const page = await api.get(`/v1/review/applications/${second.id}`, testAdminKey);
      const fields = page.body.checks.duplicates
        .filter((d: { applicationId: string }) => d.applicationId === first.id)
        .map((d: { field: string }) => d.field);
      assert.deepEqual(fields, ['uscc', 'legalRepIdNumber', 'settlementCardNumber']);
    });

    test('a draft cannot be approved and a submitted application cannot be edited', async () => {
      const { who, id } = await api.submitted('business', businessFields());
      const edit = await api.patch(`/v1/applications/${id}`, { fields: { storeName: 'X' } },
        who.token);
      assert.equal(edit.status, 409);
      assert.equal(edit.body.error.code, 'application_not_editable');
      const draft = await api.post('/v1/applications', { kind: 'micro' }, who.token);
      const claim = await api.post(`/v1/review/applications/${draft.body.id}/claim`,
        { reviewer: 'x' }, testAdminKey);
      assert.equal(claim.body.error.code, 'application_state_invalid');
      const incomplete = await api.post(`/v1/applications/${draft.body.id}/submit`, {}, who.token);
      assert.equal(incomplete.body.error.code, 'application_field_missing');
      assert.equal(incomplete.body.error.param, 'legalRepName');
    });
  });
}
