// The registration page: live hints for the password rules while typing, then the API decides. Its problem+json
// answers are shown next to each field and in a summary that takes focus.
import { describeWait, fieldErrors, postJson, problemDetail, unavailableMessage } from "./api.js";
import { clearFieldError, ErrorSummary, isBusy, sentence, setBusy, showFieldError } from "./form-errors.js";

const form = document.getElementById("register-form");
const inputs = {
  fullName: document.getElementById("fullName"),
  email: document.getElementById("email"),
  password: document.getElementById("password"),
  confirmPassword: document.getElementById("confirmPassword"),
};
// Names the API might use for a field, mapped to the form's inputs; anything else is shown in the summary only.
const FIELD_ALIASES = {
  name: "fullName",
  full_name: "fullName",
  passwordConfirmation: "confirmPassword",
  confirm_password: "confirmPassword",
};
const submit = document.getElementById("register-submit");
const summary = new ErrorSummary(document.getElementById("error-summary"));
const formStatus = document.getElementById("form-status");
const rules = {
  length: document.querySelector('[data-rule="length"]'),
  personal: document.querySelector('[data-rule="personal"]'),
};
const matchState = document.getElementById("match-state");
let retryTimer = null;

form.addEventListener("submit", register);
form.addEventListener("input", updatePasswordHints);
document.getElementById("show-passwords").addEventListener("change", (event) => {
  const type = event.target.checked ? "text" : "password";
  inputs.password.type = type;
  inputs.confirmPassword.type = type;
});
document.getElementById("registered-resend").addEventListener("click", (event) =>
  resend(event.currentTarget, document.getElementById("registered-email").textContent,
    document.getElementById("registered-status")));

async function register(event) {
  event.preventDefault();
  if (isBusy(submit)) {
    return;
  }
  clearAllErrors();
  const email = inputs.email.value.trim();
  setBusy(submit, true, "Creating account…");
  form.setAttribute("aria-busy", "true");
  const registration = {
    email,
    password: inputs.password.value,
    confirmPassword: inputs.confirmPassword.value,
    fullName: inputs.fullName.value,
  };
  let result = await postJson("/auth/register", { ...registration, ...browserPreferences() });
  if (onlyPreferencesRejected(result)) {
    // Language and time zone only shape the email; the person cannot fix them here, so register without them.
    result = await postJson("/auth/register", registration);
  }
  form.removeAttribute("aria-busy");
  setBusy(submit, false);
  if (result.status === 201) {
    showRegistered(result.body, email);
  } else if (result.status === 409) {
    showAlreadyRegistered(result.body, email);
  } else if (result.status === 429) {
    showRateLimited(result.retryAfterSeconds);
  } else if (result.status === 400 || result.status === 422) {
    showValidationErrors(result.body);
  } else {
    summary.show({ title: "We could not create your account", detail: unavailableMessage(result) });
  }
}

/** The browser's language and time zone, so the email's wording and dates suit the person. */
function browserPreferences() {
  const preferences = {};
  if (navigator.language) {
    preferences.locale = navigator.language;
  }
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (timeZone) {
    preferences.timeZone = timeZone;
  }
  return preferences;
}

function onlyPreferencesRejected(result) {
  const errors = result.status === 400 ? fieldErrors(result.body) : [];
  return errors.length > 0 && errors.every(({ field }) => field === "locale" || field === "timeZone");
}

function showValidationErrors(body) {
  const byInput = new Map();
  const items = [];
  fieldErrors(body).forEach(({ field, message }) => {
    const input = inputs[FIELD_ALIASES[field] || field];
    if (input) {
      byInput.set(input, [...(byInput.get(input) || []), message]);
    }
    const label = input ? document.querySelector(`label[for="${input.id}"]`).textContent : null;
    items.push({ text: label ? `${label}: ${sentence(message)}` : sentence(message), target: input || null });
  });
  // Fields in page order, so the first link in the summary is the first field to fix.
  Object.values(inputs)
    .filter((input) => byInput.has(input))
    .forEach((input) => showFieldError(input, byInput.get(input)));
  items.sort((a, b) => fieldOrder(a.target) - fieldOrder(b.target));
  summary.show({
    title: "There is a problem",
    detail: items.length === 0 ? problemDetail(body, "Please check your details and try again.") : null,
    items,
  });
}

