import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentUploadsPerApplicationMax } from '../../lib/limits.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { Application, DocumentKind, MediaType, StoredDocument } from './types.ts';
import { requireEditable, transition } from './applications.ts';
import { stripImageMetadata } from './image-metadata.ts';

export const documentMediaTypes: readonly MediaType[] = [
  'image/jpeg', 'image/png', 'image/webp', 'application/pdf',
];

/** The type a file's first bytes say it is; names and headers are not trusted. */
export function sniffMediaType(bytes: Buffer): MediaType | undefined {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return undefined;
}

/** Content-addressed files: <uploads>/<first two hex digits>/<sha256>. */
export class DocumentFiles {
  constructor(readonly dir: string) {}

  private path(sha256: string) {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  write(bytes: Buffer): string {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.path(sha256);
    if (existsSync(path)) return sha256;
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes, { mode: 0o600 });
    renameSync(temporary, path);
    return sha256;
  }

  read(sha256: string): Buffer {
    return readFileSync(this.path(sha256));
  }
}

export function checkDocumentBytes(declared: string, bytes: Buffer): MediaType {
  const sniffed = sniffMediaType(bytes);
  if (!sniffed) {
    throw new AppError('document_type_unrecognized', 'documents are JPEG, PNG, WebP or PDF files');
  }
  if (sniffed !== declared) {
    throw new AppError('document_type_mismatch', `the body is ${sniffed}, not ${declared}`, {
      detected: sniffed,
    });
  }
  return sniffed;
}

/** Stores an upload (metadata stripped) and links it to the application under `kind`. */
export async function uploadDocument(
  deps: AppDeps,
  files: DocumentFiles,
  before: Application,
  upload: { kind: DocumentKind; declaredType: string; bytes: Buffer },
): Promise<StoredDocument> {
  requireEditable(before);
  if (before.uploads >= documentUploadsPerApplicationMax) {
    throw new AppError('document_uploads_exhausted',
      `at most ${documentUploadsPerApplicationMax} uploads`);
  }
  const mediaType = checkDocumentBytes(upload.declaredType, upload.bytes);
  const clean = stripImageMetadata(mediaType, upload.bytes);
  const sha256 = files.write(clean);
  const now = deps.clock.nowMs();
  const document: StoredDocument = {
    applicationId: before.id, kind: upload.kind, sha256, mediaType, bytes: clean.length,
      uploadedAtMs: now,
  };
  const after: Application = { ...before, uploads: before.uploads + 1, updatedAtMs: now };
  await deps.store.write(async (tx) => {
    await transition(tx, before, after, { actor: '', reason: null, detail: null });
    await tx.kyc.putDocument(document);
  });
  return document;
}

export async function readDocument(deps: AppDeps, files: DocumentFiles, id: string,
  kind: DocumentKind) {
  const document = await deps.store.read.kyc.getDocument(id, kind);
  if (!document) throw new AppError('document_not_found', `no ${kind} document on ${id}`);
  return { document, bytes: files.read(document.sha256) };
}
