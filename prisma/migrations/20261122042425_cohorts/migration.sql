-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CohortMember" ADD COLUMN     "studentId" TEXT;

-- AlterTable
ALTER TABLE "PasswordResetToken" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'reset';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "invitedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CohortCourse" (
    "cohortId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "CohortCourse_pkey" PRIMARY KEY ("cohortId","courseId")
);

-- CreateTable
CREATE TABLE "CohortExamWindow" (
    "cohortId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),

    CONSTRAINT "CohortExamWindow_pkey" PRIMARY KEY ("cohortId","courseId")
);

-- CreateTable
CREATE TABLE "CohortReminder" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sentById" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CohortReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CohortCourse_courseId_idx" ON "CohortCourse"("courseId");

-- CreateIndex
CREATE INDEX "CohortReminder_cohortId_userId_idx" ON "CohortReminder"("cohortId", "userId");

-- AddForeignKey
ALTER TABLE "CohortCourse" ADD CONSTRAINT "CohortCourse_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortExamWindow" ADD CONSTRAINT "CohortExamWindow_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortReminder" ADD CONSTRAINT "CohortReminder_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;
