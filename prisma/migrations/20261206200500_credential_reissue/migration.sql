-- AlterTable
ALTER TABLE "User" ADD COLUMN     "certificateName" TEXT,
ADD COLUMN     "certificateNameLatin" TEXT;

-- AlterTable
ALTER TABLE "IssuedCredential" ADD COLUMN     "supersedesId" TEXT;

-- DropIndex
DROP INDEX "IssuedCredential_userId_courseId_key";

-- CreateIndex
CREATE INDEX "IssuedCredential_userId_courseId_idx" ON "IssuedCredential"("userId", "courseId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedCredential_supersedesId_key" ON "IssuedCredential"("supersedesId");

-- One current (unrevoked) credential per learner and course: a re-issue revokes the old one in the same transaction.
-- A partial index, which schema.prisma cannot express.
CREATE UNIQUE INDEX "IssuedCredential_userId_courseId_current_key" ON "IssuedCredential"("userId", "courseId") WHERE "revokedAt" IS NULL;
