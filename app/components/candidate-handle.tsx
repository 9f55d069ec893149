import { useTranslation } from "react-i18next";
import { handleCode } from "~/modules/candidates/handle";

/** A job-board pseudonym in the reader's language ("Candidate 4F7K", "مترشح(ة) 4F7K"), isolated for bidi. */
export function CandidateHandle({ handle }: { handle: string }) {
  const { t } = useTranslation();
  return <bdi>{t("jobBoard.pseudonym", { code: handleCode(handle) })}</bdi>;
}
