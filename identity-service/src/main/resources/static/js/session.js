// The browser's side of a session. The access token lives in this module's memory only (never in Web Storage or
// IndexedDB, which any script of the origin could read later); the refresh token is an HttpOnly cookie scoped to
// /auth/token that no script can read. Requests that use the cookie prove they come from our own pages by echoing the
// gp_csrf cookie in the X-CSRF-Token header, which another site cannot read (double-submit cookie).
import { postJson, requestJson } from "./api.js";

/** Asks the API to deliver the refresh token as a cookie instead of in the body. */
export const COOKIE_DELIVERY = { "Refresh-Token-Delivery": "cookie" };

let accessToken = null;
let refreshing = null;

/** The value of the gp_csrf cookie, or "" when there is none (not signed in in this browser). */
export function csrfToken() {
  const entry = document.cookie
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("gp_csrf="));
  return entry ? decodeURIComponent(entry.slice("gp_csrf=".length)) : "";
}

/**
 * Trades the refresh cookie for a new access token (the API rotates the cookie at the same time).
 * Resolves with the refresh answer's {ok, status, body, retryAfterSeconds}. One refresh runs at a time: the refresh
 * token is single-use, and a second request with the same cookie would look like reuse and end the session.
 */
export function refresh() {
  if (!refreshing) {
    refreshing = postJson("/auth/token/refresh", {}, { ...COOKIE_DELIVERY, "X-CSRF-Token": csrfToken() })
      .then((result) => {
        accessToken = result.ok && result.body && typeof result.body.access_token === "string"
          ? result.body.access_token
          : null;
        return result;
      })
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

/**
 * Calls the API with the access token, getting one first when there is none, and once more after a 401 (the token
 * may have expired while the page was open). When no token can be had, resolves with the failed refresh's answer,
 * marked `signedOut: true` when only signing in again can help.
 */
export async function authorized(method, path, payload) {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!accessToken) {
      const renewed = await refresh();
      if (!renewed.ok) {
        // 401: no session, or it has ended; 403: the cookies do not belong together (csrf-check-failed). Either way
        // only signing in again helps.
        return { ...renewed, signedOut: renewed.status === 401 || renewed.status === 403 };
      }
    }
    const result = await requestJson(method, path, { payload, headers: { Authorization: `Bearer ${accessToken}` } });
    if (result.status !== 401) {
      return result;
    }
    accessToken = null;
  }
  return { ok: false, status: 401, body: null, retryAfterSeconds: null, signedOut: true };
}

/** Ends the session: the API revokes the refresh token's family and clears both cookies. */
export async function signOut() {
  accessToken = null;
  return postJson("/auth/token/revoke", {}, { "X-CSRF-Token": csrfToken() });
}
