import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM envelopes for gateway secrets: "v1.<kekId>.<iv>.<tag>.<ciphertext>" (base64url parts).
 * The key id travels with the envelope so several key-encryption keys can be live while rotating.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly currentKeyId: string,
    keys: Record<string, Buffer>,
  ) {
    this.keys = new Map(Object.entries(keys));
    const current = this.keys.get(currentKeyId);
    if (!current || current.length !== 32) throw new Error(`key-encryption key ${currentKeyId} must be 32 bytes`);
  }

  /** Builds the box from PAYRAIL_KEK / PAYRAIL_KEK_ID / PAYRAIL_KEK_PREVIOUS ("id:base64,id:base64"). */
  static fromConfig(config: { PAYRAIL_KEK: string; PAYRAIL_KEK_ID: string; PAYRAIL_KEK_PREVIOUS: string }): SecretBox {
    const keys: Record<string, Buffer> = {};
    for (const entry of config.PAYRAIL_KEK_PREVIOUS.split(',').filter(Boolean)) {
      const [id, material] = entry.split(':');
      if (id && material) keys[id] = Buffer.from(material, 'base64');
    }
    keys[config.PAYRAIL_KEK_ID] = Buffer.from(config.PAYRAIL_KEK, 'base64');
    return new SecretBox(config.PAYRAIL_KEK_ID, keys);
  }

  get keyId(): string {
    return this.currentKeyId;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
    return ['v1', this.currentKeyId, ...parts].join('.');
  }

  open(envelope: string): string {
    const [version, keyId, iv, tag, ciphertext] = envelope.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined) throw new Error('malformed secret envelope');
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** The key id an envelope was sealed with, to find what still needs re-encryption. */
  static keyIdOf(envelope: string): string | undefined {
    return envelope.split('.')[1];
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new Error(`no key-encryption key with id ${id} is configured`);
    return key;
  }
}

/** The last four characters, enough for a person to recognise a key without revealing it. */
export function secretHint(secret: string): string {
  return secret.slice(-4);
}
