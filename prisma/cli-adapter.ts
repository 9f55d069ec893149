// The driver adapter used by the Prisma CLI (migrate deploy/dev/status) in Rust-free mode.
// Two known adapter-pg 6.19.3 problems are worked around here, for the CLI only:
//  1. The schema engine reads catalog columns typed `name` (OID 19) and `"char"` (OID 18), which adapter-pg
//     rejects as unsupported; they are plain strings, so we report them as `text` (OID 25).
//  2. Its shadow database for `migrate dev` is dropped while its own pool still holds connections; we close
//     the shadow pool first.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type Field = { dataTypeID: number };
function reportCatalogTypesAsText<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results) {
    const fields: Field[] | undefined = r && typeof r === "object" && "fields" in r ? (r.fields as Field[]) : undefined;
    for (const field of fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogTextClient extends pg.Client {
  // pg's query has many overloads (promise or callback); wrap both forms.
  query(...args: unknown[]): never {
    const callbackIndex = args.findIndex((a) => typeof a === "function");
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (err: unknown, res: unknown) => void;
      args[callbackIndex] = (err: unknown, res: unknown) => callback(err, err ? res : reportCatalogTypesAsText(res));
    }
    const config = args[0];
    if (config && typeof config === "object" && "callback" in config && typeof config.callback === "function") {
      const callback = config.callback as (err: unknown, res: unknown) => void;
      config.callback = (err: unknown, res: unknown) => callback(err, err ? res : reportCatalogTypesAsText(res));
    }
    const query = super.query as unknown as (...a: unknown[]) => unknown;
    const returned = query.apply(this, args);
    if (returned instanceof Promise) return returned.then(reportCatalogTypesAsText) as never;
    return returned as never;
  }
}

class CliPgFactory extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  async connectToShadowDb() {
    const admin = new pg.Pool({ ...this.poolConfig, max: 1 });
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    // pg lets connectionString win over `database`, so point the URL itself at the shadow database.
    const url = new URL(this.poolConfig.connectionString ?? "");
    url.pathname = `/${database}`;
    const shadow = new PrismaPg({ ...this.poolConfig, connectionString: url.toString() });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const dropper = new pg.Pool({ ...this.poolConfig, max: 1 });
      await dropper.query(`DROP DATABASE IF EXISTS "${database}"`);
      await dropper.end();
    };
    return adapter;
  }
}

export function createCliAdapter(connectionString: string) {
  return new CliPgFactory({
    connectionString,
    Client: CatalogTextClient,
    max: 2,
    allowExitOnIdle: true,
  });
}
