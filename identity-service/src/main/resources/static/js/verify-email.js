// The verification link's page. Loading it changes nothing (mail scanners prefetch links); the person presses the
// button, which POSTs the token from the address bar. Expired or unusable links lead to a resend form.
import { describeWait, fieldErrors, postJson, unavailableMessage } from "./api.js";
import { clearFieldError, isBusy, sentence, setBusy, showFieldError } from "./form-errors.js";

const views = {
  confirm: document.getElementById("confirm-view"),
  verified: document.getElementById("verified-view"),
  resend: document.getElementById("resend-view"),
};
const confirmButton = document.getElementById("confirm-button");
const confirmError = document.getElementById("confirm-error");
const resendForm = document.getElementById("resend-form");
const resendEmail = document.getElementById("resend-email");
const resendSubmit = document.getElementById("resend-submit");
const resendError = document.getElementById("resend-error");
const REASONS = {
  missing: {
    title: "Get a new verification link",
    text: "Enter the email address you registered with and we will send you a new link.",
  },
  expired: {
    title: "This link has expired",
    text: "Verification links only work for a limited time. Enter your email address and we will send you a new one.",
  },
  invalid: {
    title: "This link cannot be used",
    text: "It may have been used already, or copied only in part. If you have confirmed your address already, your "
      + "account is active and there is nothing more to do. Otherwise, ask for a new link.",
  },
};

const token = new URLSearchParams(window.location.search).get("token");
confirmButton.addEventListener("click", confirmEmail);
resendForm.addEventListener("submit", requestNewLink);
if (!token || token.trim() === "") {
  showResend("missing", false);
}

async function confirmEmail() {
  if (isBusy(confirmButton)) {
    return;
  }
  confirmError.hidden = true;
  setBusy(confirmButton, true, "Confirming…");
  const result = await postJson("/auth/verify-email", { token });
  setBusy(confirmButton, false);
  if (result.ok) {
    show("verified");
    document.title = "Email confirmed · GopherPay";
  } else if (result.status === 410) {
    showResend("expired", true);
  } else if (result.status === 400 || result.status === 404) {
    showResend("invalid", true);
  } else if (result.status === 429) {
    showConfirmError(`Too many attempts. ${describeWait(result.retryAfterSeconds)}`);
  } else {
    showConfirmError(unavailableMessage(result));
  }
}

function showConfirmError(message) {
  document.getElementById("confirm-error-detail").textContent = message;
  confirmError.hidden = false;
  confirmError.focus();
}

function showResend(reason, moveFocus) {
  document.getElementById("resend-title").textContent = REASONS[reason].title;
  document.getElementById("resend-reason").textContent = REASONS[reason].text;
  document.title = `${REASONS[reason].title} · GopherPay`;
  show("resend", moveFocus);
}

function show(name, moveFocus = true) {
  Object.entries(views).forEach(([key, view]) => {
    view.hidden = key !== name;
  });
  if (moveFocus) {
    views[name].querySelector("h1").focus();
  }
}

async function requestNewLink(event) {
  event.preventDefault();
  if (isBusy(resendSubmit)) {
    return;
  }
  resendError.hidden = true;
  clearFieldError(resendEmail);
  setBusy(resendSubmit, true, "Sending…");
  const result = await postJson("/auth/verify-email/resend", { email: resendEmail.value.trim() });
  setBusy(resendSubmit, false);
  if (result.ok) {
    resendForm.hidden = true;
    const sent = document.getElementById("resend-sent");
    sent.hidden = false;
    sent.focus();
    return;
  }
  const errors = fieldErrors(result.body);
  if (result.status === 400 && errors.length > 0) {
    showFieldError(resendEmail, errors.map((error) => error.message));
    showResendError(errors.map((error) => sentence(error.message)).join(" "));
  } else if (result.status === 429) {
    showResendError(`Too many requests. ${describeWait(result.retryAfterSeconds)}`);
  } else {
    showResendError(unavailableMessage(result));
  }
}

function showResendError(message) {
  document.getElementById("resend-error-detail").textContent = message;
  resendError.hidden = false;
  resendError.focus();
}
