// Public API of the credentials library (see README.md). The app imports from "credentials" only through here.
export {
  type ComposeAchievementOptions,
  type ComposeCredentialOptions,
  composeAchievement,
  type SkillAlignmentInput,
  SKILL_FRAMEWORK_ESCO,
  SKILL_FRAMEWORK_OWN,
  composeOpenBadgeCredential,
  hashEmailIdentity,
  statusEntry,
  subjectHasEmail,
  toDateTimeStamp,
} from "./compose";
export { OB_V3_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT, knownContexts } from "./contexts";
export {
  type DocumentLoader,
  DocumentLoaderError,
  type DocumentLoaderErrorCode,
  type DocumentLoaderOptions,
  type LoadStatusList,
  type ResolveController,
  type ResolveDidWeb,
  type StatusListLoadResult,
  createDocumentLoader,
} from "./document-loader";
export { issueCredential } from "./issue";
export {
  type Ed25519KeyPair,
  type EncryptedSecretKey,
  type IssuerKey,
  KeyError,
  type KeyErrorCode,
  type KeySet,
  type KeyStore,
  type StoredKey,
  buildDidDocument,
  createFileKeyStore,
  createKeySet,
  decryptSecretKey,
  didWebFromUrl,
  encryptSecretKey,
  exportKeyPair,
  generateKeyPair,
  importKeyPair,
  loadOrCreateKeySet,
  parseKeySet,
  rotateKeys,
  unlockIssuerKey,
  verificationMethodId,
} from "./keys";
export { CREDENTIAL_LIMITS, type LimitViolation, findLimitViolation } from "./limits";
export { PROBLEM_CODES, type ProblemCode } from "./messages";
export { type CredentialSigner, createSigner } from "./signer";
export {
  MIN_STATUS_LIST_LENGTH,
  type SignedStatusListCredential,
  type StatusListCredential,
  createStatusListCredential,
  isStatusListCredential,
  readStatus,
  setStatus,
  statusListLength,
} from "./status-list";
export { OB_PNG_KEYWORD, PngError, bakePng, unbakePng } from "./baking";
export { type VerifierPool, createVerifierPool } from "./verifier-pool";
export type {
  DidDocument,
  JsonObject,
  JsonValue,
  OpenBadgeCredential,
  Problem,
  SignedCredential,
} from "./types";
export {
  type VerificationResult,
  type VerificationStatus,
  type VerificationSummary,
  type VerifyCredentialOptions,
  verifyCredential,
} from "./verify";
