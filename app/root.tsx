import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import { directionOf } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { getCurrentUser } from "~/modules/accounts/auth.server";
import tailwindHref from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tailwindHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([getLanguage(request), getCurrentUser(request)]);
  // A renewed session's cookie is re-sent by the request's lookup itself (getCurrentUser), whatever the route.
  return {
    locale,
    user: user ? { name: user.name, email: user.email, roles: user.roles, unread: user.unreadNotifications } : null,
  };
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "Maharat" }];

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  const locale = rootData?.locale ?? i18n.language ?? "fr";
  const nonce = useNonce();
  return (
    <html lang={locale} dir={directionOf(locale)} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col bg-stone-50 font-sans text-stone-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user } = useRouteLoaderData<typeof loader>("root") ?? { locale: "fr", user: null };
  useChangeLanguage(locale);
  // Marks the end of hydration (end-to-end tests wait for it before keyboard interaction).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <>
      <SiteHeader user={user} locale={locale} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  const rootData = useRouteLoaderData<typeof loader>("root");
  return (
    <>
      <SiteHeader user={rootData?.user ?? null} locale={rootData?.locale ?? "fr"} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
        <GeneralErrorBoundary />
      </main>
      <SiteFooter />
    </>
  );
}
