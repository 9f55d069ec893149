import "@remix-run/node";

// Types loaders/actions for Single Fetch (future.v3_singleFetch is on in remix.config.js).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
