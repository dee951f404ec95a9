// The "forgot your password" page. The API answers every well-formed address the same way, whether or not it has an
// account, and so does this page: it only ever says that a link is on its way if the address is known.
import { describeWait, fieldErrors, postJson, unavailableMessage } from "./api.js";
import { clearFieldError, ErrorSummary, isBusy, sentence, setBusy, showFieldError } from "./form-errors.js";

const form = document.getElementById("forgot-form");
const email = document.getElementById("email");
const submit = document.getElementById("forgot-submit");
const summary = new ErrorSummary(document.getElementById("error-summary"));

form.addEventListener("submit", requestLink);

async function requestLink(event) {
  event.preventDefault();
  if (isBusy(submit)) {
    return;
  }
  summary.hide();
  clearFieldError(email);
  setBusy(submit, true, "Sending…");
  const result = await postJson("/auth/password/forgot", { email: email.value.trim() });
  setBusy(submit, false);
  if (result.ok) {
    if (result.body && typeof result.body.message === "string" && result.body.message.trim() !== "") {
      document.getElementById("sent-message").textContent = result.body.message.trim();
    }
    document.getElementById("forgot-view").hidden = true;
    document.getElementById("sent-view").hidden = false;
    document.title = "Check your inbox · GopherPay";
    document.getElementById("sent-title").focus();
    return;
  }
  const errors = fieldErrors(result.body);
  if (result.status === 400 && errors.length > 0) {
    showFieldError(email, errors.map((error) => error.message));
    summary.show({ items: errors.map((error) => ({ text: `Email address: ${sentence(error.message)}`, target: email })) });
  } else if (result.status === 429) {
    summary.show({ title: "Too many requests", detail: describeWait(result.retryAfterSeconds) });
  } else if (result.status === 503) {
    summary.show({
      title: "GopherPay is very busy right now",
      detail: `Nothing was sent. ${describeWait(result.retryAfterSeconds)}`,
    });
  } else {
    summary.show({ title: "We could not send the link", detail: unavailableMessage(result) });
  }
}
