// Calls the identity API and turns its answers, including RFC 9457 problem+json errors, into plain results.
// The API is the judge of every input: pages only show what it says.

const NETWORK_STATUS = 0;

/**
 * POSTs a JSON body to a same-origin API path.
 * Resolves (never rejects) with {ok, status, body, retryAfterSeconds}; status 0 means the request never got an answer.
 */
export function postJson(path, payload, headers = {}) {
  return requestJson("POST", path, { payload, headers });
}

/**
 * Sends a request to a same-origin API path: a JSON body when `payload` is given, extra `headers` as they are.
 * Same-origin cookies go along (the refresh cookie is scoped to /auth/token, so only those paths ever see it).
 * Resolves (never rejects) like postJson.
 */
export async function requestJson(method, path, { payload, headers = {} } = {}) {
  const allHeaders = { Accept: "application/json, application/problem+json", ...headers };
  if (payload !== undefined) {
    allHeaders["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: allHeaders,
      body: payload === undefined ? undefined : JSON.stringify(payload),
      credentials: "same-origin",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
  } catch (networkFailure) {
    return { ok: false, status: NETWORK_STATUS, body: null, retryAfterSeconds: null };
  }
  const body = await readJson(response);
  return {
    ok: response.ok,
    status: response.status,
    body,
    retryAfterSeconds: retryAfterSeconds(response.headers.get("Retry-After")),
  };
}

/** The problem type's short name (`code` member), or "" when the answer is not a problem. */
export function problemCode(body) {
  return body && typeof body.code === "string" ? body.code : "";
}

async function readJson(response) {
  const type = response.headers.get("Content-Type") || "";
  if (!type.includes("json")) {
    return null;
  }
  try {
    return await response.json();
  } catch (malformed) {
    return null;
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
function retryAfterSeconds(header) {
  if (!header) {
    return null;
  }
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The per-field errors of a problem+json body, as [{field, message}]; tolerant of a missing or odd list. */
export function fieldErrors(body) {
  if (!body || !Array.isArray(body.errors)) {
    return [];
  }
  return body.errors
    .filter((error) => error && typeof error.message === "string" && error.message.trim() !== "")
    .map((error) => ({ field: typeof error.field === "string" ? error.field : "", message: error.message.trim() }));
}

/** The problem's own explanation when it has one, else the fallback written for people. */
export function problemDetail(body, fallback) {
  if (body && typeof body.detail === "string" && body.detail.trim() !== "") {
    return body.detail.trim();
  }
  return fallback;
}

/** "in 42 seconds (at 10:31)" style wording for a wait, or a generic phrase when the server gave no time. */
export function describeWait(seconds) {
  if (seconds === null || seconds === undefined) {
    return "Please wait a little and try again.";
  }
  const until = new Date(Date.now() + seconds * 1000);
  const clock = until.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const amount = seconds < 90
    ? `${seconds} second${seconds === 1 ? "" : "s"}`
    : `${Math.ceil(seconds / 60)} minutes`;
  return `Please try again in ${amount} (at ${clock}).`;
}

/** Text for answers that are not about the input: no connection, overload, outage. */
export function unavailableMessage(result) {
  if (result.status === NETWORK_STATUS) {
    return "We could not reach GopherPay. Check your connection and try again.";
  }
  if (result.status === 503) {
    return "GopherPay is busy or briefly unavailable. Nothing was saved. Please try again in a moment.";
  }
  if (result.status >= 500) {
    return "Something went wrong on our side. Please try again in a moment.";
  }
  return problemDetail(result.body, "Your request could not be completed. Please try again.");
}
