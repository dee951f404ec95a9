// The signed-in person's account page. It gets an access token from the refresh cookie (held in memory only), shows
// the profile and settings from GET /account, saves changed settings with PATCH /account/settings and signs out with
// POST /auth/token/revoke, and asks for an email change with POST /account/email. Without a session it goes to the
// sign-in page.
import { describeWait, fieldErrors, unavailableMessage } from "./api.js";
import { clearFieldError, ErrorSummary, isBusy, sentence, setBusy, showFieldError } from "./form-errors.js";
import { authorized, signOut } from "./session.js";

const form = document.getElementById("settings-form");
const inputs = {
  locale: document.getElementById("locale"),
  timeZone: document.getElementById("timeZone"),
  marketingOptIn: document.getElementById("marketingOptIn"),
};
const submit = document.getElementById("settings-submit");
const signOutButton = document.getElementById("sign-out");
const summary = new ErrorSummary(document.getElementById("error-summary"));
const formStatus = document.getElementById("form-status");
let saved = null;

const emailChange = {
  form: document.getElementById("email-change-form"),
  newEmail: document.getElementById("newEmail"),
  password: document.getElementById("currentPassword"),
  submit: document.getElementById("email-change-submit"),
  sent: document.getElementById("email-change-sent"),
  summary: new ErrorSummary(document.getElementById("email-change-summary")),
};

form.addEventListener("submit", saveSettings);
emailChange.form.addEventListener("submit", requestEmailChange);
signOutButton.addEventListener("click", endSession);
document.getElementById("load-retry").addEventListener("click", loadAccount);
offerTimeZones();
loadAccount();

async function loadAccount() {
  document.getElementById("load-error").hidden = true;
  document.getElementById("loading-status").textContent = "Loading your account…";
  const result = await authorized("GET", "/account");
  if (result.ok && result.body) {
    showAccount(result.body);
    document.getElementById("loading-view").hidden = true;
    document.getElementById("account-view").hidden = false;
    document.getElementById("account-title").focus();
  } else if (result.signedOut) {
    toSignIn();
  } else {
    document.getElementById("loading-status").textContent = "";
    document.getElementById("load-error-detail").textContent = waitOrUnavailable(result);
    const error = document.getElementById("load-error");
    error.hidden = false;
    error.focus();
  }
}

function showAccount(account) {
  document.getElementById("account-name").textContent = account.fullName || "";
  document.getElementById("account-email").textContent = account.email || "";
  document.getElementById("account-verified").hidden = account.emailVerified !== true;
  const created = account.createdAt ? new Date(account.createdAt) : null;
  document.getElementById("account-created").textContent = created && !Number.isNaN(created.getTime())
    ? created.toLocaleDateString(undefined, { dateStyle: "long" })
    : "";
  const settings = account.settings || {};
  saved = {
    locale: typeof settings.locale === "string" ? settings.locale : "",
    timeZone: typeof settings.timeZone === "string" ? settings.timeZone : "",
    marketingOptIn: settings.marketingOptIn === true,
  };
  inputs.locale.value = saved.locale;
  inputs.timeZone.value = saved.timeZone;
  inputs.marketingOptIn.checked = saved.marketingOptIn;
}

async function saveSettings(event) {
  event.preventDefault();
  if (isBusy(submit)) {
    return;
  }
  summary.hide();
  formStatus.textContent = "";
  Object.values(inputs).forEach(clearFieldError);
  const changes = changedSettings();
  if (Object.keys(changes).length === 0) {
    formStatus.textContent = "Nothing has changed, so there is nothing to save.";
    return;
  }
  setBusy(submit, true, "Saving…");
  form.setAttribute("aria-busy", "true");
  const result = await authorized("PATCH", "/account/settings", changes);
  form.removeAttribute("aria-busy");
  setBusy(submit, false);
  if (result.ok && result.body) {
    showAccount(result.body);
    formStatus.textContent = "Your settings are saved.";
  } else if (result.signedOut) {
    toSignIn();
  } else if (result.status === 400 && fieldErrors(result.body).length > 0) {
    showValidationErrors(result.body);
  } else {
    summary.show({ title: "We could not save your settings", detail: waitOrUnavailable(result) });
  }
}

