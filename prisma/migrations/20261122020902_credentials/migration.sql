-- CreateTable
CREATE TABLE "IssuedCredential" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "userId" TEXT,
    "courseId" TEXT,
    "certificationEventId" TEXT,
    "trainingCentreId" TEXT,
    "issuedById" TEXT,
    "json" JSONB NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokeReason" TEXT,
    "statusListId" TEXT NOT NULL,
    "statusIndex" INTEGER NOT NULL,

    CONSTRAINT "IssuedCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CredentialStatusList" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'revocation',
    "length" INTEGER NOT NULL,
    "nextIndex" INTEGER NOT NULL DEFAULT 0,
    "credential" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CredentialStatusList_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IssuedCredential_certificationEventId_key" ON "IssuedCredential"("certificationEventId");

-- CreateIndex
CREATE INDEX "IssuedCredential_trainingCentreId_idx" ON "IssuedCredential"("trainingCentreId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedCredential_userId_courseId_key" ON "IssuedCredential"("userId", "courseId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedCredential_statusListId_statusIndex_key" ON "IssuedCredential"("statusListId", "statusIndex");

-- CreateIndex
CREATE INDEX "CredentialStatusList_purpose_createdAt_idx" ON "CredentialStatusList"("purpose", "createdAt");

-- AddForeignKey
ALTER TABLE "IssuedCredential" ADD CONSTRAINT "IssuedCredential_statusListId_fkey" FOREIGN KEY ("statusListId") REFERENCES "CredentialStatusList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
