-- CreateEnum
CREATE TYPE "AttemptState" AS ENUM ('IN_PROGRESS', 'SUBMITTED', 'AWAITING_REVIEW', 'GRADED');

-- CreateTable
CREATE TABLE "ExamAttempt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "examSlug" TEXT NOT NULL,
    "examVersionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "state" "AttemptState" NOT NULL DEFAULT 'IN_PROGRESS',
    "language" TEXT NOT NULL,
    "itemIds" TEXT[],
    "displayOrders" JSONB NOT NULL,
    "timeFactor" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "finishedBy" TEXT,
    "points" DOUBLE PRECISION,
    "maxPoints" DOUBLE PRECISION,
    "percent" DOUBLE PRECISION,
    "isPassed" BOOLEAN,
    "grades" JSONB,
    "gradedAt" TIMESTAMP(3),

    CONSTRAINT "ExamAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttemptResponse" (
    "attemptId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "response" JSONB NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttemptResponse_pkey" PRIMARY KEY ("attemptId","itemId")
);

-- CreateTable
CREATE TABLE "AttemptEvent" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "reason" TEXT,
    "data" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttemptEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExamAccommodation" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "examSlug" TEXT NOT NULL,
    "timeFactor" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "extraAttempts" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExamAccommodation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificationEvent" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "examSlug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "CertificationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExamAttempt_state_deadlineAt_idx" ON "ExamAttempt"("state", "deadlineAt");

-- CreateIndex
CREATE INDEX "ExamAttempt_examVersionId_idx" ON "ExamAttempt"("examVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "ExamAttempt_userId_examSlug_number_key" ON "ExamAttempt"("userId", "examSlug", "number");

-- CreateIndex
CREATE INDEX "AttemptEvent_attemptId_at_idx" ON "AttemptEvent"("attemptId", "at");

-- CreateIndex
CREATE INDEX "ExamAccommodation_userId_examSlug_createdAt_idx" ON "ExamAccommodation"("userId", "examSlug", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CertificationEvent_attemptId_key" ON "CertificationEvent"("attemptId");

-- CreateIndex
CREATE INDEX "CertificationEvent_processedAt_idx" ON "CertificationEvent"("processedAt");

-- AddForeignKey
ALTER TABLE "ExamAttempt" ADD CONSTRAINT "ExamAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExamAttempt" ADD CONSTRAINT "ExamAttempt_examVersionId_fkey" FOREIGN KEY ("examVersionId") REFERENCES "ExamVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttemptResponse" ADD CONSTRAINT "AttemptResponse_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ExamAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttemptEvent" ADD CONSTRAINT "AttemptEvent_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ExamAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
