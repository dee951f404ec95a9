// The page the password-reset email links to. Opening it changes nothing (mail scanners fetch links before people
// do): the person types the new password twice and the form POSTs it with the token from the address bar. The rules
// shown are the server's own (GET /auth/password/rules); the server checks them all again.
import { describeWait, fieldErrors, postJson, problemCode, requestJson, unavailableMessage } from "./api.js";
import { clearFieldError, ErrorSummary, isBusy, sentence, setBusy, showFieldError } from "./form-errors.js";

const form = document.getElementById("reset-form");
const inputs = {
  password: document.getElementById("password"),
  confirmPassword: document.getElementById("confirmPassword"),
};
const FIELD_ALIASES = { newPassword: "password", passwordConfirmation: "confirmPassword" };
const submit = document.getElementById("reset-submit");
const summary = new ErrorSummary(document.getElementById("error-summary"));
const lengthRule = document.querySelector('[data-rule="length"]');
const matchState = document.getElementById("match-state");
const views = {
  reset: document.getElementById("reset-view"),
  done: document.getElementById("done-view"),
  link: document.getElementById("link-view"),
};
const LINK_PROBLEMS = {
  missing: {
    title: "This link is incomplete",
    text: "Open the link from the email again, or copy all of it into the address bar. You can also ask for a new one.",
  },
  invalid: {
    title: "This link cannot be used",
    text: "It may have been used already, replaced by a newer link, or copied only in part. Ask for a new link.",
  },
  expired: {
    title: "This link has expired",
    text: "Links to choose a new password only work for a limited time. Ask for a new one.",
  },
};
const rules = { minLength: 15, maxLength: 128 };

const token = new URLSearchParams(window.location.search).get("token");
form.addEventListener("submit", resetPassword);
form.addEventListener("input", updateHints);
document.getElementById("show-passwords").addEventListener("change", (event) => {
  const type = event.target.checked ? "text" : "password";
  inputs.password.type = type;
  inputs.confirmPassword.type = type;
});
if (!token || token.trim() === "") {
  showLinkProblem("missing", false);
} else {
  loadRules();
}

/** Reads the configured length rule, so the hint says what the server will check; the defaults stay otherwise. */
async function loadRules() {
  const result = await requestJson("GET", "/auth/password/rules");
  const min = result.ok && result.body ? result.body.minLength : null;
  const max = result.ok && result.body ? result.body.maxLength : null;
  if (Number.isInteger(min) && Number.isInteger(max) && min > 0 && max >= min) {
    rules.minLength = min;
    rules.maxLength = max;
    document.getElementById("min-length").textContent = String(min);
    document.getElementById("max-length").textContent = String(max);
    inputs.password.setAttribute("passwordrules", `minlength: ${min}; maxlength: ${max};`);
    updateHints();
  }
}

async function resetPassword(event) {
  event.preventDefault();
  if (isBusy(submit)) {
    return;
  }
  summary.hide();
  Object.values(inputs).forEach(clearFieldError);
  setBusy(submit, true, "Saving…");
  form.setAttribute("aria-busy", "true");
  const result = await postJson("/auth/password/reset", {
    token,
    password: inputs.password.value,
    confirmPassword: inputs.confirmPassword.value,
  });
  form.removeAttribute("aria-busy");
  setBusy(submit, false);
  const code = problemCode(result.body);
  if (result.ok) {
    showDone(result.body);
  } else if (result.status === 410 || code === "reset-token-expired") {
    showLinkProblem("expired", true);
  } else if (code === "reset-token-invalid") {
    showLinkProblem("invalid", true);
  } else if (fieldErrors(result.body).some((error) => error.field === "token")) {
    // The token is not something the person can fix here: it came with the link.
    showLinkProblem("invalid", true);
  } else if (result.status === 400 && fieldErrors(result.body).length > 0) {
    showValidationErrors(result.body);
  } else if (result.status === 400 || result.status === 404) {
    showLinkProblem("invalid", true);
  } else if (result.status === 429) {
    summary.show({ title: "Too many attempts", detail: `Nothing was changed. ${describeWait(result.retryAfterSeconds)}` });
  } else if (result.status === 503) {
    summary.show({
      title: "GopherPay is very busy right now",
      detail: `Nothing was changed. ${describeWait(result.retryAfterSeconds)}`,
    });
  } else {
    summary.show({ title: "We could not change your password", detail: unavailableMessage(result) });
  }
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
  Object.values(inputs)
    .filter((input) => byInput.has(input))
    .forEach((input) => showFieldError(input, byInput.get(input)));
  const order = Object.values(inputs);
  const rank = (input) => (order.indexOf(input) === -1 ? order.length : order.indexOf(input));
  items.sort((a, b) => rank(a.target) - rank(b.target));
  summary.show({ title: "There is a problem", items });
}

function showDone(body) {
  // The password has done its job; do not keep it in the page.
  inputs.password.value = "";
  inputs.confirmPassword.value = "";
  document.getElementById("done-verified").hidden = !(body && body.addressVerifiedNow === true);
  document.title = "Password changed · GopherPay";
  show("done");
}

function showLinkProblem(reason, moveFocus) {
  document.getElementById("link-title").textContent = LINK_PROBLEMS[reason].title;
  document.getElementById("link-reason").textContent = LINK_PROBLEMS[reason].text;
  document.title = `${LINK_PROBLEMS[reason].title} · GopherPay`;
  show("link", moveFocus);
}

function show(name, moveFocus = true) {
  Object.entries(views).forEach(([key, view]) => {
    view.hidden = key !== name;
  });
  if (moveFocus) {
    views[name].querySelector("h1").focus();
  }
}

/** Hints only: ticks the length rule and says when both fields match; the server decides. */
function updateHints() {
  const password = inputs.password.value;
  const length = [...password].length; // code points, as the server counts them
  const met = password === "" ? null : length >= rules.minLength && length <= rules.maxLength;
  lengthRule.classList.toggle("rule-met", met === true);
  lengthRule.classList.toggle("rule-unmet", met === false);
  lengthRule.querySelector(".rule-state").textContent = met === true ? " (done)" : met === false ? " (not yet)" : "";
  const confirm = inputs.confirmPassword.value;
  matchState.textContent = confirm === "" ? "" : confirm === password ? " Passwords match." : "";
  matchState.classList.toggle("match-ok", confirm !== "" && confirm === password);
}
