// The pages behind the two links of an email change: /confirm-email-change (sent to the new address) and
// /cancel-email-change (sent to the current one). Loading either changes nothing (mail scanners prefetch links); the
// person presses the button, which POSTs the token from the address bar to the form's data-endpoint.
import { describeWait, postJson, problemDetail, unavailableMessage } from "./api.js";
import { isBusy, setBusy } from "./form-errors.js";

const form = document.getElementById("link-form");
const button = document.getElementById("link-button");
const error = document.getElementById("link-error");
const token = new URLSearchParams(window.location.search).get("token");

form.addEventListener("submit", submit);
if (!token || token.trim() === "") {
  form.hidden = true;
  showError("This page needs the whole link from the email. Open the link again, or copy all of it into the address"
    + " bar.");
}

async function submit(event) {
  event.preventDefault();
  if (isBusy(button)) {
    return;
  }
  error.hidden = true;
  setBusy(button, true, "Working…");
  const result = await postJson(form.dataset.endpoint, { token });
  setBusy(button, false);
  if (result.ok) {
    document.getElementById("link-view").hidden = true;
    const message = result.body && typeof result.body.message === "string" ? result.body.message : "";
    document.getElementById("done-detail").textContent = message;
    document.getElementById("done-view").hidden = false;
    document.getElementById("done-title").focus();
    document.getElementById("page-status").textContent = document.getElementById("done-title").textContent;
  } else if (result.status === 400 || result.status === 409 || result.status === 410) {
    // The link is used up, replaced, expired or its address taken: pressing again cannot help.
    form.hidden = true;
    showError(problemDetail(result.body, "This link cannot be used."));
  } else if (result.status === 429) {
    showError(`Too many attempts. ${describeWait(result.retryAfterSeconds)}`);
  } else if (result.status === 503 && result.retryAfterSeconds !== null) {
    showError(`GopherPay is very busy right now. Nothing was changed. ${describeWait(result.retryAfterSeconds)}`);
  } else {
    showError(unavailableMessage(result));
  }
}

function showError(detail) {
  document.getElementById("link-error-detail").textContent = detail;
  error.hidden = false;
  error.focus();
}
