import { GeneralErrorBoundary } from "~/components/error-boundary";

// Unknown URLs render the translated 404 page inside the site layout.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
