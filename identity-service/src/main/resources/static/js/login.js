// The sign-in page. Signs in in browser mode: the refresh token comes back as an HttpOnly cookie, and the access token
// in the body is not kept (the account page gets its own from the cookie), so no token is ever stored by a script.
import { describeWait, fieldErrors, postJson, problemCode, problemDetail, unavailableMessage } from "./api.js";
import { clearFieldError, ErrorSummary, isBusy, sentence, setBusy, showFieldError } from "./form-errors.js";
import { COOKIE_DELIVERY } from "./session.js";

const DEFAULT_RESEND_PATH = "/auth/verify-email/resend";
const form = document.getElementById("login-form");
const inputs = {
  email: document.getElementById("email"),
  password: document.getElementById("password"),
};
const submit = document.getElementById("login-submit");
const summary = new ErrorSummary(document.getElementById("error-summary"));
const formStatus = document.getElementById("form-status");
let retryTimer = null;

form.addEventListener("submit", signIn);
document.getElementById("show-password").addEventListener("change", (event) => {
  inputs.password.type = event.target.checked ? "text" : "password";
});
if (new URLSearchParams(window.location.search).has("signed-out")) {
  document.getElementById("signed-out").hidden = false;
}

async function signIn(event) {
  event.preventDefault();
  if (isBusy(submit)) {
    return;
  }
  clearAllErrors();
  const email = inputs.email.value.trim();
  setBusy(submit, true, "Signing in…");
  form.setAttribute("aria-busy", "true");
  const result = await postJson("/auth/login", { email, password: inputs.password.value }, COOKIE_DELIVERY);
  form.removeAttribute("aria-busy");
  setBusy(submit, false);
  const code = problemCode(result.body);
  if (result.ok) {
    inputs.password.value = "";
    formStatus.textContent = "Signed in. Opening your account…";
    window.location.assign("/account");
  } else if (code === "email-not-verified" || result.status === 403) {
    showNotVerified(result.body, email);
  } else if (code === "invalid-credentials" || result.status === 401) {
    // Deliberately the same for an unknown address and a wrong password: the API does not say which.
    inputs.password.value = "";
    summary.show({
      title: "Email address or password is incorrect",
      detail: "Check both and try again. If you have forgotten your password, you can choose a new one.",
      actions: [forgotLink()],
    });
  } else if (result.status === 429) {
    showWait("Too many sign-in attempts", result.retryAfterSeconds);
  } else if (result.status === 503) {
    showWait("GopherPay is very busy right now", result.retryAfterSeconds);
  } else if (result.status === 400 && fieldErrors(result.body).length > 0) {
    showValidationErrors(result.body);
  } else {
    summary.show({ title: "We could not sign you in", detail: unavailableMessage(result) });
  }
}

function showValidationErrors(body) {
  const items = [];
  fieldErrors(body).forEach(({ field, message }) => {
    const input = inputs[field];
    if (input) {
      showFieldError(input, [message]);
    }
    const label = input ? document.querySelector(`label[for="${input.id}"]`).textContent : null;
    items.push({ text: label ? `${label}: ${sentence(message)}` : sentence(message), target: input || null });
  });
  const order = Object.values(inputs);
  items.sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target));
  summary.show({ title: "There is a problem", items });
}

function showNotVerified(body, email) {
  inputs.password.value = "";
  const resendButton = document.createElement("button");
  resendButton.type = "button";
  resendButton.className = "link-button";
  resendButton.textContent = "Send me a new verification link";
  resendButton.addEventListener("click", () => resend(resendButton, resendPath(body), email));
  summary.show({
    title: "Your email address is not confirmed yet",
    detail: problemDetail(body, "Your password is right, but this account is not active until you open the link we emailed you."),
    actions: [resendButton],
  });
}

/** The resend endpoint the problem points to, when it is one of our own paths. */
function resendPath(body) {
  const uri = body && typeof body.resendUri === "string" ? body.resendUri : "";
  return uri.startsWith("/") && !uri.startsWith("//") ? uri : DEFAULT_RESEND_PATH;
}

async function resend(button, path, email) {
  if (isBusy(button)) {
    return;
  }
  setBusy(button, true, "Sending…");
  formStatus.textContent = "";
  const result = await postJson(path, { email });
  setBusy(button, false);
  if (result.ok) {
    formStatus.textContent = `We have sent a new verification link to ${email}. Only the newest link works.`;
  } else if (result.status === 429) {
    formStatus.textContent = `Too many requests. ${describeWait(result.retryAfterSeconds)}`;
  } else {
    formStatus.textContent = unavailableMessage(result);
  }
}

function showWait(title, seconds) {
  summary.show({ title, detail: `Nothing was changed. ${describeWait(seconds)}` });
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

function forgotLink() {
  const link = document.createElement("a");
  link.href = "/forgot-password";
  link.textContent = "Choose a new password";
  return link;
}

function clearAllErrors() {
  summary.hide();
  document.getElementById("signed-out").hidden = true;
  formStatus.textContent = "";
  Object.values(inputs).forEach(clearFieldError);
}