function fieldOrder(input) {
  const order = Object.values(inputs).indexOf(input);
  return order === -1 ? Number.MAX_SAFE_INTEGER : order;
}

function showAlreadyRegistered(body, email) {
  const fromServer = fieldErrors(body).filter(({ field }) => field === "email").map(({ message }) => message);
  showFieldError(inputs.email, fromServer.length > 0 ? fromServer : ["An account with this email address already exists"]);
  const resendButton = document.createElement("button");
  resendButton.type = "button";
  resendButton.className = "link-button";
  resendButton.textContent = "Send a new verification link to this address";
  resendButton.addEventListener("click", () => resend(resendButton, email, formStatus));
  summary.show({
    title: "This email address is already registered",
    detail: "If you have not confirmed it yet, we can send you a new verification link.",
    items: [{ text: "Email address: use a different address, or confirm this one.", target: inputs.email }],
    actions: [resendButton],
  });
}

function showRateLimited(seconds) {
  summary.show({ title: "Too many attempts", detail: describeWait(seconds) });
  if (seconds === null) {
    return;
  }
  // Presses are ignored until the server is willing again, then say so once.
  submit.setAttribute("aria-disabled", "true");
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => {
    submit.removeAttribute("aria-disabled");
    formStatus.textContent = "You can try again now.";
  }, seconds * 1000);
}

function showRegistered(body, typedEmail) {
  // As typed: the stored form spells an internationalised domain in ASCII (xn--…), which people do not recognise.
  const email = typedEmail || (body && typeof body.email === "string" && body.email) || "";
  document.getElementById("registered-email").textContent = email;
  const expiry = document.getElementById("registered-expiry");
  const expiresAt = body && body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && !Number.isNaN(expiresAt.getTime())) {
    const when = expiresAt.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    expiry.textContent = `The link works until ${when}.`;
    expiry.hidden = false;
  }
  // The password has done its job; do not keep it in the page.
  inputs.password.value = "";
  inputs.confirmPassword.value = "";
  document.getElementById("register-view").hidden = true;
  document.getElementById("registered").hidden = false;
  document.title = "Check your inbox · GopherPay";
  document.getElementById("registered-title").focus();
}

async function resend(button, email, status) {
  if (isBusy(button)) {
    return;
  }
  setBusy(button, true, "Sending…");
  status.textContent = "";
  const result = await postJson("/auth/verify-email/resend", { email });
  setBusy(button, false);
  if (result.ok) {
    status.textContent =
      `If ${email} is waiting for confirmation, we have sent it a new link. Only the newest link works.`;
  } else if (result.status === 429) {
    status.textContent = `Too many requests. ${describeWait(result.retryAfterSeconds)}`;
  } else {
    status.textContent = unavailableMessage(result);
  }
}

function clearAllErrors() {
  summary.hide();
  formStatus.textContent = "";
  Object.values(inputs).forEach(clearFieldError);
}

/** Hints only: ticks the rules the page can check; the server still checks all of them (and common passwords). */
function updatePasswordHints() {
  const password = inputs.password.value;
  const length = [...password].length; // code points, as the server counts them
  markRule(rules.length, password === "" ? null : length >= 15 && length <= 128);
  markRule(rules.personal, password === "" ? null : !containsPersonalDetails(password));
  const confirm = inputs.confirmPassword.value;
  matchState.textContent = confirm === "" ? "" : confirm === password ? " Passwords match." : "";
  matchState.classList.toggle("match-ok", confirm !== "" && confirm === password);
}

function containsPersonalDetails(password) {
  const lowered = password.toLowerCase();
  const localPart = inputs.email.value.trim().split("@")[0].toLowerCase();
  const nameParts = inputs.fullName.value.toLowerCase().split(/\s+/);
  return [localPart, ...nameParts]
    .filter((part) => [...part].length >= 3)
    .some((part) => lowered.includes(part));
}

function markRule(element, met) {
  element.classList.toggle("rule-met", met === true);
  element.classList.toggle("rule-unmet", met === false);
  element.querySelector(".rule-state").textContent = met === true ? " (done)" : met === false ? " (not yet)" : "";
}
