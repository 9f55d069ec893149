-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "behindFrom" DATE;
