-- CreateTable
CREATE TABLE "StudyPassage" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "anchor" TEXT NOT NULL,
    "heading" TEXT NOT NULL,
    "lessonTitle" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "length" INTEGER NOT NULL,

    CONSTRAINT "StudyPassage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudyTerm" (
    "passageId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "lexeme" TEXT NOT NULL,
    "tf" INTEGER NOT NULL,
    "inHeading" BOOLEAN NOT NULL,

    CONSTRAINT "StudyTerm_pkey" PRIMARY KEY ("passageId","lexeme")
);

-- CreateTable
CREATE TABLE "StudyIndexState" (
    "id" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudyIndexState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeItem" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "PracticeItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudyConversation" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT,
    "lessonSlug" TEXT,
    "language" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudyConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudyMessage" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mode" TEXT,
    "model" TEXT,
    "citations" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudyMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudyFlag" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "StudyFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeAttempt" (
    "userId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "answer" JSONB NOT NULL,
    "feedback" JSONB,
    "output" TEXT,
    "checkedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PracticeAttempt_pkey" PRIMARY KEY ("userId","taskId")
);

-- CreateTable
CREATE TABLE "ReviewCard" (
    "userId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "due" TIMESTAMP(3) NOT NULL,
    "card" JSONB NOT NULL,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    "lastReview" TIMESTAMP(3),

    CONSTRAINT "ReviewCard_pkey" PRIMARY KEY ("userId","questionId")
);

-- CreateTable
CREATE TABLE "AiUsage" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "feature" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "costMicros" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AiUsage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StudyPassage_language_idx" ON "StudyPassage"("language");

-- CreateIndex
CREATE INDEX "StudyTerm_language_lexeme_idx" ON "StudyTerm"("language", "lexeme");

-- CreateIndex
CREATE INDEX "PracticeItem_courseId_kind_idx" ON "PracticeItem"("courseId", "kind");

-- CreateIndex
CREATE INDEX "StudyConversation_userId_updatedAt_idx" ON "StudyConversation"("userId", "updatedAt");

-- CreateIndex
CREATE INDEX "StudyConversation_updatedAt_idx" ON "StudyConversation"("updatedAt");

-- CreateIndex
CREATE INDEX "StudyMessage_conversationId_createdAt_idx" ON "StudyMessage"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "StudyFlag_resolvedAt_createdAt_idx" ON "StudyFlag"("resolvedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StudyFlag_messageId_userId_key" ON "StudyFlag"("messageId", "userId");

-- CreateIndex
CREATE INDEX "ReviewCard_userId_due_idx" ON "ReviewCard"("userId", "due");

-- CreateIndex
CREATE INDEX "AiUsage_userId_createdAt_idx" ON "AiUsage"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "AiUsage_createdAt_idx" ON "AiUsage"("createdAt");

-- AddForeignKey
ALTER TABLE "StudyTerm" ADD CONSTRAINT "StudyTerm_passageId_fkey" FOREIGN KEY ("passageId") REFERENCES "StudyPassage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyConversation" ADD CONSTRAINT "StudyConversation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyMessage" ADD CONSTRAINT "StudyMessage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "StudyConversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyFlag" ADD CONSTRAINT "StudyFlag_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "StudyMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyFlag" ADD CONSTRAINT "StudyFlag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewCard" ADD CONSTRAINT "ReviewCard_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiUsage" ADD CONSTRAINT "AiUsage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
