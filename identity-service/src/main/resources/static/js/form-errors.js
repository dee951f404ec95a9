// Shows validation errors the accessible way: a message next to each field (aria-invalid, aria-describedby) and a
// summary at the top that takes focus, so keyboard and screen reader users hear what went wrong and can jump to it.

/** Marks an input invalid and shows its messages in the element with id `<input id>-error`. */
export function showFieldError(input, messages) {
  const error = document.getElementById(`${input.id}-error`);
  error.replaceChildren();
  const prefix = document.createElement("span");
  prefix.className = "visually-hidden";
  prefix.textContent = "Error: ";
  error.append(prefix);
  messages.forEach((message) => {
    const line = document.createElement("span");
    line.className = "field-error-line";
    line.textContent = sentence(message);
    error.append(line);
  });
  error.hidden = false;
  input.setAttribute("aria-invalid", "true");
  input.closest(".field")?.classList.add("field-invalid");
  // The error is read before the hint: it is what the person needs first.
  const hints = originalDescribedBy(input);
  input.setAttribute("aria-describedby", [error.id, hints].filter(Boolean).join(" "));
}

export function clearFieldError(input) {
  const error = document.getElementById(`${input.id}-error`);
  if (error) {
    error.hidden = true;
    error.replaceChildren();
  }
  input.removeAttribute("aria-invalid");
  input.closest(".field")?.classList.remove("field-invalid");
  const hints = originalDescribedBy(input);
  if (hints) {
    input.setAttribute("aria-describedby", hints);
  } else {
    input.removeAttribute("aria-describedby");
  }
}

function originalDescribedBy(input) {
  if (input.dataset.describedby === undefined) {
    input.dataset.describedby = input.getAttribute("aria-describedby") || "";
  }
  return input.dataset.describedby;
}

/** Capitalised and ending with a full stop, whatever shape the server's message has. */
export function sentence(message) {
  const trimmed = message.trim();
  if (trimmed === "") {
    return trimmed;
  }
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * An error summary box: title, optional detail, a list of links to the invalid fields and optional actions.
 * Showing it moves focus to it, which makes screen readers read it out.
 */
export class ErrorSummary {
  constructor(root) {
    this.root = root;
    this.title = root.querySelector(".alert-title");
    this.detail = root.querySelector(".alert-detail");
    this.list = root.querySelector(".alert-list");
    this.actions = root.querySelector(".alert-actions");
    this.defaultTitle = this.title.textContent;
  }

  /** items: [{text, target}] where target is the input to focus when the link is followed (or null). */
  show({ title, detail, items = [], actions = [] }) {
    this.title.textContent = title || this.defaultTitle;
    if (this.detail) {
      this.detail.textContent = detail || "";
      this.detail.hidden = !detail;
    }
    if (this.list) {
      this.list.replaceChildren(...items.map((item) => summaryItem(item)));
      this.list.hidden = items.length === 0;
    }
    if (this.actions) {
      this.actions.replaceChildren(...actions);
      this.actions.hidden = actions.length === 0;
    }
    this.root.hidden = false;
    this.root.focus();
  }

  hide() {
    this.root.hidden = true;
    this.list?.replaceChildren();
    this.actions?.replaceChildren();
  }
}

function summaryItem({ text, target }) {
  const item = document.createElement("li");
  if (!target) {
    item.textContent = text;
    return item;
  }
  const link = document.createElement("a");
  link.href = `#${target.id}`;
  link.textContent = text;
  link.addEventListener("click", (event) => {
    // Following a fragment does not focus an input by itself; put the caret there and keep its label in view.
    event.preventDefault();
    const label = document.querySelector(`label[for="${target.id}"]`);
    (label || target).scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  });
  item.append(link);
  return item;
}

/** Button state while a request is running: stays focusable (unlike `disabled`) but ignores presses. */
export function setBusy(button, busy, busyLabel) {
  if (busy) {
    button.dataset.idleLabel = button.textContent;
    button.textContent = busyLabel;
    button.setAttribute("aria-disabled", "true");
  } else {
    if (button.dataset.idleLabel) {
      button.textContent = button.dataset.idleLabel;
    }
    button.removeAttribute("aria-disabled");
  }
}

export function isBusy(button) {
  return button.getAttribute("aria-disabled") === "true";
}
