import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvHeaders, csvSeparatorFor, toCsv } from "~/lib/csv";
import { getFixedT, getLanguage } from "~/lib/i18n.server";
import { requireRole } from "~/modules/accounts/auth.server";
import { processingRecord } from "~/modules/privacy/processing-record.server";

/** Platform admins: the record of processing activities, from this deployment's configuration, as a CSV file. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "PLATFORM_ADMIN");
  const language = await getLanguage(request);
  const t = await getFixedT(language);
  const { preamble, header, rows } = processingRecord({ t: (key, values) => t(key, values) });
  const separator = csvSeparatorFor(new URL(request.url), language);
  return new Response(toCsv([...preamble, header, ...rows], separator), { headers: csvHeaders(`maharat-processing-record-${new Date().toISOString().slice(0, 10)}.csv`) });
}
