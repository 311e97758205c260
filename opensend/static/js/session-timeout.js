// GOV.UK-style session timeout warning: two minutes before the session ends, a modal dialog
// offers "Stay signed in". Doing nothing signs the person out rather than leaving a page of
// a child's records open on a shared computer.
const body = document.body;
const dialog = document.getElementById("session-timeout");
if (dialog && body.dataset.sessionSeconds) {
  const total = Number(body.dataset.sessionSeconds) * 1000;
  const warning = Number(body.dataset.sessionWarningSeconds) * 1000;
  const countdown = dialog.querySelector("[data-countdown]");
  let warnTimer;
  let endTimer;
  let tick;

  const csrfToken = () => document.querySelector("meta[name=csrf-token]").content;

  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(tick);
    warnTimer = setTimeout(warn, Math.max(total - warning, 0));
    endTimer = setTimeout(() => {
      window.location.href = body.dataset.signedOutUrl;
    }, total);
  };

  const warn = () => {
    let left = Math.round(warning / 1000);
    const show = () => {
      const minutes = Math.floor(left / 60);
      const seconds = left % 60;
      countdown.textContent = minutes > 0
        ? `${minutes} minute${minutes === 1 ? "" : "s"}${seconds ? ` ${seconds} seconds` : ""}`
        : `${seconds} seconds`;
    };
    show();
    tick = setInterval(() => { left = Math.max(left - 1, 0); show(); }, 1000);
    dialog.showModal();
    dialog.querySelector("[data-session-extend]").focus();
  };

  dialog.querySelector("[data-session-extend]").addEventListener("click", async () => {
    await fetch(body.dataset.sessionExtendUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    });
    dialog.close();
    schedule();
  });
  schedule();
}
