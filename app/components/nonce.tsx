import { createContext, useContext } from "react";

// The per-request CSP nonce (set by server/index.ts) reaches inline scripts through this context.
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
