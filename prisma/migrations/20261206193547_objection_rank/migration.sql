-- AlterTable
ALTER TABLE "MatchObjection" ADD COLUMN     "rank" INTEGER,
ADD COLUMN     "tiedWith" INTEGER;
