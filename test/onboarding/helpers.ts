import type { FastifyInstance } from 'fastify';
import { testAdminKey } from '../support/platform.ts';

export interface Res {
  status: number;
  body: any;
  headers: Record<string, unknown>;
  raw: Buffer;
}

/** Published codes: a real licence (the example), the GB 11643 sample ID, a Luhn card. */
export const valid = {
  uscc: '91350100M000100Y43',
  otherUscc: '9144030071526726XG',
  idNumber: '11010519491231002X',
  card: '6222021234567890128',
  otherCard: '4111111111111111',
  phone: '13800138000',
  email: 'owner@example.com',
};

export function businessFields(overrides: Record<string, string | null> = {}) {
  return {
    legalName: '福州示例贸易有限公司',
    uscc: valid.uscc,
    licenceValidFrom: '2015-01-01',
    licenceValidTo: 'long_term',
    registeredAddress: '福建省福州市鼓楼区五四路 1 号',
    legalRepName: '张三',
    legalRepIdNumber: valid.idNumber,
    contactPhone: valid.phone,
    contactEmail: valid.email,
    settlementAccountHolder: '福州示例贸易有限公司',
    settlementCardNumber: valid.card,
    storeName: 'Demo Tea House',
    storeCity: 'Fuzhou',
    storeAddress: '福建省福州市鼓楼区五四路 1 号 101',
    mcc: '5812',
    ...overrides,
  };
}

export function microFields(overrides: Record<string, string | null> = {}) {
  const { legalRepName, legalRepIdNumber, contactPhone, contactEmail, settlementAccountHolder,
    settlementCardNumber, storeName, storeCity, storeAddress, mcc } = businessFields();
  return { legalRepName, legalRepIdNumber, contactPhone, contactEmail,
    settlementAccountHolder: settlementAccountHolder && '张三', settlementCardNumber, storeName,
    storeCity, storeAddress, mcc, ...overrides };
}

/** A tiny JPEG: SOI, JFIF APP0, an EXIF APP1 with a GPS note, start of scan, data, EOI. */
export function jpegWithExif(tag = 'GPS 26.07N 119.30E'): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01,
    0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const exifBody = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tag, 'latin1')]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(exifBody.length + 2), exifBody]);
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
  const data = Buffer.from([0x12, 0x34, 0x56, 0x78, 0xff, 0xd9]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, app1, sos, data]);
}

function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

export const pngBytes = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('0000000049454e44ae426082', 'hex'),
]);
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
  'latin1');

/** The onboarding API through app.inject: JSON calls and raw uploads. */
export function onboardingApi(app: FastifyInstance) {
  async function call(method: string, url: string, key?: string, body?: unknown,
    type?: string): Promise<Res> {
    const headers: Record<string, string> = {};
    if (key) headers['authorization'] = `Bearer ${key}`;
    let payload: string | Buffer | undefined;
    if (Buffer.isBuffer(body)) {
      payload = body;
      headers['content-type'] = type ?? 'application/octet-stream';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const r = await app.inject({ method: method as 'GET', url, headers, ...(payload === undefined
      ? {} : { payload }) });
    const isJson = String(r.headers['content-type'] ?? '').includes('json');
    return { status: r.statusCode, body: isJson ? r.json() : r.body, headers: r.headers,
      raw: r.rawPayload };
  }
  const api = {
    call,
    get: (url: string, key?: string) => call('GET', url, key),
    post: (url: string, body: unknown, key?: string) => call('POST', url, key, body),
    patch: (url: string, body: unknown, key?: string) => call('PATCH', url, key, body),
    put: (url: string, bytes: Buffer, type: string, key?: string) => call('PUT', url, key, bytes,
      type),
  };
  let signUps = 0;
  async function applicant(email = `a${Date.now()}-${(signUps += 1)}@example.com`) {
    const password = 'correct horse battery';
    const up = await api.post('/v1/applicants', { email, password });
    if (up.status !== 201) throw new Error(`sign-up: ${JSON.stringify(up.body)}`);
    const session = await api.post('/v1/applicants/sessions', { email, password });
    if (session.status !== 201) throw new Error(`sign-in: ${JSON.stringify(session.body)}`);
    return { id: up.body.id as string, email, password, token: session.body.token as string };
  }
  /** A complete application with its documents, submitted. */
  async function submitted(kind: 'business' | 'micro', fields: Record<string, string | null>) {
    const who = await applicant();
    const created = await api.post('/v1/applications', { kind, fields }, who.token);
    if (created.status !== 201) throw new Error(`create: ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    const kinds = kind === 'business' ? ['licence', 'id_front', 'id_back',
      'storefront'] : ['id_front', 'id_back', 'storefront'];
    for (const k of kinds) {
      const up = await api.put(`/v1/applications/${id}/documents/${k}`, jpegWithExif(k),
        'image/jpeg', who.token);
      if (up.status !== 200) throw new Error(`upload: ${JSON.stringify(up.body)}`);
    }
    const sent = await api.post(`/v1/applications/${id}/submit`, {}, who.token);
    if (sent.status !== 200) throw new Error(`submit: ${JSON.stringify(sent.body)}`);
    return { who, id };
  }
  async function claim(id: string, reviewer = 'li.reviewer') {
    const r = await api.post(`/v1/review/applications/${id}/claim`, { reviewer }, testAdminKey);
    if (r.status !== 200) throw new Error(`claim: ${JSON.stringify(r.body)}`);
    return r.body.claimToken as string;
  }
  async function approve(id: string) {
    const token = await claim(id);
    const r = await api.post(`/v1/review/applications/${id}/approve`, { claimToken: token },
      testAdminKey);
    if (r.status !== 200) throw new Error(`approve: ${JSON.stringify(r.body)}`);
    return r.body;
  }
  return { ...api, applicant, submitted, claim, approve };
}

export type OnboardingApi = ReturnType<typeof onboardingApi>;