/** Only what the person changed, so an untouched setting is never sent back (or rejected) on their behalf. */
function changedSettings() {
  const changes = {};
  const locale = inputs.locale.value.trim();
  const timeZone = inputs.timeZone.value.trim();
  if (locale !== saved.locale) {
    changes.locale = locale;
  }
  if (timeZone !== saved.timeZone) {
    changes.timeZone = timeZone;
  }
  if (inputs.marketingOptIn.checked !== saved.marketingOptIn) {
    changes.marketingOptIn = inputs.marketingOptIn.checked;
  }
  return changes;
}

function showValidationErrors(body) {
  const byInput = new Map();
  const items = [];
  fieldErrors(body).forEach(({ field, message }) => {
    const name = field.startsWith("settings.") ? field.slice("settings.".length) : field;
    const input = inputs[name];
    if (input) {
      byInput.set(input, [...(byInput.get(input) || []), message]);
    }
    const label = input ? document.querySelector(`label[for="${input.id}"]`).textContent : null;
    items.push({ text: label ? `${label}: ${sentence(message)}` : sentence(message), target: input || null });
  });
  const order = Object.values(inputs);
  order.filter((input) => byInput.has(input)).forEach((input) => showFieldError(input, byInput.get(input)));
  const rank = (input) => (order.indexOf(input) === -1 ? order.length : order.indexOf(input));
  items.sort((a, b) => rank(a.target) - rank(b.target));
  summary.show({ title: "There is a problem", items });
}

async function requestEmailChange(event) {
  event.preventDefault();
  if (isBusy(emailChange.submit)) {
    return;
  }
  emailChange.summary.hide();
  emailChange.sent.hidden = true;
  clearFieldError(emailChange.newEmail);
  clearFieldError(emailChange.password);
  setBusy(emailChange.submit, true, "Sending…");
  emailChange.form.setAttribute("aria-busy", "true");
  const newEmail = emailChange.newEmail.value.trim();
  const result = await authorized("POST", "/account/email", { newEmail, password: emailChange.password.value });
  emailChange.form.removeAttribute("aria-busy");
  setBusy(emailChange.submit, false);
  if (result.ok) {
    // The password has done its job; do not keep it in the page.
    emailChange.password.value = "";
    document.getElementById("email-change-sent-detail").textContent = `We sent a link to ${newEmail}. Open it `
      + "to confirm the new address; until then, your current address stays.";
    emailChange.sent.hidden = false;
    emailChange.sent.focus();
  } else if (result.signedOut) {
    toSignIn();
  } else if ((result.status === 400 || result.status === 403) && fieldErrors(result.body).length > 0) {
    const fields = { newEmail: emailChange.newEmail, password: emailChange.password };
    const items = [];
    fieldErrors(result.body).forEach(({ field, message }) => {
      const input = fields[field] || null;
      if (input) {
        showFieldError(input, [message]);
      }
      items.push({ text: sentence(message), target: input });
    });
    emailChange.summary.show({ title: "There is a problem", items });
  } else {
    emailChange.summary.show({ title: "We could not ask for the change", detail: waitOrUnavailable(result) });
  }
}

async function endSession() {
  if (isBusy(signOutButton)) {
    return;
  }
  const status = document.getElementById("sign-out-status");
  status.textContent = "";
  setBusy(signOutButton, true, "Signing out…");
  const result = await signOut();
  setBusy(signOutButton, false);
  if (result.ok || result.status === 401) {
    window.location.assign("/login?signed-out");
  } else {
    status.textContent = `You are still signed in. ${waitOrUnavailable(result)}`;
  }
}

function toSignIn() {
  window.location.replace("/login");
}

function waitOrUnavailable(result) {
  if (result.status === 429) {
    return `Too many requests. ${describeWait(result.retryAfterSeconds)}`;
  }
  if (result.status === 503 && result.retryAfterSeconds !== null) {
    return `GopherPay is very busy right now. ${describeWait(result.retryAfterSeconds)}`;
  }
  return unavailableMessage(result);
}

/** Suggestions for the time zone field, where the browser can list them; any IANA name may still be typed. */
function offerTimeZones() {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const list = document.getElementById("time-zones");
  list.replaceChildren(...["UTC", ...zones.filter((zone) => zone !== "UTC")].map((zone) => {
    const option = document.createElement("option");
    option.value = zone;
    return option;
  }));
}
