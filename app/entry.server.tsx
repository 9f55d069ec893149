import { Transform } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { NonceProvider } from "~/components/nonce";
import { i18nConfig, resources } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { logger } from "~/lib/logger.server";

// server/app.ts reaches the few handlers it mounts outside Remix through the build's entry module, so they share
// this build's modules (and database pools) instead of loading a second copy.
export { autosaveItem } from "~/modules/exams/autosave.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

// One initialised i18next instance per language, shared by every render: the language of an instance never changes
// on the server, and initialising one per request cost more than rendering a small page.
const instances = new Map<string, Promise<i18n>>();
function i18nFor(lng: string) {
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nConfig, lng, resources })
      .then(() => created);
    instances.set(lng, instance);
  }
  return instance;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await i18nFor(await getLanguage(request));
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          const body = withoutNulBytes();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * React 18.3's streaming renderer pads a 2 KB chunk with a NUL byte when a multi-byte character (Arabic) does not fit
 * at its end (react#31134; the character itself follows in the next chunk). Browsers hide it, but it is not valid in
 * HTML text and breaks copy-paste and checks on the page. A NUL byte is never part of a multi-byte UTF-8 sequence
 * (continuation bytes are 0x80–0xBF) and never legitimate in our HTML, so it is dropped on the way out.
 */
function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, url: request.url }, "unhandled error in loader or action");
}
