import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createOutboxMailer, createSmtpMailer } from "./mailer.server";

type Received = { from: string; to: string[]; raw: string };

describe("SMTP mailer against a local SMTP server", () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        let raw = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => (raw += chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("delivers the message with its envelope, subject and UTF-8 body", async () => {
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: "Maharat <no-reply@maharat.test>" });
    expect(mailer.kind).toBe("smtp");
    await mailer.send({ to: "learner@example.ma", subject: "Réinitialisation", text: "مرحبًا — lien : https://x.test/r/abc" });
    expect(received).toHaveLength(1);
    expect(received[0].from).toBe("no-reply@maharat.test");
    expect(received[0].to).toEqual(["learner@example.ma"]);
    expect(received[0].raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(received[0].raw).toContain("Content-Type: text/plain; charset=utf-8");
  });
});

describe("outbox mailer", () => {
  it("keeps the message in the database for developers and tests", async () => {
    const mailer = createOutboxMailer();
    await mailer.send({ to: "a@example.ma", subject: "Sujet", text: "Corps" });
    expect(await prisma.outboxEmail.findMany({ select: { to: true, subject: true, text: true } })).toEqual([
      { to: "a@example.ma", subject: "Sujet", text: "Corps" },
    ]);
  });
});
