// Custom sender codes encrypted as Cognito encrypts them: an AWS Encryption SDK message under the pool's
// KMS key (held by the local KMS endpoint), and the environment that lets a handler decrypt it.
import { AlgorithmSuiteIdentifier, buildClient, CommitmentPolicy, getClient, KmsKeyringNode } from '@aws-crypto/client-node';
import { KMS } from '@aws-sdk/client-kms';
import { startLocalKms, type LocalKms } from './server';

export { startLocalKms, type LocalKms } from './server';

/** Credentials the handler's KMS client signs with: never real ones, and only the local endpoint accepts them. */
export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDLOCALKMS0000TEST', secretAccessKey: 'local-kms-not-a-secret' };

/** A running local KMS with the code encrypter and the handler environment. */
export interface SenderCrypto {
  kms: LocalKms;
  /** AWS_ENDPOINT_URL_KMS and dummy credentials for the handler's process. */
  env: Record<string, string>;
  /** The code as `request.code`: base64 of an Encryption SDK message. */
  encrypt(code: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the local KMS for `keyArn` and returns the encrypter. Cognito's ciphertext uses algorithm suite
 * 0x0378 (not key-committing; observed, SOURCES.senderCiphertext): the same suite here means a handler
 * that demands key commitment (CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT) fails locally as it
 * fails in AWS.
 */
export async function startSenderCrypto(keyArn: string): Promise<SenderCrypto> {
  const kms = await startLocalKms([keyArn]);
  const clientProvider = getClient(KMS, { endpoint: kms.endpoint, credentials: DUMMY_CREDENTIALS });
  const keyring = new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider });
  const { encrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
  return {
    kms,
    env: {
      AWS_ENDPOINT_URL_KMS: kms.endpoint,
      AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: '',
    },
    async encrypt(code) {
      const { result } = await encrypt(keyring, code, { suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384 });
      return result.toString('base64');
    },
    stop: () => kms.stop(),
  };
}
