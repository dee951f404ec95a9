// The verification link's page. Loading it changes nothing (mail scanners prefetch links). The person proves the
// account is theirs with its password, or sets a new one (which drops a password someone else may have registered
// their address with); either form POSTs the token from the address bar. Expired or unusable links lead to a resend
// form.
import { describeWait, fieldErrors, postJson, unavailableMessage } from "./api.js";
import { clearFieldError, isBusy, sentence, setBusy, showFieldError } from "./form-errors.js";

const views = {
  confirm: document.getElementById("confirm-view"),
  verified: document.getElementById("verified-view"),
  resend: document.getElementById("resend-view"),
};
const confirmForm = document.getElementById("confirm-form");
const confirmButton = document.getElementById("confirm-button");
const passwordInput = document.getElementById("password");
const newPasswordForm = document.getElementById("new-password-form");
const newPasswordInput = document.getElementById("newPassword");
const newPasswordSubmit = document.getElementById("new-password-submit");
const chooseNewLine = document.getElementById("choose-new-line");
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
  locked: {
    title: "This link no longer works",
    text: "A wrong password was entered too many times with it. Ask for a new link: with it you can enter your "
      + "password again, or set a new one.",
  },
};

const token = new URLSearchParams(window.location.search).get("token");
confirmForm.addEventListener("submit", (event) => {
  event.preventDefault();
  confirmEmail(confirmButton, passwordInput, { token, password: passwordInput.value });
});
newPasswordForm.addEventListener("submit", (event) => {
  event.preventDefault();
  confirmEmail(newPasswordSubmit, newPasswordInput, { token, newPassword: newPasswordInput.value });
});
document.getElementById("choose-new").addEventListener("click", () => choosePath(true));
document.getElementById("use-current").addEventListener("click", () => choosePath(false));
document.getElementById("show-new-password").addEventListener("change", (event) => {
  newPasswordInput.type = event.target.checked ? "text" : "password";
});
resendForm.addEventListener("submit", requestNewLink);
if (!token || token.trim() === "") {
  showResend("missing", false);
}

/** Switches between "enter the password" and "set a new password", moving focus to the form now shown. */
function choosePath(newPassword) {
  confirmError.hidden = true;
  confirmForm.hidden = newPassword;
  chooseNewLine.hidden = newPassword;
  newPasswordForm.hidden = !newPassword;
  clearFieldError(passwordInput);
  clearFieldError(newPasswordInput);
  if (newPassword) {
    passwordInput.value = "";
    document.getElementById("new-password-title").focus();
  } else {
    newPasswordInput.value = "";
    passwordInput.focus();
  }
}

async function confirmEmail(button, input, body) {
  if (isBusy(button)) {
    return;
  }
  confirmError.hidden = true;
  clearFieldError(input);
  setBusy(button, true, "Confirming…");
  const result = await postJson("/auth/verify-email", body);
  setBusy(button, false);
  const code = result.body && typeof result.body.code === "string" ? result.body.code : "";
  if (result.ok) {
    // The password has done its job; do not keep it in the page.
    passwordInput.value = "";
    newPasswordInput.value = "";
    show("verified");
    document.title = "Email confirmed · GopherPay";
  } else if (result.status === 410) {
    showResend("expired", true);
  } else if (code === "token-locked") {
    showResend("locked", true);
  } else if (code === "password-incorrect") {
    const left = Number.isInteger(result.body.attemptsLeft) ? result.body.attemptsLeft : null;
    const messages = fieldErrors(result.body).map((error) => error.message);
    if (left !== null) {
      messages.push(`You can try ${left} more time${left === 1 ? "" : "s"} with this link`);
    }
    showFieldError(input, messages);
    showConfirmError(messages.map(sentence).join(" "));
  } else if (result.status === 400 && fieldErrors(result.body).length > 0) {
    const messages = fieldErrors(result.body).map((error) => error.message);
    showFieldError(input, messages);
    showConfirmError(messages.map(sentence).join(" "));
  } else if (result.status === 400 || result.status === 404) {
    showResend("invalid", true);
  } else if (result.status === 429) {
    showConfirmError(`Too many attempts. ${describeWait(result.retryAfterSeconds)}`);
  } else if (result.status === 503 && result.retryAfterSeconds !== null) {
    showConfirmError(`GopherPay is very busy right now. Nothing was changed. ${describeWait(result.retryAfterSeconds)}`);
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
