// A local AWS KMS endpoint on 127.0.0.1 (AWS JSON 1.1: Encrypt, Decrypt, GenerateDataKey, DescribeKey):
// the key material stays in this process, so a handler's unmodified KMS client decrypts Cognito's codes.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running local KMS. */
export interface LocalKms {
  /** `http://127.0.0.1:PORT` — what AWS_ENDPOINT_URL_KMS is set to. */
  endpoint: string;
  /** Operations served so far (`TrentService.Decrypt` …), oldest first. */
  readonly calls: string[];
  stop(): Promise<void>;
}

const MAGIC = Buffer.from('LKMS1');
const KEY_ID = /^arn:aws[\w-]*:kms:([a-z0-9-]+):(\d{12}):key\/([\w-]+)$/;

class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** The encryption context as additional authenticated data: the same map in any key order gives the same bytes. */
function aad(context: unknown): Buffer {
  const c = (context ?? {}) as Record<string, string>;
  return Buffer.from(JSON.stringify(Object.keys(c).sort().map((k) => [k, c[k]])));
}

/** Holds one random 256-bit key per key ARN and seals data under it (AES-256-GCM). */
class KeyRing {
  private readonly keys = new Map<string, { material: Buffer; created: number }>();

  constructor(private readonly known: readonly string[]) {}

  arnOf(keyId: unknown): string {
    if (typeof keyId !== 'string' || !keyId) throw new KmsError('ValidationException', 'KeyId is required.');
    const arn = KEY_ID.test(keyId) ? keyId : this.known.find((k) => k.endsWith(`/${keyId}`));
    if (!arn) throw new KmsError('NotFoundException', `Key '${keyId}' does not exist (the local KMS knows ${this.known.join(', ')}).`);
    return arn;
  }

  private material(arn: string): Buffer {
    let k = this.keys.get(arn);
    if (!k) {
      k = { material: randomBytes(32), created: Math.floor(Date.now() / 1000) };
      this.keys.set(arn, k);
    }
    return k.material;
  }

  created(arn: string): number {
    this.material(arn);
    return this.keys.get(arn)?.created ?? 0;
  }

  seal(arn: string, plaintext: Buffer, context: unknown): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.material(arn), iv);
    c.setAAD(aad(context));
    const body = Buffer.concat([c.update(plaintext), c.final()]);
    const id = Buffer.from(arn);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(id.length);
    return Buffer.concat([MAGIC, len, id, iv, c.getAuthTag(), body]);
  }

  open(blob: Buffer, context: unknown, expectedKeyId: unknown): { arn: string; plaintext: Buffer } {
    if (blob.length < MAGIC.length + 2 || !blob.subarray(0, MAGIC.length).equals(MAGIC)) throw new KmsError('InvalidCiphertextException', 'The ciphertext was not produced by this local KMS.');
    const len = blob.readUInt16BE(MAGIC.length);
    const at = MAGIC.length + 2;
    const arn = blob.subarray(at, at + len).toString();
    if (expectedKeyId !== undefined && this.arnOf(expectedKeyId) !== arn) throw new KmsError('IncorrectKeyException', `The ciphertext was encrypted under ${arn}, not ${String(expectedKeyId)}.`);
    if (!this.keys.has(arn)) throw new KmsError('InvalidCiphertextException', 'The key of this ciphertext is not held by this local KMS (it was made by another run).');
    const iv = blob.subarray(at + len, at + len + 12);
    const tag = blob.subarray(at + len + 12, at + len + 28);
    const d = createDecipheriv('aes-256-gcm', this.material(arn), iv);
    d.setAAD(aad(context));
    d.setAuthTag(tag);
    try {
      return { arn, plaintext: Buffer.concat([d.update(blob.subarray(at + len + 28)), d.final()]) };
    } catch {
      throw new KmsError('InvalidCiphertextException', 'The ciphertext or its encryption context does not match.');
    }
  }
}

const b64 = (v: unknown, field: string): Buffer => {
  if (typeof v !== 'string') throw new KmsError('ValidationException', `${field} is required (base64).`);
  return Buffer.from(v, 'base64');
};

function handle(ring: KeyRing, op: string, body: Record<string, unknown>): unknown {
  switch (op) {
    case 'Encrypt': {
      const arn = ring.arnOf(body.KeyId);
      return { CiphertextBlob: ring.seal(arn, b64(body.Plaintext, 'Plaintext'), body.EncryptionContext).toString('base64'), KeyId: arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    }
    case 'GenerateDataKey': {
      const arn = ring.arnOf(body.KeyId);
      const bytes = typeof body.NumberOfBytes === 'number' ? body.NumberOfBytes : body.KeySpec === 'AES_128' ? 16 : 32;
      if (bytes < 1 || bytes > 1024) throw new KmsError('ValidationException', 'NumberOfBytes must be between 1 and 1024.');
      const plaintext = randomBytes(bytes);
      return { CiphertextBlob: ring.seal(arn, plaintext, body.EncryptionContext).toString('base64'), Plaintext: plaintext.toString('base64'), KeyId: arn };
    }
    case 'Decrypt': {
      const { arn, plaintext } = ring.open(b64(body.CiphertextBlob, 'CiphertextBlob'), body.EncryptionContext, body.KeyId);
      return { Plaintext: plaintext.toString('base64'), KeyId: arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    }
    case 'DescribeKey': {
      const arn = ring.arnOf(body.KeyId);
      const m = KEY_ID.exec(arn);
      return {
        KeyMetadata: {
          AWSAccountId: m?.[2],
          KeyId: m?.[3],
          Arn: arn,
          CreationDate: ring.created(arn),
          Enabled: true,
          Description: 'Local key of cognito-triggers (custom sender codes)',
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeyState: 'Enabled',
          Origin: 'AWS_KMS',
          KeyManager: 'CUSTOMER',
          CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
          KeySpec: 'SYMMETRIC_DEFAULT',
          EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
          MultiRegion: false,
        },
      };
    }
    default:
      throw new KmsError('UnknownOperationException', `The local KMS serves Encrypt, Decrypt, GenerateDataKey and DescribeKey, not ${op}.`);
  }
}

/** Starts the endpoint on 127.0.0.1 (port 0 = any free port) for the given key ARNs. */
export async function startLocalKms(keyArns: readonly string[], port = 0): Promise<LocalKms> {
  for (const k of keyArns) if (!KEY_ID.test(k)) throw new Error(`Not a KMS key ARN: ${k} (expected arn:aws:kms:REGION:ACCOUNT:key/ID).`);
  const ring = new KeyRing(keyArns);
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const op = target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : target;
      calls.push(target);
      let status = 200;
      let out: unknown;
      try {
        const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
        out = handle(ring, op, body);
      } catch (e) {
        status = 400;
        out = e instanceof KmsError ? { __type: e.type, message: e.message } : { __type: 'SerializationException', message: (e as Error).message };
      }
      const text = JSON.stringify(out);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
